import type { ElementType, FlowElement, ProcessModel, SequenceFlow } from '../bpmn/model.js';
import type { DecisionRequirements } from '../dmn/index.js';
import type {
  ElementInstanceRow,
  IncidentPhase,
  JobRow,
  MessageRow,
  MessageSubscriptionRow,
  ProcessDefinitionRow,
  TimerRow,
} from '../state/rows.js';
import type { EngineState } from '../state/state.js';
import type { Variables } from './variables.js';

/** What the executor tells the world outside the state (job dispatch, waiting requests). */
export interface ExecutorEvents {
  jobsAvailable(type: string): void;
  processInstanceCompleted(processInstanceKey: string, variables: Record<string, unknown>): void;
  processInstanceTerminated(processInstanceKey: string): void;
}

/** The deployed models the executor runs: processes by definition key, decision graphs by key. */
export interface DeployedModels {
  process(processDefinitionKey: string): ProcessModel;
  decisionRequirements(decisionRequirementsKey: string): DecisionRequirements | undefined;
}

/** The start event a scope runs instead of its none start event, and the variables of the event that started it. */
export interface StartTrigger {
  elementId: string;
  variables?: Record<string, unknown>;
}

/** How a process instance is created: by a call activity, by an event, at given elements. */
export interface InstanceCreation {
  parent?: { processInstanceKey: string; elementInstanceKey: string; propagateNoVariables: boolean };
  onCreated?: (processInstanceKey: string) => void;
  /** Started by a message, timer or signal start event instead of the none start event. */
  trigger?: StartTrigger;
  /** Started at these elements instead of a start event (CreateProcessInstance start instructions). */
  startInstructions?: readonly string[];
  messageStart?: ElementInstanceRow['messageStart'];
}

/** Message, timer and signal start events of the latest version of each process (see StartEvents). */
export interface StartEventTriggers {
  rebuild(): void;
  replace(previous: ProcessDefinitionRow | undefined, current: ProcessDefinitionRow | undefined): void;
  timerDue(timer: TimerRow): void;
  correlateMessage(message: MessageRow): void;
  instanceEnded(instance: ElementInstanceRow): void;
  signalBroadcast(signalName: string, variables: Record<string, unknown>): void;
}

/**
 * How one kind of BPMN element behaves. The executor owns the lifecycle (records, input
 * and output mappings, boundary events, scopes); a behaviour decides what happens while
 * the element is activating, which flows it leaves by, and what it cleans up when
 * terminated. New element types plug in by registering a behaviour.
 */
export interface ElementBehaviour {
  /** Runs after input mappings; must end in `executor.activated(...)` (and maybe `complete`). Throw IncidentError to stop. */
  activating(executor: ExecutionContext, instance: ElementInstanceRow, element: FlowElement): void;
  /** Sequence flows to take once completed; all outgoing flows when absent. */
  outgoing?(executor: ExecutionContext, instance: ElementInstanceRow, element: FlowElement): readonly SequenceFlow[];
  /** Runs after the element completed and left (e.g. terminate end event). */
  completed?(executor: ExecutionContext, instance: ElementInstanceRow, element: FlowElement): void;
  /** Releases what the element holds (jobs, called instances) while it is terminated. */
  terminating?(executor: ExecutionContext, instance: ElementInstanceRow, element: FlowElement): void;
  /** Replaces the element's output mappings when it completes. May throw IncidentError. */
  applyOutputs?(executor: ExecutionContext, instance: ElementInstanceRow, element: FlowElement): void;
  /** A child of this scope is completing, its variables still in place. May throw IncidentError. */
  childCompleting?(executor: ExecutionContext, scope: ElementInstanceRow, child: ElementInstanceRow): void;
  /** A child of this scope completed or was terminated; replaces the default (complete once empty). */
  childFinished?(executor: ExecutionContext, scope: ElementInstanceRow): void;
}

/**
 * Everything the parts of the execution (lifecycle, flow, events, subscriptions, timers,
 * incidents, records, element behaviours, commands) may ask of one another. The executor
 * implements it by routing each operation to the file of its behaviour; those files
 * import this interface only, never each other or the executor.
 */
export interface ExecutionContext {
  readonly state: EngineState;
  readonly models: DeployedModels;
  readonly now: () => number;
  readonly events: ExecutorEvents;
  readonly variables: Variables;
  readonly startEvents: StartEventTriggers;

  // --- models and behaviours
  register(types: ElementType | ElementType[], behaviour: ElementBehaviour): void;
  /** The behaviour of an element instance: a multi-instance body behaves as a body whatever its activity is. */
  behaviourOf(instance: ElementInstanceRow, element: FlowElement): ElementBehaviour;
  model(instance: { processDefinitionKey: string }): ProcessModel;
  element(instance: ElementInstanceRow): FlowElement;
  /** An instance of a multi-instance activity inside its body (the body has the same element id). */
  isInnerInstance(instance: ElementInstanceRow): boolean;

  // --- lifecycle (lifecycle.ts)
  createProcessInstance(definition: ProcessDefinitionRow, variables: Record<string, unknown>, options?: InstanceCreation): ElementInstanceRow;
  activate(flowScope: ElementInstanceRow, element: FlowElement, eventVariables?: Record<string, unknown>, startTrigger?: StartTrigger): ElementInstanceRow | undefined;
  prepareChild(
    flowScope: ElementInstanceRow,
    element: FlowElement,
    localVariables: Record<string, unknown>,
    extra?: Pick<ElementInstanceRow, 'eventVariables' | 'startTrigger' | 'loopCounter'>,
  ): ElementInstanceRow | undefined;
  enterScope(flowScope: ElementInstanceRow, element: FlowElement, localVariables: Record<string, unknown>): ElementInstanceRow | undefined;
  continueActivation(instance: ElementInstanceRow): void;
  activated(instance: ElementInstanceRow): void;
  complete(instance: ElementInstanceRow): void;
  terminate(instance: ElementInstanceRow): void;
  /** Retries what failed: the activation or completion of the element. */
  retry(instance: ElementInstanceRow, phase: IncidentPhase): void;
  /** Activates elements of a new process instance instead of its start event (modification.ts). */
  startAt(processInstance: ElementInstanceRow, elementIds: readonly string[]): void;

  // --- sequence flows and joins (flow.ts)
  takeFlow(flowScope: ElementInstanceRow, flow: SequenceFlow, eventVariables?: Record<string, unknown>): void;
  childFinished(flowScope: ElementInstanceRow): void;

  // --- events (events.ts)
  triggerEvent(owner: ElementInstanceRow, event: FlowElement, variables: Record<string, unknown> | undefined): void;
  triggerTimer(timer: TimerRow): void;
  correlate(subscription: MessageSubscriptionRow, message: Pick<MessageRow, 'key' | 'name' | 'correlationKey' | 'variables'>): boolean;
  correlateBuffered(subscription: MessageSubscriptionRow): void;
  broadcastSignal(signalName: string, variables: Record<string, unknown>): string;
  throwError(from: ElementInstanceRow, errorCode: string, variables: Record<string, unknown>): boolean;
  throwEscalation(from: ElementInstanceRow, escalationCode: string): boolean;
  interrupt(activity: ElementInstanceRow, boundary: FlowElement, variables: Record<string, unknown> | undefined): void;
  triggerEventSubProcess(scope: ElementInstanceRow, startEvent: FlowElement, variables: Record<string, unknown> | undefined): void;

  // --- subscriptions (subscriptions.ts)
  openBoundaryEvents(instance: ElementInstanceRow, element: FlowElement): void;
  openEventSubProcesses(instance: ElementInstanceRow, element: FlowElement): void;
  subscribe(owner: ElementInstanceRow, event: FlowElement): void;
  /** What `subscribe` would open, evaluated without opening it; throws IncidentError where `subscribe` would. */
  evaluateSubscription(owner: ElementInstanceRow, event: FlowElement): { messageName?: string };
  closeEventSubscriptions(instance: ElementInstanceRow, only?: (catchEventId: string) => boolean): void;

  // --- timers (timers.ts)
  createTimer(owner: ElementInstanceRow, event: FlowElement): void;
  schedule(kind: 'duration' | 'date' | 'cycle', value: unknown): Pick<TimerRow, 'dueDate' | 'repetitions' | 'interval' | 'cron'>;
  addTimer(row: TimerRow): void;
  nextTimer(timer: TimerRow): TimerRow | undefined;
  removeTimer(timer: TimerRow): void;

  // --- incidents (incidents.ts)
  raiseIncident(instance: ElementInstanceRow, errorType: string, errorMessage: string, phase: IncidentPhase, jobKey?: string): void;
  resolveIncidentRecord(key: string): void;

  // --- jobs (jobs.ts) and records (records.ts)
  createJob(instance: ElementInstanceRow, job: { type: string; retries: number; customHeaders: Record<string, string> }): JobRow;
  cancelJob(jobKey: string): void;
  writeJob(job: JobRow, intent: string, extra?: Record<string, unknown>): void;
  writeLifecycle(instance: ElementInstanceRow, intent: string): void;
}
