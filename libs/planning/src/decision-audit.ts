import type { EntityManager } from 'typeorm';
import { systemActor, type AuditLog } from '@app/audit';

/** The job through which a process records a decision: the process is who decided, the job key what makes a redelivery the same decision. */
export interface DecidingJob {
  key: string;
  bpmnProcessId: string;
  processInstanceKey: string;
}

export interface RecordedDecision {
  /** e.g. `need-declaration.declared`. */
  action: string;
  entityType: string;
  entityId: string;
  /** What was decided; `intentionId` when it is about one intention (the audit search finds it by that). */
  data: Record<string, unknown>;
  /** Why, where the decider gave a reason. */
  reason?: string | null;
}

/** Who a process's decision is by, as in an intention's history. */
export function processActor(job: Pick<DecidingJob, 'bpmnProcessId'>): string {
  return `process:${job.bpmnProcessId}`;
}

/**
 * Appends a decision that a process's job recorded to the audit log, in the transaction that
 * stored it: the process is the actor (no role or territory), the instance and the job are in the data.
 */
export function auditJobDecision(audit: AuditLog, manager: EntityManager, job: DecidingJob, decision: RecordedDecision): Promise<unknown> {
  return audit.record(
    {
      ...systemActor(processActor(job)),
      action: decision.action,
      entityType: decision.entityType,
      entityId: decision.entityId,
      data: { ...decision.data, processInstanceKey: job.processInstanceKey, jobKey: job.key },
      reason: decision.reason ?? null,
    },
    manager,
  );
}
