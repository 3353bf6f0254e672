import type { NotificationTemplate } from '@app/domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A notification addressed to a candidate group; the inbox fans it out to the group's users. */
@Entity({ name: 'notification' })
export class NotificationEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  /** The job key (or the history entry) that caused it: the same cause never notifies twice. */
  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey: string;

  /** A candidate group such as `orp:zidlochovice`. */
  @Column({ name: 'recipient_group', type: 'text' })
  recipientGroup: string;

  @Column({ type: 'text' })
  template: NotificationTemplate;

  @Column({ name: 'intention_id', type: 'bigint', nullable: true })
  intentionId: string | null;

  @Column({ type: 'jsonb', default: () => `'{}'::jsonb` })
  data: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
