import { DEFAULT_SERVICE_TYPES, JMK_DISTRICTS, JMK_ORPS, JMK_REGION, TARGET_GROUPS } from '@app/domain';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Seeds the shipped defaults: the South Moravian territory (copied from the region's
 * published data), the types of services of Act 108/2006 Coll. and the target groups.
 * Further regions are added as data, not code.
 */
export class SeedCatalogue1763800000001 implements MigrationInterface {
  name = 'SeedCatalogue1763800000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`INSERT INTO region (id, name) VALUES ($1, $2)`, [JMK_REGION.id, JMK_REGION.name]);
    for (const district of JMK_DISTRICTS) {
      await db.query(`INSERT INTO district (id, region_id, name) VALUES ($1, $2, $3)`, [district.id, district.regionId, district.name]);
    }
    for (const orp of JMK_ORPS) {
      await db.query(`INSERT INTO orp (id, district_id, name, population_2021) VALUES ($1, $2, $3, $4)`, [
        orp.id,
        orp.districtId,
        orp.name,
        orp.population2021,
      ]);
    }
    for (const [index, type] of DEFAULT_SERVICE_TYPES.entries()) {
      await db.query(
        `INSERT INTO service_type (paragraph, name, category, forms, registry_id, sort_order) VALUES ($1, $2, $3, $4, $5, $6)`,
        [type.paragraph, type.name, type.category, type.forms, type.registryId, index + 1],
      );
    }
    for (const [index, group] of TARGET_GROUPS.entries()) {
      await db.query(`INSERT INTO target_group (code, name, sort_order) VALUES ($1, $2, $3)`, [group.code, group.name, index + 1]);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`TRUNCATE target_group, service_type, orp, district, region CASCADE`);
  }
}
