import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE region (
        id text PRIMARY KEY,
        name text NOT NULL
      );
      CREATE TABLE district (
        id text PRIMARY KEY,
        region_id text NOT NULL REFERENCES region (id),
        name text NOT NULL
      );
      CREATE TABLE orp (
        id text PRIMARY KEY,
        district_id text NOT NULL REFERENCES district (id),
        name text NOT NULL,
        population_2021 integer NOT NULL CHECK (population_2021 >= 0)
      );
      CREATE INDEX orp_district_idx ON orp (district_id);

      CREATE TABLE service_type (
        paragraph text PRIMARY KEY,
        name text NOT NULL,
        category text NOT NULL CHECK (category IN ('socialni_poradenstvi', 'socialni_pece', 'socialni_prevence')),
        forms text[] NOT NULL CHECK (cardinality(forms) > 0 AND forms <@ ARRAY['pobytova', 'ambulantni', 'terenni']),
        registry_id text NOT NULL UNIQUE,
        sort_order integer NOT NULL
      );
      CREATE TABLE target_group (
        code text PRIMARY KEY,
        name text NOT NULL,
        sort_order integer NOT NULL
      );

      CREATE TABLE intention (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        status text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('new_service', 'capacity_increase')),
        existing_service_registry_id text,
        provider_name text NOT NULL,
        provider_ico char(8) NOT NULL,
        service_type text NOT NULL REFERENCES service_type (paragraph),
        form text CHECK (form IN ('pobytova', 'ambulantni', 'terenni')),
        target_groups text[] NOT NULL DEFAULT '{}',
        orp_id text NOT NULL REFERENCES orp (id),
        capacity numeric(10, 2) CHECK (capacity > 0),
        capacity_unit text CHECK (capacity_unit IN ('beds', 'fte')),
        yearly_costs bigint CHECK (yearly_costs >= 0),
        requested_subsidy bigint CHECK (requested_subsidy >= 0),
        plan_year integer NOT NULL,
        justification text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL,
        CHECK (requested_subsidy <= yearly_costs)
      );
      CREATE INDEX intention_status_idx ON intention (status, id);
      CREATE INDEX intention_orp_idx ON intention (orp_id, id);
      CREATE INDEX intention_year_idx ON intention (plan_year, id);
      CREATE INDEX intention_service_type_idx ON intention (service_type, id);

      CREATE TABLE intention_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        intention_id bigint NOT NULL REFERENCES intention (id),
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        action text NOT NULL,
        from_status text,
        to_status text,
        data jsonb NOT NULL DEFAULT '{}'::jsonb,
        comment text
      );
      CREATE INDEX intention_event_intention_idx ON intention_event (intention_id, id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE intention_event, intention, target_group, service_type, orp, district, region`);
  }
}
