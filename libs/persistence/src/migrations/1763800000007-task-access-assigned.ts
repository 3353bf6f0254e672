import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether a task has an assignee, kept on its access rows too, so that an inbox's badge
 * counts (open, unassigned, overdue) and its unassigned tasks are index-only range scans
 * instead of a visit to every open task of the user's groups.
 */
export class TaskAccessAssigned1763800000007 implements MigrationInterface {
  name = 'TaskAccessAssigned1763800000007';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE task_access ADD COLUMN assigned boolean NOT NULL DEFAULT false;
      UPDATE task_access a SET assigned = true FROM task t WHERE t.id = a.task_id AND t.assignee IS NOT NULL;
      DROP INDEX task_access_created_idx, task_access_due_idx;
      CREATE INDEX task_access_created_idx ON task_access (access_key, state, created_at, task_id) INCLUDE (assigned);
      CREATE INDEX task_access_due_idx ON task_access (access_key, state, due_sort, task_id) INCLUDE (assigned);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP INDEX task_access_created_idx, task_access_due_idx;
      CREATE INDEX task_access_created_idx ON task_access (access_key, state, created_at, task_id);
      CREATE INDEX task_access_due_idx ON task_access (access_key, state, due_sort, task_id);
      ALTER TABLE task_access DROP COLUMN assigned;
    `);
  }
}
