import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When each job worker last asked the engine for jobs (and last got one), by job type: the
 * workers write it, `/health` reads it, so a worker whose poll loop is stuck is seen.
 */
export class WorkerLiveness1764000000001 implements MigrationInterface {
  name = 'WorkerLiveness1764000000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE worker_liveness (
        job_type text PRIMARY KEY,
        worker_id text NOT NULL,
        last_poll_at timestamptz NOT NULL,
        last_job_at timestamptz
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE worker_liveness`);
  }
}
