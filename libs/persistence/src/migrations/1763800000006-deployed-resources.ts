import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DeployedResources1763800000006 implements MigrationInterface {
  name = 'DeployedResources1763800000006';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE deployed_resource (
        target text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('process', 'decision-requirements', 'form')),
        resource_id text NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        definition_key text NOT NULL CHECK (definition_key ~ '^[0-9]+$'),
        deployment_key text NOT NULL CHECK (deployment_key ~ '^[0-9]+$'),
        resource_name text NOT NULL,
        content text NOT NULL,
        deployed_by text NOT NULL,
        deployed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (target, kind, resource_id, version)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE deployed_resource`);
  }
}
