import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { NotificationTemplate } from '@app/domain';

export interface NotificationRequest {
  /** The job key or another stable cause: the same cause never notifies a group twice. */
  idempotencyKey: string;
  template: NotificationTemplate;
  recipientGroups: readonly string[];
  intentionId: string | null;
  data: Record<string, unknown>;
}

/** Notifications to candidate groups; the inbox fans them out to each group's users and channels. */
@Injectable()
export class NotificationService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  send(request: NotificationRequest): Promise<void> {
    return this.sendIn(this.dataSource.manager, request);
  }

  /** Within the caller's transaction, so that a notification exists exactly when its cause does. */
  async sendIn(manager: EntityManager, request: NotificationRequest): Promise<void> {
    await manager.query(
      `INSERT INTO notification (idempotency_key, recipient_group, template, intention_id, data)
       SELECT $1, recipient_group, $3, $4, $5 FROM unnest($2::text[]) AS recipient_group
       ON CONFLICT (idempotency_key, recipient_group) DO NOTHING`,
      [request.idempotencyKey, [...new Set(request.recipientGroups)], request.template, request.intentionId, request.data],
    );
  }
}
