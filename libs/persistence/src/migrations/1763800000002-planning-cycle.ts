import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the workers of the planning cycle store: the intention's place in its process,
 * the ORP's declarations, the district team and its opinions, the resolutions of the
 * Council and the Assembly, the yearly Action Plans and the notifications.
 * Statuses and codes are literals: a migration must not change when the code does.
 */
export class PlanningCycle1763800000002 implements MigrationInterface {
  name = 'PlanningCycle1763800000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE intention
        ADD COLUMN process_instance_key text,
        ADD COLUMN submitted_at timestamptz,
        ADD COLUMN district_score numeric(4, 2) CHECK (district_score BETWEEN 0 AND 5),
        ADD COLUMN status_reason text,
        ADD CONSTRAINT intention_status_known CHECK (status IN (
          'draft', 'submitted', 'returned_for_completion', 'need_declared', 'need_refused', 'in_district_review',
          'recommended_by_district', 'not_recommended_by_district', 'recommended_by_council', 'not_recommended_by_council',
          'approved_by_assembly', 'rejected_by_assembly', 'included_in_action_plan', 'in_reserve', 'withdrawn')),
        -- Submitting starts the process and stamps the time in one step; a draft has neither.
        ADD CONSTRAINT intention_submitted_with_process CHECK (
          (status = 'draft') = (submitted_at IS NULL) AND (status = 'draft') = (process_instance_key IS NULL));
      CREATE UNIQUE INDEX intention_process_instance_idx ON intention (process_instance_key);
      CREATE INDEX intention_duplicate_idx ON intention (provider_ico, service_type, orp_id, plan_year);

      CREATE TABLE need_declaration (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        intention_id bigint NOT NULL REFERENCES intention (id),
        job_key text NOT NULL UNIQUE,
        decision text NOT NULL CHECK (decision IN ('declared', 'refused')),
        community_plan_title text CHECK (char_length(community_plan_title) BETWEEN 1 AND 300),
        community_plan_period text CHECK (community_plan_period ~ '^\\d{4}[–-]\\d{4}$'),
        community_plan_measure text CHECK (char_length(community_plan_measure) BETWEEN 1 AND 300),
        cofinancing_rate numeric(5, 4) CHECK (cofinancing_rate BETWEEN 0 AND 1),
        required_cofinancing bigint CHECK (required_cofinancing >= 0),
        pledged_cofinancing bigint CHECK (pledged_cofinancing >= 0),
        refusal_reason text CHECK (char_length(refusal_reason) BETWEEN 1 AND 2000),
        declared_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT need_declaration_declared_cites_plan CHECK (decision <> 'declared' OR (
          community_plan_title IS NOT NULL AND community_plan_period IS NOT NULL AND community_plan_measure IS NOT NULL
          AND refusal_reason IS NULL)),
        CONSTRAINT need_declaration_refused_with_reason CHECK (decision <> 'refused' OR (
          refusal_reason IS NOT NULL AND community_plan_title IS NULL AND pledged_cofinancing IS NULL)),
        -- A pledge exists exactly for a declared new service and covers the required share.
        CONSTRAINT need_declaration_pledge_covers_share CHECK (
          (required_cofinancing IS NULL) = (pledged_cofinancing IS NULL) AND pledged_cofinancing >= required_cofinancing)
      );
      CREATE INDEX need_declaration_intention_idx ON need_declaration (intention_id, id);

      CREATE TABLE district_team_member (
        district_id text NOT NULL REFERENCES district (id),
        user_id text NOT NULL CHECK (user_id <> ''),
        role text NOT NULL CHECK (role IN ('member', 'chair')),
        PRIMARY KEY (district_id, user_id)
      );
      CREATE UNIQUE INDEX district_team_one_chair_idx ON district_team_member (district_id) WHERE role = 'chair';

      -- One round of the district team's opinions; an intention returned to the ORP is reviewed again.
      CREATE TABLE district_review (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        intention_id bigint NOT NULL REFERENCES intention (id),
        job_key text NOT NULL UNIQUE,
        score numeric(4, 2) CHECK (score BETWEEN 0 AND 5),
        score_need numeric(4, 2) CHECK (score_need BETWEEN 0 AND 5),
        score_availability numeric(4, 2) CHECK (score_availability BETWEEN 0 AND 5),
        score_cost numeric(4, 2) CHECK (score_cost BETWEEN 0 AND 5),
        score_quality numeric(4, 2) CHECK (score_quality BETWEEN 0 AND 5),
        score_interconnection numeric(4, 2) CHECK (score_interconnection BETWEEN 0 AND 5),
        summarized_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX district_review_intention_idx ON district_review (intention_id, id);

      CREATE TABLE district_opinion (
        review_id bigint NOT NULL REFERENCES district_review (id),
        member text NOT NULL CHECK (member <> ''),
        need smallint NOT NULL CHECK (need BETWEEN 0 AND 5),
        availability smallint NOT NULL CHECK (availability BETWEEN 0 AND 5),
        cost smallint NOT NULL CHECK (cost BETWEEN 0 AND 5),
        quality smallint NOT NULL CHECK (quality BETWEEN 0 AND 5),
        interconnection smallint NOT NULL CHECK (interconnection BETWEEN 0 AND 5),
        comment text NOT NULL,
        PRIMARY KEY (review_id, member)
      );

      -- A numbered resolution has one date; it may decide about many subjects.
      CREATE TABLE resolution (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        body text NOT NULL CHECK (body IN ('council', 'assembly')),
        number text NOT NULL,
        adopted_on date NOT NULL,
        CONSTRAINT resolution_number_format CHECK (
          (body = 'council' AND number ~ '^\\d{1,5}/\\d{2}/R\\d{1,3}$') OR (body = 'assembly' AND number ~ '^\\d{1,5}/\\d{2}/Z\\d{1,2}$')),
        UNIQUE (body, number)
      );
      CREATE TABLE resolution_subject (
        resolution_id bigint NOT NULL REFERENCES resolution (id),
        subject text NOT NULL CHECK (subject IN ('intention', 'action-plan')),
        subject_id text NOT NULL CHECK (subject_id ~ '^[1-9]\\d*$'),
        decision text NOT NULL,
        job_key text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (resolution_id, subject, subject_id)
      );
      CREATE INDEX resolution_subject_idx ON resolution_subject (subject, subject_id);

      CREATE TABLE action_plan (
        plan_year integer PRIMARY KEY CHECK (plan_year BETWEEN 2000 AND 2100),
        process_instance_key text UNIQUE,
        status text NOT NULL CHECK (status IN ('call_open', 'draft', 'approved')),
        budget_ceiling bigint CHECK (budget_ceiling >= 0),
        call_closing_at timestamptz NOT NULL,
        draft_job_key text,
        included_count integer NOT NULL DEFAULT 0 CHECK (included_count >= 0),
        included_total bigint NOT NULL DEFAULT 0 CHECK (included_total >= 0),
        reserve_count integer NOT NULL DEFAULT 0 CHECK (reserve_count >= 0),
        resolution_id bigint REFERENCES resolution (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT action_plan_under_ceiling CHECK (included_total = 0 OR included_total <= budget_ceiling),
        CONSTRAINT action_plan_approved_by_resolution CHECK ((status = 'approved') = (resolution_id IS NOT NULL))
      );
      CREATE TABLE action_plan_item (
        plan_year integer NOT NULL REFERENCES action_plan (plan_year),
        intention_id bigint NOT NULL REFERENCES intention (id),
        placement text NOT NULL CHECK (placement IN ('included', 'reserve')),
        rank integer NOT NULL CHECK (rank > 0),
        PRIMARY KEY (plan_year, intention_id),
        UNIQUE (plan_year, rank)
      );
      -- An intention enters one Action Plan at most; the reserve list carries it to the next year.
      CREATE UNIQUE INDEX action_plan_item_included_once_idx ON action_plan_item (intention_id) WHERE placement = 'included';

      CREATE TABLE notification (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        idempotency_key text NOT NULL,
        recipient_group text NOT NULL CHECK (recipient_group ~ '^[a-z-]+:[a-z0-9:-]+$'),
        template text NOT NULL CHECK (template IN (
          'declaration-reminder', 'declaration-escalated', 'returned-to-orp', 'intention-status-changed')),
        intention_id bigint REFERENCES intention (id),
        data jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (idempotency_key, recipient_group)
      );
      CREATE INDEX notification_recipient_idx ON notification (recipient_group, id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE notification, action_plan_item, action_plan, resolution_subject, resolution, district_opinion, district_review,
        district_team_member, need_declaration;
      DROP INDEX intention_duplicate_idx, intention_process_instance_idx;
      ALTER TABLE intention
        DROP CONSTRAINT intention_submitted_with_process,
        DROP CONSTRAINT intention_status_known,
        DROP COLUMN status_reason,
        DROP COLUMN district_score,
        DROP COLUMN submitted_at,
        DROP COLUMN process_instance_key;
    `);
  }
}
