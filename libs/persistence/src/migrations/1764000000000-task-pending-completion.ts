import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A task's completion as the inbox is about to send it to the engine: the submitted values and
 * who completes it, written before the engine is asked. Once the engine has accepted, the local
 * part (state, variables, audit, events) is finished from here, by the request or, when its
 * write failed, by the worker's next round; so no task stays "being completed".
 */
export class TaskPendingCompletion1764000000000 implements MigrationInterface {
  name = 'TaskPendingCompletion1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE task ADD COLUMN pending_completion jsonb CHECK (pending_completion IS NULL OR jsonb_typeof(pending_completion) = 'object')`);
    await db.query(`CREATE INDEX task_pending_completion ON task (completing_since) WHERE pending_completion IS NOT NULL AND state = 'CREATED'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX task_pending_completion`);
    await db.query(`ALTER TABLE task DROP COLUMN pending_completion`);
  }
}
