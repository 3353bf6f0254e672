import type { ProcessModel } from './bpmn/model.js';
import type { EngineRecord } from './state/state.js';

export type ElementInstanceState = 'ACTIVE' | 'COMPLETED' | 'TERMINATED';

/** One element instance of a process instance, as monitoring shows it. */
export interface ElementInstanceView {
  key: string;
  elementId: string;
  /** The element's name in the model, when it has one. */
  elementName?: string;
  /** Zeebe's element type (SERVICE_TASK, MULTI_INSTANCE_BODY, ...). */
  elementType: string;
  /** The element instance it runs in; '-1' for the process instance itself. */
  flowScopeKey: string;
  state: ElementInstanceState;
  /** ISO 8601 instants. */
  startedAt: string;
  endedAt?: string;
  /** Call activities: the process instance they started. */
  calledProcessInstanceKey?: string;
}

export interface VariableScopeView {
  /** The element instance the variables belong to (the process instance for global ones). */
  scopeKey: string;
  elementId: string;
  /** The latest value of each variable; a scope that ended keeps the values it had. */
  variables: Record<string, unknown>;
}

export interface IncidentView {
  key: string;
  errorType: string;
  errorMessage: string;
  elementId: string;
  elementInstanceKey: string;
  jobKey: string;
  createdAt: string;
}

/** What monitoring reads of one process instance: its elements, variables by scope and open incidents. */
export interface ProcessInstanceView {
  processInstanceKey: string;
  bpmnProcessId: string;
  version: number;
  processDefinitionKey: string;
  /** The process instance and call activity that started it; '-1' for a root instance. */
  parentProcessInstanceKey: string;
  parentElementInstanceKey: string;
  state: ElementInstanceState;
  startedAt: string;
  endedAt?: string;
  /** Every element instance, the process instance first, in the order they were activated. */
  elements: ElementInstanceView[];
  variables: VariableScopeView[];
  incidents: IncidentView[];
  /** Ids of the sequence flows the instance has taken (the path drawn on its diagram). */
  takenFlows: string[];
}

const STATES: Record<string, ElementInstanceState> = { ELEMENT_COMPLETED: 'COMPLETED', ELEMENT_TERMINATED: 'TERMINATED' };

/**
 * Builds the view of a process instance from its records, the same history Zeebe's
 * exporters see; the model names the elements while the process definition is deployed.
 */
export function buildProcessInstanceView(
  processInstanceKey: string,
  records: readonly EngineRecord[],
  modelOf: (processDefinitionKey: string) => ProcessModel | undefined,
): ProcessInstanceView | undefined {
  const first = records.find((record) => record.key === processInstanceKey && record.valueType === 'PROCESS_INSTANCE');
  if (!first) return undefined;
  const rootValue = first.value as Record<string, string & number>;
  // A migration moves the instance, and each of its elements, to another process definition.
  let definition = { bpmnProcessId: rootValue.bpmnProcessId, version: rootValue.version, processDefinitionKey: String(rootValue.processDefinitionKey) };
  let model = modelOf(definition.processDefinitionKey);
  const elements = new Map<string, ElementInstanceView>();
  const calls = new Map<string, string>();
  const scopes = new Map<string, VariableScopeView>();
  const incidents = new Map<string, IncidentView>();
  const takenFlows = new Set<string>();
  const instant = (timestamp: number) => new Date(timestamp).toISOString();
  for (const record of records) {
    const value = record.value as Record<string, string & number>;
    if (record.valueType === 'PROCESS_INSTANCE' && value.processInstanceKey !== processInstanceKey) {
      calls.set(value.parentElementInstanceKey, record.key);
      continue;
    }
    if (record.valueType === 'PROCESS_INSTANCE') {
      if (record.intent === 'SEQUENCE_FLOW_TAKEN') {
        takenFlows.add(value.elementId);
        continue;
      }
      let element = elements.get(record.key);
      if (!element) {
        element = {
          key: record.key,
          elementId: value.elementId,
          elementName: model?.elements.get(value.elementId)?.name,
          elementType: value.bpmnElementType,
          flowScopeKey: String(value.flowScopeKey),
          state: 'ACTIVE',
          startedAt: instant(record.timestamp),
        };
        if (element.elementName === undefined) delete element.elementName;
        elements.set(record.key, element);
      }
      if (record.intent === 'ELEMENT_MIGRATED') {
        if (record.key === processInstanceKey) {
          definition = { bpmnProcessId: value.bpmnProcessId, version: value.version, processDefinitionKey: String(value.processDefinitionKey) };
          model = modelOf(definition.processDefinitionKey);
        }
        element.elementId = value.elementId;
        const elementName = model?.elements.get(value.elementId)?.name;
        if (elementName === undefined) delete element.elementName;
        else element.elementName = elementName;
      }
      const ended = STATES[record.intent];
      if (ended) {
        element.state = ended;
        element.endedAt = instant(record.timestamp);
      }
    } else if (record.valueType === 'VARIABLE') {
      const scopeKey = String(value.scopeKey);
      // A scope's first variables may come before its activation record; its element id is filled in at the end.
      const scope = scopes.get(scopeKey) ?? { scopeKey, elementId: '', variables: {} };
      scope.variables[value.name] = JSON.parse(value.value);
      scopes.set(scopeKey, scope);
    } else if (record.valueType === 'INCIDENT') {
      const open = incidents.get(record.key);
      if (record.intent === 'RESOLVED') incidents.delete(record.key);
      else if (open) open.elementId = value.elementId;
      else {
        incidents.set(record.key, {
          key: record.key,
          errorType: value.errorType,
          errorMessage: value.errorMessage,
          elementId: value.elementId,
          elementInstanceKey: String(value.elementInstanceKey),
          jobKey: String(value.jobKey),
          createdAt: instant(record.timestamp),
        });
      }
    }
  }
  const root = elements.get(processInstanceKey)!;
  for (const [elementInstanceKey, called] of calls) {
    const element = elements.get(elementInstanceKey);
    if (element) element.calledProcessInstanceKey = called;
  }
  return {
    processInstanceKey,
    ...definition,
    parentProcessInstanceKey: String(rootValue.parentProcessInstanceKey),
    parentElementInstanceKey: String(rootValue.parentElementInstanceKey),
    state: root.state,
    startedAt: root.startedAt,
    endedAt: root.endedAt,
    elements: [...elements.values()],
    variables: [...scopes.values()].map((scope) => ({ ...scope, elementId: elements.get(scope.scopeKey)?.elementId ?? '' })),
    incidents: [...incidents.values()],
    takenFlows: [...takenFlows],
  };
}
