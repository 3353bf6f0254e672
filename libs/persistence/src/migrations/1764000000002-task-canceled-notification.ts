import type { MigrationInterface, QueryRunner } from 'typeorm';

const BEFORE = `'task-created', 'task-assigned', 'task-due-soon', 'task-overdue', 'declaration-reminder', 'declaration-escalated', 'returned-to-orp', 'intention-status-changed'`;

/** The assignee of a task that a withdrawal (or a cancelled instance) ends is told: notifications of kind `task-canceled`. */
export class TaskCanceledNotification1764000000002 implements MigrationInterface {
  name = 'TaskCanceledNotification1764000000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE user_notification DROP CONSTRAINT user_notification_kind_check`);
    await db.query(`ALTER TABLE user_notification ADD CONSTRAINT user_notification_kind_check CHECK (kind IN (${BEFORE}, 'task-canceled'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM user_notification WHERE kind = 'task-canceled'`);
    await db.query(`ALTER TABLE user_notification DROP CONSTRAINT user_notification_kind_check`);
    await db.query(`ALTER TABLE user_notification ADD CONSTRAINT user_notification_kind_check CHECK (kind IN (${BEFORE}))`);
  }
}
