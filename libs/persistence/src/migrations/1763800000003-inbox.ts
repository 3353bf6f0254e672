import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The officials' inbox: user accounts and refresh tokens, tasks mirrored from the engine's
 * user-task jobs with their access keys, comments, the event log behind the live updates,
 * per-user notifications with channel preferences, and the delivery outbox.
 * Roles, states and kinds are literals: a migration must not change when the code does.
 */
export class Inbox1763800000003 implements MigrationInterface {
  name = 'Inbox1763800000003';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- A local account (login and argon2id hash) or one provisioned from an OIDC provider's token.
      CREATE TABLE user_account (
        id text PRIMARY KEY CHECK (id ~ '^\\S{1,200}$'),
        login text UNIQUE CHECK (login ~ '^[a-z0-9._-]{2,64}$'),
        password_hash text,
        display_name text NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 200),
        email text CHECK (email ~ '^[^@\\s]+@[^@\\s]+$'),
        role text NOT NULL CHECK (role IN ('provider', 'orp_official', 'orp_head', 'district_member', 'district_chair',
          'regional_officer', 'council_secretary', 'administrator')),
        territory_kind text NOT NULL,
        territory_id text NOT NULL CHECK (territory_id <> ''),
        source text NOT NULL CHECK (source IN ('local', 'oidc')),
        disabled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT user_account_local_has_password CHECK ((source = 'local') = (login IS NOT NULL AND password_hash IS NOT NULL)),
        CONSTRAINT user_account_territory_fits_role CHECK (
          (role = 'provider' AND territory_kind = 'provider')
          OR (role IN ('orp_official', 'orp_head') AND territory_kind = 'orp')
          OR (role IN ('district_member', 'district_chair') AND territory_kind = 'district')
          OR (role IN ('regional_officer', 'council_secretary', 'administrator') AND territory_kind = 'region'))
      );
      -- The members of a candidate group: users of one role and territory.
      CREATE INDEX user_account_territory_idx ON user_account (territory_kind, territory_id, role);

      -- Rotating refresh tokens, stored as SHA-256 of the secret; a family is one sign-in.
      CREATE TABLE refresh_token (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id text NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
        family uuid NOT NULL,
        token_hash bytea NOT NULL,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        rotated_at timestamptz,
        revoked_at timestamptz
      );
      CREATE INDEX refresh_token_family_idx ON refresh_token (family);

      -- A user task of the engine (a job of type io.camunda.zeebe:userTask), one row per job.
      CREATE TABLE task (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        job_key text NOT NULL UNIQUE CHECK (job_key ~ '^\\d+$'),
        name text NOT NULL,
        element_id text NOT NULL,
        bpmn_process_id text NOT NULL,
        process_name text NOT NULL,
        process_instance_key text NOT NULL,
        process_definition_key text NOT NULL,
        intention_id bigint,
        orp_id text,
        district_id text,
        candidate_groups text[] NOT NULL DEFAULT '{}',
        candidate_users text[] NOT NULL DEFAULT '{}',
        assignee text,
        state text NOT NULL DEFAULT 'CREATED' CHECK (state IN ('CREATED', 'COMPLETED', 'CANCELED')),
        priority smallint NOT NULL DEFAULT 50 CHECK (priority BETWEEN 0 AND 100),
        due_at timestamptz,
        follow_up_at timestamptz,
        form_id text,
        form_key text,
        variables jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        completed_by text,
        canceled_at timestamptz,
        -- While set, a completion is on its way to the engine; nobody else may complete.
        completing_since timestamptz,
        -- When the job's activation runs out unless renewed (UpdateJobTimeout).
        lease_until timestamptz NOT NULL,
        reminded_at timestamptz,
        overdue_notified_at timestamptz,
        CONSTRAINT task_completed_when CHECK ((state = 'COMPLETED') = (completed_at IS NOT NULL)),
        CONSTRAINT task_canceled_when CHECK ((state = 'CANCELED') = (canceled_at IS NOT NULL))
      );
      CREATE INDEX task_state_created_idx ON task (state, created_at, id);
      CREATE INDEX task_process_instance_idx ON task (process_instance_key);
      CREATE INDEX task_intention_idx ON task (intention_id, id);
      CREATE INDEX task_assignee_idx ON task (assignee, state);
      CREATE INDEX task_open_lease_idx ON task (lease_until) WHERE state = 'CREATED';
      CREATE INDEX task_open_due_idx ON task (due_at) WHERE state = 'CREATED' AND due_at IS NOT NULL;

      -- Who may see a task, one row per key ('g:<candidate group>', 'u:<user id>' of a candidate
      -- user or the assignee), with the sort keys, so that an inbox page is an ordered index range.
      CREATE TABLE task_access (
        task_id bigint NOT NULL REFERENCES task (id) ON DELETE CASCADE,
        access_key text NOT NULL,
        state text NOT NULL,
        created_at timestamptz NOT NULL,
        -- due_at, with 'infinity' for none, so that keyset comparisons need no NULL cases.
        due_sort timestamptz NOT NULL,
        priority smallint NOT NULL,
        PRIMARY KEY (task_id, access_key)
      );
      CREATE INDEX task_access_created_idx ON task_access (access_key, state, created_at, task_id);
      CREATE INDEX task_access_due_idx ON task_access (access_key, state, due_sort, task_id);
      CREATE INDEX task_access_priority_idx ON task_access (access_key, state, priority, task_id);

      CREATE TABLE task_comment (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        task_id bigint NOT NULL REFERENCES task (id) ON DELETE CASCADE,
        author_id text NOT NULL REFERENCES user_account (id),
        body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 4000),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX task_comment_task_idx ON task_comment (task_id, id);

      -- What the live inboxes are told, in commit order (writers serialise on an advisory lock);
      -- audience holds access keys as in task_access ('*' reaches administrators).
      CREATE TABLE inbox_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        type text NOT NULL,
        audience text[] NOT NULL,
        data jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE user_notification (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id text NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
        -- The event it reports: one notification per user and event, however often it is reported.
        source_key text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('task-created', 'task-assigned', 'task-due-soon', 'task-overdue',
          'declaration-reminder', 'declaration-escalated', 'returned-to-orp', 'intention-status-changed')),
        title text NOT NULL,
        body text NOT NULL,
        task_id bigint REFERENCES task (id) ON DELETE SET NULL,
        intention_id bigint,
        in_app boolean NOT NULL,
        read_at timestamptz,
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (user_id, source_key)
      );
      CREATE INDEX user_notification_inbox_idx ON user_notification (user_id, id) WHERE in_app;
      CREATE INDEX user_notification_unread_idx ON user_notification (user_id) WHERE in_app AND read_at IS NULL AND archived_at IS NULL;

      CREATE TABLE notification_preference (
        user_id text PRIMARY KEY REFERENCES user_account (id) ON DELETE CASCADE,
        in_app boolean NOT NULL,
        email boolean NOT NULL,
        webhook boolean NOT NULL,
        webhook_url text CHECK (webhook_url ~ '^https?://'),
        webhook_secret text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT notification_preference_webhook_target CHECK (NOT webhook OR (webhook_url IS NOT NULL AND webhook_secret IS NOT NULL))
      );

      -- Deliveries written in the transaction that created the notification, sent by the worker.
      CREATE TABLE outbox_message (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        idempotency_key text NOT NULL UNIQUE,
        channel text NOT NULL CHECK (channel IN ('email', 'webhook')),
        notification_id bigint NOT NULL REFERENCES user_notification (id) ON DELETE CASCADE,
        user_id text NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
        recipient text NOT NULL,
        payload jsonb NOT NULL,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'logged', 'dead')),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz,
        last_error text,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX outbox_message_pending_idx ON outbox_message (next_attempt_at, id) WHERE state = 'pending';
      CREATE INDEX outbox_message_user_idx ON outbox_message (user_id, id);

      -- Group notifications (notification.send, status decisions) already turned into user notifications.
      CREATE TABLE notification_fanout (
        notification_id bigint PRIMARY KEY REFERENCES notification (id),
        fanned_out_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE notification_fanout, outbox_message, notification_preference, user_notification, inbox_event, task_comment,
        task_access, task, refresh_token, user_account;
    `);
  }
}
