import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The auditor: a user of the region who reads the audit log and nothing else. */
export class AuditorRole1763800000008 implements MigrationInterface {
  name = 'AuditorRole1763800000008';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE user_account DROP CONSTRAINT user_account_role_check, DROP CONSTRAINT user_account_territory_fits_role;
      ALTER TABLE user_account
        ADD CONSTRAINT user_account_role_check CHECK (role IN ('provider', 'orp_official', 'orp_head', 'district_member', 'district_chair',
          'regional_officer', 'council_secretary', 'administrator', 'auditor')),
        ADD CONSTRAINT user_account_territory_fits_role CHECK (
          (role = 'provider' AND territory_kind = 'provider')
          OR (role IN ('orp_official', 'orp_head') AND territory_kind = 'orp')
          OR (role IN ('district_member', 'district_chair') AND territory_kind = 'district')
          OR (role IN ('regional_officer', 'council_secretary', 'administrator', 'auditor') AND territory_kind = 'region'));
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE user_account DROP CONSTRAINT user_account_role_check, DROP CONSTRAINT user_account_territory_fits_role;
      ALTER TABLE user_account
        ADD CONSTRAINT user_account_role_check CHECK (role IN ('provider', 'orp_official', 'orp_head', 'district_member', 'district_chair',
          'regional_officer', 'council_secretary', 'administrator')),
        ADD CONSTRAINT user_account_territory_fits_role CHECK (
          (role = 'provider' AND territory_kind = 'provider')
          OR (role IN ('orp_official', 'orp_head') AND territory_kind = 'orp')
          OR (role IN ('district_member', 'district_chair') AND territory_kind = 'district')
          OR (role IN ('regional_officer', 'council_secretary', 'administrator') AND territory_kind = 'region'));
    `);
  }
}
