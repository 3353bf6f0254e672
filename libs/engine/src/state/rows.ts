import type { ElementType, EventType } from '../bpmn/model.js';
import type { Duration } from '../bpmn/timer.js';

/** Rows of the engine's state. Keys are int64 values as decimal strings. */

export const NO_KEY = '-1';
export const DEFAULT_TENANT = '<default>';

export interface DeploymentRow {
  key: string;
  resources: { name: string; checksum: string; kind: string; resourceKey: string }[];
  createdAt: number;
}

export interface ProcessDefinitionRow {
  key: string;
  bpmnProcessId: string;
  version: number;
  resourceName: string;
  checksum: string;
  deploymentKey: string;
  /** The whole BPMN file the process came from. */
  resource: string;
  /** Deleted by DeleteResource: kept only so that its version is never used again. */
  deleted?: boolean;
}

export interface FormRow {
  key: string;
  formId: string;
  version: number;
  resourceName: string;
  checksum: string;
  deploymentKey: string;
  resource: string;
  /** Deleted by DeleteResource: kept only so that its version is never used again. */
  deleted?: boolean;
}

/** A deployed DMN resource: Zeebe's decision requirements graph, versioned by its id. */
export interface DecisionRequirementsRow {
  key: string;
  decisionRequirementsId: string;
  name: string;
  version: number;
  resourceName: string;
  checksum: string;
  deploymentKey: string;
  resource: string;
  /** Deleted by DeleteResource: kept only so that its version is never used again. */
  deleted?: boolean;
}

/** A decision of a deployed DMN resource, versioned by its id. */
export interface DecisionRow {
  key: string;
  decisionId: string;
  name: string;
  version: number;
  decisionRequirementsKey: string;
  decisionRequirementsId: string;
  deploymentKey: string;
  /** Deleted by DeleteResource: kept only so that its version is never used again. */
  deleted?: boolean;
}

export type ElementState = 'ACTIVATING' | 'ACTIVATED' | 'COMPLETING' | 'TERMINATING';

export interface ElementInstanceRow {
  key: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  bpmnProcessId: string;
  version: number;
  elementId: string;
  elementType: ElementType;
  eventType: EventType;
  /** NO_KEY for a process instance. */
  flowScopeKey: string;
  state: ElementState;
  parentProcessInstanceKey: string;
  parentElementInstanceKey: string;
  /** Sequence flows taken into a joining parallel gateway of this scope, not yet joined. */
  joins?: Record<string, string[]>;
  /** Variables delivered by the job, message or error that completes the element. */
  eventVariables?: Record<string, unknown>;
  jobKey?: string;
  /** Call activity: the process instance it created. */
  calledInstanceKey?: string;
  /** Process instance created by a call activity with propagateAllChildVariables=false. */
  propagateNoVariables?: boolean;
  /** Set while an interrupting event terminates this element: what to activate afterwards. */
  interruptedBy?: { elementId: string; variables?: Record<string, unknown>; flowScopeKey: string };
  /** Exclusive gateway: the flow chosen while activating, taken once the gateway completes. */
  takeFlowIds?: string[];
  /**
   * A scope (process, sub-process) entered through an event rather than its none start event:
   * the start event to activate and the event's variables. Kept until the scope is activated,
   * so that resolving an incident of the activation starts it the same way.
   */
  startTrigger?: { elementId: string; variables?: Record<string, unknown> };
  /** Scope interrupted by an interrupting event sub-process: that event sub-process's id. */
  interruptingEventId?: string;
  /** Multi-instance body: the progress of its instances. */
  loop?: MultiInstanceProgress;
  /** Inner instance of a multi-instance body: its position in the input collection, from 1. */
  loopCounter?: number;
  /** Event-based gateway: the event that occurred, activated once the gateway completed. */
  triggeredEvent?: { elementId: string; flowId: string; variables: Record<string, unknown> };
  /** Process instance started by a message start event with a correlation key (Zeebe: one active instance per key). */
  messageStart?: { messageName: string; correlationKey: string };
}

export interface MultiInstanceProgress {
  /** Instances created so far (Zeebe's numberOfInstances). */
  created: number;
  completed: number;
  terminated: number;
  /** The completion condition held: the remaining instances are being terminated. */
  conditionMet?: boolean;
}

export interface VariableRow {
  key: string;
  name: string;
  value: unknown;
  scopeKey: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  bpmnProcessId: string;
}

export type JobState = 'ACTIVATABLE' | 'ACTIVATED' | 'FAILED' | 'ERROR_THROWN';

export interface JobRow {
  key: string;
  type: string;
  state: JobState;
  retries: number;
  worker: string;
  /** Activated: when the job times out. Failed with back-off: when it becomes activatable. */
  deadline: number;
  errorMessage: string;
  errorCode?: string;
  customHeaders: Record<string, string>;
  elementInstanceKey: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  processDefinitionVersion: number;
  processDefinitionKey: string;
  elementId: string;
  tenantId: string;
}

export interface MessageSubscriptionRow {
  key: string;
  /** The catching element instance; for a boundary event, the activity it is attached to. */
  elementInstanceKey: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  /** The catch event or receive task. */
  elementId: string;
  messageName: string;
  correlationKey: string;
  interrupting: boolean;
}

export interface MessageRow {
  key: string;
  name: string;
  correlationKey: string;
  messageId: string;
  variables: Record<string, unknown>;
  timeToLive: number;
  deadline: number;
  /** Process instances this message was already correlated to (at most once each). */
  correlatedTo: string[];
  /** Processes (bpmnProcessId) whose message start event this message started (at most once each). */
  startedProcesses?: string[];
}

export interface TimerRow {
  key: string;
  /** The catching element instance; for a boundary event, the activity it is attached to. */
  elementInstanceKey: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  /** The timer event. */
  targetElementId: string;
  dueDate: number;
  /** Remaining repetitions of a cycle (-1 forever); 1 for a one-off timer. */
  repetitions: number;
  interval?: Duration;
  /** A cycle given as a cron expression: the next due date follows from it. */
  cron?: string;
}

/** A signal catch event waiting in a process instance (start events subscribe through their definition). */
export interface SignalSubscriptionRow {
  key: string;
  signalName: string;
  /** The catching element instance; for a boundary event the activity, for an event sub-process its scope. */
  elementInstanceKey: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  bpmnProcessId: string;
  /** The catch event. */
  catchEventId: string;
  interrupting: boolean;
}

export type IncidentPhase = 'ACTIVATE' | 'COMPLETE' | 'JOB' | 'THROW_ERROR';

export interface IncidentRow {
  key: string;
  errorType: string;
  errorMessage: string;
  bpmnProcessId: string;
  processDefinitionKey: string;
  processInstanceKey: string;
  elementId: string;
  elementInstanceKey: string;
  jobKey: string;
  variableScopeKey: string;
  /** What resolving the incident retries. */
  phase: IncidentPhase;
  tenantId: string;
}
