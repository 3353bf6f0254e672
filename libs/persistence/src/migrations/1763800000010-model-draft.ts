import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Administrators' drafts of models, decisions and forms, saved on the server until deployed:
 * named per owner, the files as a JSON list of { name, content }, and a version that each save
 * increments, so that a save from a stale copy can be refused.
 */
export class ModelDraft1763800000010 implements MigrationInterface {
  name = 'ModelDraft1763800000010';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE model_draft (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_id text NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 120),
        files jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(files) = 'array'),
        version integer NOT NULL DEFAULT 1 CHECK (version > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT model_draft_owner_name UNIQUE (owner_id, name)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE model_draft`);
  }
}
