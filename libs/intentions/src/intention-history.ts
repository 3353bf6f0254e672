import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditLog, systemActor } from '@app/audit';
import { auditActorOf, type Principal } from '@app/auth';
import type { IntentionStatus } from '@app/domain';
import { IntentionEventEntity } from '@app/persistence';

/** Who acted on an intention: a signed-in user, or a process through its worker (`process:<bpmnProcessId>`, without role or territory). */
export type IntentionActor = Principal | string;

export interface IntentionHistoryEntry {
  intentionId: string;
  actor: IntentionActor;
  /** `created`, `updated`, `submitted`, `withdrawal-requested`, `status-changed`; audited as `intention.<action>`. */
  action: string;
  fromStatus: IntentionStatus | null;
  toStatus: IntentionStatus | null;
  data: Record<string, unknown>;
  /** Why: the reason of a status change or of a withdrawal. */
  comment: string | null;
}

/**
 * The only writer of an intention's history. Each entry is mirrored into the audit log in the
 * act's transaction, so the provider's history and the audited record cannot disagree.
 */
@Injectable()
export class IntentionHistory {
  constructor(private readonly audit: AuditLog) {}

  async append(manager: EntityManager, entry: IntentionHistoryEntry): Promise<IntentionEventEntity> {
    const { intentionId, actor, action, fromStatus, toStatus, data, comment } = entry;
    const audited = typeof actor === 'string' ? systemActor(actor) : auditActorOf(actor);
    // The history row first: the audit chain's lock is then held only for the rest of the transaction.
    const event = await manager.save(IntentionEventEntity, { intentionId, actor: audited.actorId, action, fromStatus, toStatus, data, comment });
    await this.audit.record(
      {
        ...audited,
        action: `intention.${action}`,
        entityType: 'intention',
        entityId: intentionId,
        data: { ...data, fromStatus, toStatus, intentionEventId: event.id },
        reason: comment,
      },
      manager,
    );
    return event;
  }
}
