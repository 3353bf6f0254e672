/** Zeebe's names for BPMN element types, as they appear in records. */
export type ElementType =
  | 'PROCESS'
  | 'START_EVENT'
  | 'END_EVENT'
  | 'INTERMEDIATE_THROW_EVENT'
  | 'INTERMEDIATE_CATCH_EVENT'
  | 'BOUNDARY_EVENT'
  | 'SERVICE_TASK'
  | 'USER_TASK'
  | 'RECEIVE_TASK'
  | 'MANUAL_TASK'
  | 'TASK'
  | 'SCRIPT_TASK'
  | 'SEND_TASK'
  | 'BUSINESS_RULE_TASK'
  | 'EXCLUSIVE_GATEWAY'
  | 'PARALLEL_GATEWAY'
  | 'INCLUSIVE_GATEWAY'
  | 'EVENT_BASED_GATEWAY'
  | 'SUB_PROCESS'
  | 'EVENT_SUB_PROCESS'
  | 'CALL_ACTIVITY'
  /** The container of a multi-instance activity's instances; it shares the activity's id. */
  | 'MULTI_INSTANCE_BODY'
  | 'SEQUENCE_FLOW';

export type EventType = 'UNSPECIFIED' | 'NONE' | 'MESSAGE' | 'TIMER' | 'ERROR' | 'TERMINATE' | 'SIGNAL' | 'ESCALATION' | 'LINK';

export interface Mapping {
  /** FEEL expression (leading '=' optional, as Zeebe allows static values too). */
  readonly source: string;
  /** Variable name, possibly a dotted path (`a.b`). */
  readonly target: string;
}

export interface SequenceFlow {
  readonly id: string;
  readonly sourceId: string;
  readonly targetId: string;
  readonly condition?: string;
}

export interface JobDefinition {
  /** Static value or FEEL expression. */
  readonly type: string;
  /** Static value or FEEL expression. */
  readonly retries: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Job-based user tasks: header values evaluated when the job is created. */
  readonly userTask?: UserTaskDefinition;
}

export interface UserTaskDefinition {
  readonly assignee?: string;
  readonly candidateGroups?: string;
  readonly candidateUsers?: string;
  readonly dueDate?: string;
  readonly followUpDate?: string;
  readonly formKey?: string;
  /** A linked form deployed separately (`zeebe:formDefinition formId`). */
  readonly formId?: string;
}

export interface MessageDefinition {
  /** Static name or FEEL expression. */
  readonly name: string;
  /** FEEL expression. */
  readonly correlationKey: string;
}

export type TimerKind = 'duration' | 'date' | 'cycle';

export interface TimerDefinition {
  readonly kind: TimerKind;
  /** ISO 8601 text or a FEEL expression that yields one. */
  readonly expression: string;
}

export interface ErrorDefinition {
  /** Absent on a catch event: it catches every error. */
  readonly errorCode?: string;
}

export interface EscalationDefinition {
  /** Absent on a catch event: it catches every escalation. */
  readonly escalationCode?: string;
}

export interface SignalDefinition {
  /** Static name or FEEL expression (static on start events). */
  readonly name: string;
}

/** Which version of a called process or decision runs (`bindingType`). */
export type BindingType = 'latest' | 'deployment';

export interface CalledElement {
  readonly processId: string;
  readonly propagateAllChildVariables: boolean;
  readonly propagateAllParentVariables: boolean;
  readonly bindingType: BindingType;
}

export interface CalledDecision {
  /** Static id or FEEL expression. */
  readonly decisionId: string;
  readonly resultVariable: string;
  readonly bindingType: BindingType;
}

export interface ScriptDefinition {
  /** FEEL expression (with its leading '='). */
  readonly expression: string;
  readonly resultVariable: string;
}

export interface MultiInstanceDefinition {
  readonly sequential: boolean;
  /** FEEL expression that yields the list to iterate over. */
  readonly inputCollection: string;
  /** Local variable of each instance that holds its item. */
  readonly inputElement?: string;
  /** Variable that collects each instance's `outputElement`, in input order. */
  readonly outputCollection?: string;
  /** FEEL expression evaluated in each instance when it completes. */
  readonly outputElement?: string;
  /** FEEL expression; once true, the remaining instances are terminated. */
  readonly completionCondition?: string;
}

export interface FlowElement {
  readonly id: string;
  readonly name?: string;
  readonly type: ElementType;
  readonly eventType: EventType;
  /** Id of the process or sub-process that contains the element (undefined for the process). */
  readonly scopeId?: string;
  readonly incoming: SequenceFlow[];
  readonly outgoing: SequenceFlow[];
  readonly defaultFlowId?: string;
  readonly inputs: readonly Mapping[];
  readonly outputs: readonly Mapping[];
  readonly job?: JobDefinition;
  readonly message?: MessageDefinition;
  readonly timer?: TimerDefinition;
  readonly error?: ErrorDefinition;
  readonly escalation?: EscalationDefinition;
  readonly signal?: SignalDefinition;
  /** Link throw and catch events: the link's name, unique among catch events of a scope. */
  readonly link?: string;
  readonly script?: ScriptDefinition;
  readonly calledDecision?: CalledDecision;
  readonly multiInstance?: MultiInstanceDefinition;
  /** Ids of the boundary events attached to this activity. */
  readonly boundaryEventIds: string[];
  readonly attachedToId?: string;
  readonly interrupting: boolean;
  /** For processes and sub-processes: the none start event; for event sub-processes their typed start event. */
  startEventId?: string;
  /** For processes and sub-processes: the start events of the event sub-processes directly inside. */
  readonly eventSubProcessStartIds: string[];
  readonly calledElement?: CalledElement;
}

export interface ProcessModel {
  readonly bpmnProcessId: string;
  readonly name?: string;
  readonly elements: ReadonlyMap<string, FlowElement>;
}

/** The process's start events that are not the none start event: message, timer and signal. */
export function eventStartEvents(model: ProcessModel): FlowElement[] {
  return [...model.elements.values()].filter((candidate) => candidate.type === 'START_EVENT' && candidate.scopeId === model.bpmnProcessId && candidate.eventType !== 'NONE');
}

export function element(model: ProcessModel, id: string): FlowElement {
  const found = model.elements.get(id);
  if (!found) throw new Error(`Element '${id}' is not part of process '${model.bpmnProcessId}'`);
  return found;
}

const ACTIVITIES: ReadonlySet<ElementType> = new Set([
  'SERVICE_TASK',
  'USER_TASK',
  'RECEIVE_TASK',
  'MANUAL_TASK',
  'TASK',
  'SCRIPT_TASK',
  'SEND_TASK',
  'BUSINESS_RULE_TASK',
  'SUB_PROCESS',
  'CALL_ACTIVITY',
]);

/** Elements that may carry boundary events and be multi-instance. */
export function isActivity(type: ElementType): boolean {
  return ACTIVITIES.has(type);
}
