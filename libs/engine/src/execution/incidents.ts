import { DEFAULT_TENANT, NO_KEY, type ElementInstanceRow, type IncidentPhase } from '../state/rows.js';
import type { ExecutionContext } from './context.js';
import { incidentValue } from './records.js';

// Incidents: raised where an element cannot go on, resolved by command or when the element ends.

export function raiseIncident(ctx: ExecutionContext, instance: ElementInstanceRow, errorType: string, errorMessage: string, phase: IncidentPhase, jobKey = NO_KEY): void {
  const key = ctx.state.newKey();
  const row = {
    key,
    errorType,
    errorMessage,
    bpmnProcessId: instance.bpmnProcessId,
    processDefinitionKey: instance.processDefinitionKey,
    processInstanceKey: instance.processInstanceKey,
    elementId: instance.elementId,
    elementInstanceKey: instance.key,
    jobKey,
    variableScopeKey: instance.key,
    phase,
    tenantId: DEFAULT_TENANT,
  };
  ctx.state.addIncident(row);
  ctx.state.appendRecord('INCIDENT', 'CREATED', key, incidentValue(row), ctx.now());
}

export function resolveIncidentRecord(ctx: ExecutionContext, key: string): void {
  const row = ctx.state.incidents.get(key);
  if (!row) return;
  ctx.state.removeIncident(key);
  ctx.state.appendRecord('INCIDENT', 'RESOLVED', key, incidentValue(row), ctx.now());
}

