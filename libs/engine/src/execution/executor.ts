import { isActivity } from '../bpmn/parse.js';
import type { ElementType, FlowElement, ProcessModel, SequenceFlow } from '../bpmn/model.js';
import { addDuration, parseCycle, parseDate, parseDuration, type Duration } from '../bpmn/timer.js';
import {
  DEFAULT_TENANT,
  NO_KEY,
  type ElementInstanceRow,
  type IncidentPhase,
  type JobRow,
  type MessageRow,
  type MessageSubscriptionRow,
  type ProcessDefinitionRow,
  type TimerRow,
} from '../state/rows.js';
import type { EngineState } from '../state/state.js';
import { evaluate, IncidentError } from './expressions.js';
import { Variables } from './variables.js';

/** What the executor tells the world outside the state (job dispatch, waiting requests). */
export interface ExecutorEvents {
  jobsAvailable(type: string): void;
  processInstanceCompleted(processInstanceKey: string, variables: Record<string, unknown>): void;
  processInstanceTerminated(processInstanceKey: string): void;
}

/**
 * How one kind of BPMN element behaves. The executor owns the lifecycle (records, input
 * and output mappings, boundary events, scopes); a behaviour decides what happens while
 * the element is activating, which flows it leaves by, and what it cleans up when
 * terminated. New element types plug in by registering a behaviour.
 */
export interface ElementBehaviour {
  /** Runs after input mappings; must end in `executor.activated(...)` (and maybe `complete`). Throw IncidentError to stop. */
  activating(executor: Executor, instance: ElementInstanceRow, element: FlowElement): void;
  /** Sequence flows to take once completed; all outgoing flows when absent. */
  outgoing?(executor: Executor, instance: ElementInstanceRow, element: FlowElement): readonly SequenceFlow[];
  /** Runs after the element completed and left (e.g. terminate end event). */
  completed?(executor: Executor, instance: ElementInstanceRow, element: FlowElement): void;
  /** Releases what the element holds (jobs, called instances) while it is terminated. */
  terminating?(executor: Executor, instance: ElementInstanceRow, element: FlowElement): void;
}

export class Executor {
  readonly variables: Variables;
  private readonly behaviours = new Map<ElementType, ElementBehaviour>();

  constructor(
    readonly state: EngineState,
    private readonly models: (processDefinitionKey: string) => ProcessModel,
    readonly now: () => number,
    readonly events: ExecutorEvents,
  ) {
    this.variables = new Variables(state, now);
  }

  register(types: ElementType | ElementType[], behaviour: ElementBehaviour): void {
    for (const type of Array.isArray(types) ? types : [types]) this.behaviours.set(type, behaviour);
  }

  supports(type: ElementType): boolean {
    return this.behaviours.has(type);
  }

  model(instance: { processDefinitionKey: string }): ProcessModel {
    return this.models(instance.processDefinitionKey);
  }

  element(instance: ElementInstanceRow): FlowElement {
    return this.model(instance).elements.get(instance.elementId)!;
  }

  // --- process instances

  createProcessInstance(
    definition: ProcessDefinitionRow,
    variables: Record<string, unknown>,
    parent?: { processInstanceKey: string; elementInstanceKey: string; propagateNoVariables: boolean },
    onCreated?: (processInstanceKey: string) => void,
  ): ElementInstanceRow {
    const key = this.state.newKey();
    onCreated?.(key);
    const instance: ElementInstanceRow = {
      key,
      processInstanceKey: key,
      processDefinitionKey: definition.key,
      bpmnProcessId: definition.bpmnProcessId,
      version: definition.version,
      elementId: definition.bpmnProcessId,
      elementType: 'PROCESS',
      eventType: 'UNSPECIFIED',
      flowScopeKey: NO_KEY,
      state: 'ACTIVATING',
      parentProcessInstanceKey: parent?.processInstanceKey ?? NO_KEY,
      parentElementInstanceKey: parent?.elementInstanceKey ?? NO_KEY,
      propagateNoVariables: parent?.propagateNoVariables || undefined,
    };
    this.state.addElementInstance(instance);
    this.state.appendRecord('PROCESS_INSTANCE_CREATION', 'CREATED', key, {
      bpmnProcessId: definition.bpmnProcessId,
      version: definition.version,
      processDefinitionKey: definition.key,
      processInstanceKey: key,
      variables: JSON.stringify(variables),
      tenantId: DEFAULT_TENANT,
    }, this.now());
    this.variables.setLocal(key, variables);
    this.writeLifecycle(instance, 'ELEMENT_ACTIVATING');
    this.runActivation(instance, this.element(instance));
    return instance;
  }

  // --- lifecycle

  /** Activates an element in a flow scope, e.g. the target of a taken sequence flow. */
  activate(flowScope: ElementInstanceRow, element: FlowElement, eventVariables?: Record<string, unknown>): ElementInstanceRow | undefined {
    if (flowScope.state !== 'ACTIVATED' || !this.state.elementInstances.get(flowScope.key)) return undefined;
    const instance: ElementInstanceRow = {
      key: this.state.newKey(),
      processInstanceKey: flowScope.processInstanceKey,
      processDefinitionKey: flowScope.processDefinitionKey,
      bpmnProcessId: flowScope.bpmnProcessId,
      version: flowScope.version,
      elementId: element.id,
      elementType: element.type,
      eventType: element.eventType,
      flowScopeKey: flowScope.key,
      state: 'ACTIVATING',
      parentProcessInstanceKey: NO_KEY,
      parentElementInstanceKey: NO_KEY,
      eventVariables,
    };
    this.state.addElementInstance(instance);
    this.writeLifecycle(instance, 'ELEMENT_ACTIVATING');
    this.runActivation(instance, element);
    return instance;
  }

  private runActivation(instance: ElementInstanceRow, element: FlowElement): void {
    try {
      if (element.inputs.length > 0) {
        const outer = instance.flowScopeKey === NO_KEY ? {} : this.variables.visible(instance.flowScopeKey);
        const local = this.variables.evaluateMappings(element.inputs, outer, (name) => outer[name]);
        this.variables.setLocal(instance.key, local);
      }
      if (isActivity(element.type)) this.openBoundaryEvents(instance, element);
      this.behaviour(element).activating(this, instance, element);
    } catch (error) {
      if (!(error instanceof IncidentError)) throw error;
      this.closeEventSubscriptions(instance);
      this.raiseIncident(instance, error.errorType, error.message, 'ACTIVATE');
      return;
    }
    // Messages buffered before the subscription opened correlate now that the element waits.
    for (const subscription of this.state.subscriptionsOf(instance.key)) {
      if (this.state.elementInstances.get(instance.key)?.state !== 'ACTIVATED') break;
      this.correlateBuffered(subscription);
    }
  }

  activated(instance: ElementInstanceRow): void {
    instance.state = 'ACTIVATED';
    this.state.elementInstances.put(instance);
    this.writeLifecycle(instance, 'ELEMENT_ACTIVATED');
  }

  /** Completes an activated element (its job finished, its event arrived, its scope ended). */
  complete(instance: ElementInstanceRow): void {
    if (instance.state !== 'ACTIVATED' || !this.state.elementInstances.get(instance.key)) return;
    instance.state = 'COMPLETING';
    this.state.elementInstances.put(instance);
    this.writeLifecycle(instance, 'ELEMENT_COMPLETING');
    this.runCompletion(instance);
  }

  private runCompletion(instance: ElementInstanceRow): void {
    const element = this.element(instance);
    try {
      this.applyOutputs(instance, element);
    } catch (error) {
      if (!(error instanceof IncidentError)) throw error;
      this.raiseIncident(instance, error.errorType, error.message, 'COMPLETE');
      return;
    }
    this.closeEventSubscriptions(instance);
    const behaviour = this.behaviour(element);
    const flows = behaviour.outgoing ? behaviour.outgoing(this, instance, element) : element.outgoing;
    const rootVariables = instance.elementType === 'PROCESS' ? this.variables.local(instance.key) : undefined;
    this.writeLifecycle(instance, 'ELEMENT_COMPLETED');
    this.removeInstance(instance);
    if (rootVariables) {
      this.processCompleted(instance, rootVariables);
      return;
    }
    behaviour.completed?.(this, instance, element);
    const flowScope = this.state.elementInstances.get(instance.flowScopeKey);
    if (!flowScope) return;
    for (const flow of flows) this.takeFlow(flowScope, flow);
    this.childFinished(flowScope);
  }

  private applyOutputs(instance: ElementInstanceRow, element: FlowElement): void {
    const eventVariables = instance.eventVariables;
    if (element.outputs.length > 0) {
      if (eventVariables) this.variables.setLocal(instance.key, eventVariables);
      const context = this.variables.visible(instance.key);
      const outer = instance.flowScopeKey === NO_KEY ? {} : this.variables.visible(instance.flowScopeKey);
      const result = this.variables.evaluateMappings(element.outputs, context, (name) => outer[name]);
      if (instance.flowScopeKey !== NO_KEY) this.variables.propagate(instance.flowScopeKey, result);
    } else if (eventVariables && instance.flowScopeKey !== NO_KEY) {
      this.variables.propagate(instance.key, eventVariables);
    }
  }

  private processCompleted(instance: ElementInstanceRow, variables: Record<string, unknown>): void {
    this.events.processInstanceCompleted(instance.key, variables);
    if (instance.parentElementInstanceKey === NO_KEY) return;
    const callActivity = this.state.elementInstances.get(instance.parentElementInstanceKey);
    if (!callActivity) return;
    // Output mappings always see the child's variables; without them, propagateAllChildVariables decides.
    const mapped = this.element(callActivity).outputs.length > 0;
    callActivity.eventVariables = instance.propagateNoVariables && !mapped ? {} : variables;
    this.complete(callActivity);
  }

  /** Terminates an element and everything inside it. */
  terminate(instance: ElementInstanceRow): void {
    if (instance.state === 'TERMINATING' || !this.state.elementInstances.get(instance.key)) return;
    instance.state = 'TERMINATING';
    this.state.elementInstances.put(instance);
    this.writeLifecycle(instance, 'ELEMENT_TERMINATING');
    const element = this.element(instance);
    this.closeEventSubscriptions(instance);
    for (const incident of this.state.incidentsOf(instance.key)) this.resolveIncidentRecord(incident.key);
    this.behaviour(element).terminating?.(this, instance, element);
    for (const child of this.state.childrenOf(instance.key)) this.terminate(child);
    this.writeLifecycle(instance, 'ELEMENT_TERMINATED');
    this.removeInstance(instance);
    if (instance.elementType === 'PROCESS') this.events.processInstanceTerminated(instance.key);
    const interruption = instance.interruptedBy;
    if (interruption) {
      const flowScope = this.state.elementInstances.get(interruption.flowScopeKey);
      const boundary = this.model(instance).elements.get(interruption.elementId);
      if (flowScope && boundary) this.activate(flowScope, boundary, interruption.variables ?? {});
    }
  }

  private removeInstance(instance: ElementInstanceRow): void {
    this.state.removeScopeVariables(instance.key);
    this.state.removeElementInstance(instance.key);
  }

  /** A child of the scope completed or was terminated: the scope ends when nothing is left in it. */
  childFinished(flowScope: ElementInstanceRow): void {
    if (flowScope.state !== 'ACTIVATED' || !this.state.elementInstances.get(flowScope.key)) return;
    if (this.state.childrenOf(flowScope.key).length > 0) return;
    if (flowScope.joins && Object.values(flowScope.joins).some((flows) => flows.length > 0)) return;
    this.complete(flowScope);
  }

  takeFlow(flowScope: ElementInstanceRow, flow: SequenceFlow): void {
    if (flowScope.state !== 'ACTIVATED' || !this.state.elementInstances.get(flowScope.key)) return;
    const model = this.model(flowScope);
    this.state.appendRecord('PROCESS_INSTANCE', 'SEQUENCE_FLOW_TAKEN', this.state.newKey(), {
      ...this.recordValue(flowScope),
      elementId: flow.id,
      flowScopeKey: flowScope.key,
      bpmnElementType: 'SEQUENCE_FLOW',
      bpmnEventType: 'UNSPECIFIED',
    }, this.now());
    const target = model.elements.get(flow.targetId)!;
    if (target.type === 'PARALLEL_GATEWAY' && target.incoming.length > 1) {
      this.join(flowScope, target, flow);
      return;
    }
    this.activate(flowScope, target);
  }

  /** A parallel gateway activates once every incoming flow was taken at least once. */
  private join(flowScope: ElementInstanceRow, gateway: FlowElement, flow: SequenceFlow): void {
    const joins = (flowScope.joins ??= {});
    const taken = (joins[gateway.id] ??= []);
    taken.push(flow.id);
    const complete = gateway.incoming.every((incoming) => taken.includes(incoming.id));
    if (complete) {
      for (const incoming of gateway.incoming) taken.splice(taken.indexOf(incoming.id), 1);
      if (taken.length === 0) delete joins[gateway.id];
    }
    this.state.elementInstances.put(flowScope);
    if (complete) this.activate(flowScope, gateway);
  }

  // --- incidents

  raiseIncident(instance: ElementInstanceRow, errorType: string, errorMessage: string, phase: IncidentPhase, jobKey = NO_KEY): void {
    const key = this.state.newKey();
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
    this.state.addIncident(row);
    const { phase: _phase, key: _key, ...value } = row;
    this.state.appendRecord('INCIDENT', 'CREATED', key, value, this.now());
  }

  resolveIncidentRecord(key: string): void {
    const row = this.state.incidents.get(key);
    if (!row) return;
    this.state.removeIncident(key);
    const { phase: _phase, key: _key, ...value } = row;
    this.state.appendRecord('INCIDENT', 'RESOLVED', key, value, this.now());
  }

  /** Retries what failed: the activation or completion of the element. */
  retry(instance: ElementInstanceRow, phase: IncidentPhase): void {
    if (phase === 'ACTIVATE' && instance.state === 'ACTIVATING') this.runActivation(instance, this.element(instance));
    if (phase === 'COMPLETE' && instance.state === 'COMPLETING') this.runCompletion(instance);
  }

  // --- errors

  /**
   * Throws a BPMN error from an element: the nearest error boundary event with the same
   * code (or without a code) on it or an enclosing activity, across call activities,
   * catches it. Returns false when nothing catches it.
   */
  throwError(from: ElementInstanceRow, errorCode: string, variables: Record<string, unknown>): boolean {
    for (let current: ElementInstanceRow | undefined = from; current; ) {
      const element = this.element(current);
      const catchers = element.boundaryEventIds.map((id) => this.model(current!).elements.get(id)!).filter((boundary) => boundary.eventType === 'ERROR');
      const catcher = catchers.find((boundary) => boundary.error?.errorCode === errorCode) ?? catchers.find((boundary) => !boundary.error?.errorCode);
      if (catcher && current.state !== 'TERMINATING') {
        this.state.appendRecord('ERROR', 'CREATED', this.state.newKey(), {
          errorCode,
          processInstanceKey: from.processInstanceKey,
          catchElementId: catcher.id,
          catchElementInstanceKey: current.key,
        }, this.now());
        this.interrupt(current, catcher, variables);
        return true;
      }
      current =
        current.flowScopeKey !== NO_KEY
          ? this.state.elementInstances.get(current.flowScopeKey)
          : current.parentElementInstanceKey !== NO_KEY
            ? this.state.elementInstances.get(current.parentElementInstanceKey)
            : undefined;
    }
    return false;
  }

  /** An interrupting boundary event: terminate the activity, then activate the event. */
  interrupt(activity: ElementInstanceRow, boundary: FlowElement, variables: Record<string, unknown> | undefined): void {
    activity.interruptedBy = { elementId: boundary.id, variables, flowScopeKey: activity.flowScopeKey };
    this.state.elementInstances.put(activity);
    this.terminate(activity);
  }

  private triggerBoundary(activity: ElementInstanceRow, boundary: FlowElement, variables: Record<string, unknown> | undefined): void {
    if (boundary.interrupting) {
      this.interrupt(activity, boundary, variables);
      return;
    }
    const flowScope = this.state.elementInstances.get(activity.flowScopeKey);
    if (flowScope) this.activate(flowScope, boundary, variables ?? {});
  }

  // --- event subscriptions: boundary events, catch events

  private openBoundaryEvents(instance: ElementInstanceRow, element: FlowElement): void {
    const model = this.model(instance);
    for (const id of element.boundaryEventIds) {
      const boundary = model.elements.get(id)!;
      if (boundary.eventType === 'MESSAGE') this.openMessageSubscription(instance, boundary);
      if (boundary.eventType === 'TIMER') this.createTimer(instance, boundary);
    }
  }

  openMessageSubscription(owner: ElementInstanceRow, event: FlowElement): void {
    const definition = event.message!;
    const context = this.variables.visible(owner.key);
    const name = String(evaluate(definition.name, context, this.now(), 'STRING'));
    let correlationKey: unknown;
    try {
      correlationKey = evaluate(definition.correlationKey, context, this.now(), 'STRING_OR_NUMBER');
    } catch (error) {
      if (!(error instanceof IncidentError)) throw error;
      throw new IncidentError(
        'EXTRACT_VALUE_ERROR',
        `Failed to extract the correlation key for '${definition.correlationKey.replace(/^=/, '')}': The value must be either a string or a number, but was '${error.message.match(/but was '(\w+)'/)?.[1] ?? 'NULL'}'.`,
      );
    }
    const row: MessageSubscriptionRow = {
      key: this.state.newKey(),
      elementInstanceKey: owner.key,
      processInstanceKey: owner.processInstanceKey,
      bpmnProcessId: owner.bpmnProcessId,
      elementId: event.id,
      messageName: name,
      correlationKey: String(correlationKey),
      interrupting: event.interrupting,
    };
    this.state.addSubscription(row);
    this.state.appendRecord('PROCESS_MESSAGE_SUBSCRIPTION', 'CREATED', row.key, this.subscriptionValue(row), this.now());
  }

  createTimer(owner: ElementInstanceRow, event: FlowElement): void {
    const definition = event.timer!;
    const value = evaluate(definition.expression, this.variables.visible(owner.key), this.now(), 'ANY');
    let dueDate: number;
    let repetitions = 1;
    let interval: Duration | undefined;
    try {
      if (typeof value !== 'string') throw new Error(`Expected a timer ${definition.kind} as text, but was '${JSON.stringify(value)}'`);
      if (definition.kind === 'duration') dueDate = addDuration(this.now(), parseDuration(value));
      else if (definition.kind === 'date') dueDate = parseDate(value);
      else {
        const cycle = parseCycle(value);
        repetitions = cycle.repetitions;
        interval = cycle.interval;
        dueDate = cycle.start ?? addDuration(this.now(), cycle.interval);
      }
    } catch (error) {
      throw new IncidentError('EXTRACT_VALUE_ERROR', (error as Error).message);
    }
    this.addTimer({
      key: this.state.newKey(),
      elementInstanceKey: owner.key,
      processInstanceKey: owner.processInstanceKey,
      processDefinitionKey: owner.processDefinitionKey,
      targetElementId: event.id,
      dueDate,
      repetitions,
      interval,
    });
  }

  private addTimer(row: TimerRow): void {
    this.state.addTimer(row);
    this.state.appendRecord('TIMER', 'CREATED', row.key, this.timerValue(row), this.now());
  }

  /** Removes the subscriptions and timers that belong to an element that is leaving. */
  closeEventSubscriptions(instance: ElementInstanceRow): void {
    for (const subscription of this.state.subscriptionsOf(instance.key)) {
      this.state.removeSubscription(subscription.key);
      this.state.appendRecord('PROCESS_MESSAGE_SUBSCRIPTION', 'DELETED', subscription.key, this.subscriptionValue(subscription), this.now());
    }
    for (const timer of this.state.timersOf(instance.key)) {
      this.state.removeTimer(timer.key);
      this.state.appendRecord('TIMER', 'CANCELED', timer.key, this.timerValue(timer), this.now());
    }
  }

  triggerTimer(timer: TimerRow): void {
    const owner = this.state.elementInstances.get(timer.elementInstanceKey);
    this.state.removeTimer(timer.key);
    if (!owner || owner.state !== 'ACTIVATED') return;
    this.state.appendRecord('TIMER', 'TRIGGERED', timer.key, this.timerValue(timer), this.now());
    const event = this.model(owner).elements.get(timer.targetElementId)!;
    if (event.id === owner.elementId) {
      this.complete(owner);
      return;
    }
    if (!event.interrupting && timer.repetitions !== 1 && timer.interval) {
      this.addTimer({
        ...timer,
        key: this.state.newKey(),
        dueDate: addDuration(timer.dueDate, timer.interval),
        repetitions: timer.repetitions > 0 ? timer.repetitions - 1 : timer.repetitions,
      });
    }
    this.triggerBoundary(owner, event, undefined);
  }

  /** Correlates a message to a subscription; false when the subscription cannot take it now. */
  correlate(subscription: MessageSubscriptionRow, message: Pick<MessageRow, 'key' | 'name' | 'correlationKey' | 'variables'>): boolean {
    const owner = this.state.elementInstances.get(subscription.elementInstanceKey);
    if (!owner || owner.state !== 'ACTIVATED') return false;
    this.state.appendRecord('PROCESS_MESSAGE_SUBSCRIPTION', 'CORRELATED', subscription.key, {
      ...this.subscriptionValue(subscription),
      messageKey: message.key,
      variables: JSON.stringify(message.variables),
    }, this.now());
    const event = this.model(owner).elements.get(subscription.elementId)!;
    if (event.id === owner.elementId) {
      owner.eventVariables = message.variables;
      this.state.elementInstances.put(owner);
      this.complete(owner);
    } else {
      this.triggerBoundary(owner, event, message.variables);
    }
    return true;
  }

  private correlateBuffered(subscription: MessageSubscriptionRow): void {
    const now = this.now();
    const message = this.state
      .messagesFor(subscription.messageName, subscription.correlationKey)
      .find((candidate) => candidate.deadline > now && !candidate.correlatedTo.includes(subscription.processInstanceKey));
    if (!message) return;
    message.correlatedTo.push(subscription.processInstanceKey);
    this.state.messages.put(message);
    this.correlate(subscription, message);
  }

  // --- jobs

  createJob(instance: ElementInstanceRow, job: { type: string; retries: number; customHeaders: Record<string, string> }): JobRow {
    const row: JobRow = {
      key: this.state.newKey(),
      type: job.type,
      state: 'ACTIVATABLE',
      retries: job.retries,
      worker: '',
      deadline: -1,
      errorMessage: '',
      customHeaders: job.customHeaders,
      elementInstanceKey: instance.key,
      processInstanceKey: instance.processInstanceKey,
      bpmnProcessId: instance.bpmnProcessId,
      processDefinitionVersion: instance.version,
      processDefinitionKey: instance.processDefinitionKey,
      elementId: instance.elementId,
      tenantId: DEFAULT_TENANT,
    };
    this.state.putJob(row);
    instance.jobKey = row.key;
    this.state.elementInstances.put(instance);
    this.writeJob(row, 'CREATED');
    this.events.jobsAvailable(row.type);
    return row;
  }

  cancelJob(jobKey: string): void {
    const job = this.state.jobs.get(jobKey);
    if (!job) return;
    this.state.removeJob(jobKey);
    this.writeJob(job, 'CANCELED');
  }

  writeJob(job: JobRow, intent: string, extra: Record<string, unknown> = {}): void {
    this.state.appendRecord('JOB', intent, job.key, { ...jobValue(job), ...extra }, this.now());
  }

  // --- records

  recordValue(instance: ElementInstanceRow): Record<string, unknown> {
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

  private writeLifecycle(instance: ElementInstanceRow, intent: string): void {
    this.state.appendRecord('PROCESS_INSTANCE', intent, instance.key, this.recordValue(instance), this.now());
  }

  private subscriptionValue(row: MessageSubscriptionRow): Record<string, unknown> {
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

  private timerValue(row: TimerRow): Record<string, unknown> {
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

  private behaviour(element: FlowElement): ElementBehaviour {
    const behaviour = this.behaviours.get(element.type);
    if (!behaviour) throw new Error(`No behaviour for element type ${element.type}`);
    return behaviour;
  }
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
