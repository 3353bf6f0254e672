import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ModelDeployment1763800000005 implements MigrationInterface {
  name = 'ModelDeployment1763800000005';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE model_deployment (
        target text NOT NULL,
        checksum char(64) NOT NULL CHECK (checksum ~ '^[0-9a-f]{64}$'),
        deployment_key text NOT NULL CHECK (deployment_key ~ '^[0-9]+$'),
        resource_names text[] NOT NULL,
        deployed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (target, checksum)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE model_deployment`);
  }
}
