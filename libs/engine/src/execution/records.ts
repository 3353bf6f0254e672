import { DEFAULT_TENANT, type ElementInstanceRow, type IncidentRow, type JobRow, type MessageSubscriptionRow, type SignalSubscriptionRow, type TimerRow } from '../state/rows.js';
import type { ExecutionContext } from './context.js';

// The values of the records the execution writes, in Zeebe's shape.

/** The value of a PROCESS_INSTANCE record of an element instance. */
export function recordValue(instance: ElementInstanceRow): Record<string, unknown> {
  return {
    bpmnProcessId: instance.bpmnProcessId,
    version: instance.version,
    processDefinitionKey: instance.processDefinitionKey,
    processInstanceKey: instance.processInstanceKey,
    elementId: instance.elementId,
    flowScopeKey: instance.flowScopeKey,
    bpmnElementType: instance.elementType,
    bpmnEventType: instance.eventType,
    parentProcessInstanceKey: instance.parentProcessInstanceKey,
    parentElementInstanceKey: instance.parentElementInstanceKey,
    tenantId: DEFAULT_TENANT,
  };
}

export function writeLifecycle(ctx: ExecutionContext, instance: ElementInstanceRow, intent: string): void {
  ctx.state.appendRecord('PROCESS_INSTANCE', intent, instance.key, recordValue(instance), ctx.now());
}

export function subscriptionValue(row: MessageSubscriptionRow): Record<string, unknown> {
  return {
    processInstanceKey: row.processInstanceKey,
    elementInstanceKey: row.elementInstanceKey,
    bpmnProcessId: row.bpmnProcessId,
    elementId: row.elementId,
    messageName: row.messageName,
    correlationKey: row.correlationKey,
    interrupting: row.interrupting,
    tenantId: DEFAULT_TENANT,
  };
}

export function timerValue(row: TimerRow): Record<string, unknown> {
  return {
    elementInstanceKey: row.elementInstanceKey,
    processInstanceKey: row.processInstanceKey,
    processDefinitionKey: row.processDefinitionKey,
    targetElementId: row.targetElementId,
    dueDate: row.dueDate,
    repetitions: row.repetitions,
    tenantId: DEFAULT_TENANT,
  };
}

export function writeJob(ctx: ExecutionContext, job: JobRow, intent: string, extra: Record<string, unknown> = {}): void {
  ctx.state.appendRecord('JOB', intent, job.key, { ...jobValue(job), ...extra }, ctx.now());
}

export function signalSubscriptionValue(row: SignalSubscriptionRow): Record<string, unknown> {
  return {
    signalName: row.signalName,
    processInstanceKey: row.processInstanceKey,
    processDefinitionKey: row.processDefinitionKey,
    bpmnProcessId: row.bpmnProcessId,
    catchEventId: row.catchEventId,
    catchEventInstanceKey: row.elementInstanceKey,
    tenantId: DEFAULT_TENANT,
  };
}

export function jobValue(job: JobRow): Record<string, unknown> {
  return {
    type: job.type,
    retries: job.retries,
    worker: job.worker,
    deadline: job.deadline,
    errorMessage: job.errorMessage,
    errorCode: job.errorCode ?? '',
    customHeaders: job.customHeaders,
    elementInstanceKey: job.elementInstanceKey,
    processInstanceKey: job.processInstanceKey,
    bpmnProcessId: job.bpmnProcessId,
    processDefinitionVersion: job.processDefinitionVersion,
    processDefinitionKey: job.processDefinitionKey,
    elementId: job.elementId,
    tenantId: job.tenantId,
  };
}

/** The value of an INCIDENT record: the row without what only the engine keeps (its key, the phase to retry). */
export function incidentValue(row: IncidentRow): Record<string, unknown> {
  const { phase: _phase, key: _key, ...value } = row;
  return value;
}
