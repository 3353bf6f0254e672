import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A per-account counter of authorization changes (role, territory, disabled). Access tokens
 * carry the value they were issued at, so that a change takes effect at the next request
 * instead of when the token expires.
 */
export class AccountAuthorizationVersion1763800000009 implements MigrationInterface {
  name = 'AccountAuthorizationVersion1763800000009';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE user_account ADD COLUMN authorization_version integer NOT NULL DEFAULT 0 CHECK (authorization_version >= 0)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE user_account DROP COLUMN authorization_version`);
  }
}
