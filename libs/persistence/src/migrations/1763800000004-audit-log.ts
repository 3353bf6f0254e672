import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The audit log: append-only by the database's own rule, whoever connects. */
export class AuditLog1763800000004 implements MigrationInterface {
  name = 'AuditLog1763800000004';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE audit_entry (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        occurred_at timestamptz NOT NULL,
        actor_id text NOT NULL,
        actor_role text,
        actor_territory text,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}'::jsonb,
        reason text,
        previous_hash char(64) NOT NULL CHECK (previous_hash ~ '^[0-9a-f]{64}$'),
        hash char(64) NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$')
      );
      CREATE INDEX audit_entry_entity_idx ON audit_entry (entity_type, entity_id, id);
      CREATE INDEX audit_entry_actor_idx ON audit_entry (actor_id, id);
      CREATE INDEX audit_entry_action_idx ON audit_entry (action, id);
      CREATE INDEX audit_entry_time_idx ON audit_entry (occurred_at, id);

      CREATE FUNCTION audit_entry_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER audit_entry_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_entry
        FOR EACH ROW EXECUTE FUNCTION audit_entry_is_append_only();
      CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
        FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_is_append_only();
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_entry; DROP FUNCTION audit_entry_is_append_only()`);
  }
}
