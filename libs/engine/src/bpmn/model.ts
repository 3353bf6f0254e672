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
  | 'EXCLUSIVE_GATEWAY'
  | 'PARALLEL_GATEWAY'
  | 'SUB_PROCESS'
  | 'CALL_ACTIVITY'
  | 'SEQUENCE_FLOW';

export type EventType = 'UNSPECIFIED' | 'NONE' | 'MESSAGE' | 'TIMER' | 'ERROR' | 'TERMINATE';

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

export interface CalledElement {
  readonly processId: string;
  readonly propagateAllChildVariables: boolean;
  readonly propagateAllParentVariables: boolean;
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
  /** Ids of the boundary events attached to this activity. */
  readonly boundaryEventIds: string[];
  readonly attachedToId?: string;
  readonly interrupting: boolean;
  /** For processes and sub-processes: the none start event. */
  startEventId?: string;
  readonly calledElement?: CalledElement;
}

export interface ProcessModel {
  readonly bpmnProcessId: string;
  readonly name?: string;
  readonly elements: ReadonlyMap<string, FlowElement>;
}

export function element(model: ProcessModel, id: string): FlowElement {
  const found = model.elements.get(id);
  if (!found) throw new Error(`Element '${id}' is not part of process '${model.bpmnProcessId}'`);
  return found;
}
