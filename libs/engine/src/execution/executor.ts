import { isActivity } from '../bpmn/parse.js';
import type { ElementType, FlowElement, ProcessModel, SequenceFlow } from '../bpmn/model.js';
import { addDuration, parseCron, parseDate, parseDuration, parseTimerCycle } from '../bpmn/timer.js';
import type { DecisionRequirements } from '../dmn/index.js';
import { Rejection } from '../rejection.js';
import {
  DEFAULT_TENANT,
  NO_KEY,
  type ElementInstanceRow,
  type IncidentPhase,
  type JobRow,
  type MessageRow,
  type MessageSubscriptionRow,
  type ProcessDefinitionRow,
  type SignalSubscriptionRow,
  type TimerRow,
} from '../state/rows.js';
import type { EngineState } from '../state/state.js';
import { evaluate, IncidentError } from './expressions.js';
import { startAt } from './modification.js';
import { StartEvents } from './start-events.js';
import { Variables } from './variables.js';

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
  /** Replaces the element's output mappings when it completes. May throw IncidentError. */
  applyOutputs?(executor: Executor, instance: ElementInstanceRow, element: FlowElement): void;
  /** A child of this scope is completing, its variables still in place. May throw IncidentError. */
  childCompleting?(executor: Executor, scope: ElementInstanceRow, child: ElementInstanceRow): void;
  /** A child of this scope completed or was terminated; replaces the default (complete once empty). */
  childFinished?(executor: Executor, scope: ElementInstanceRow): void;
}

export class Executor {
  readonly variables: Variables;
  readonly startEvents: StartEvents;
  private readonly behaviours = new Map<ElementType, ElementBehaviour>();

  constructor(
    readonly state: EngineState,
    readonly models: DeployedModels,
    readonly now: () => number,
    readonly events: ExecutorEvents,
  ) {
    this.variables = new Variables(state, now);
    this.startEvents = new StartEvents(this);
  }

  register(types: ElementType | ElementType[], behaviour: ElementBehaviour): void {
    for (const type of Array.isArray(types) ? types : [types]) this.behaviours.set(type, behaviour);
  }

  model(instance: { processDefinitionKey: string }): ProcessModel {
    return this.models.process(instance.processDefinitionKey);
  }

  element(instance: ElementInstanceRow): FlowElement {
    return this.model(instance).elements.get(instance.elementId)!;
  }

  /** An instance of a multi-instance activity inside its body (the body has the same element id). */
  isInnerInstance(instance: ElementInstanceRow): boolean {
    if (instance.elementType === 'MULTI_INSTANCE_BODY' || instance.flowScopeKey === NO_KEY) return false;
    const flowScope = this.state.elementInstances.get(instance.flowScopeKey);
    return flowScope?.elementType === 'MULTI_INSTANCE_BODY' && flowScope.elementId === instance.elementId;
  }

  // --- process instances

  createProcessInstance(
    definition: ProcessDefinitionRow,
    variables: Record<string, unknown>,
    options: {
      parent?: { processInstanceKey: string; elementInstanceKey: string; propagateNoVariables: boolean };
      onCreated?: (processInstanceKey: string) => void;
      /** Started by a message, timer or signal start event instead of the none start event. */
      trigger?: StartTrigger;
      /** Started at these elements instead of a start event (CreateProcessInstance start instructions). */
      startInstructions?: readonly string[];
      messageStart?: ElementInstanceRow['messageStart'];
    } = {},
  ): ElementInstanceRow {
    const model = this.models.process(definition.key);
    if (!options.trigger && !options.startInstructions?.length && !model.elements.get(model.bpmnProcessId)?.startEventId) {
      throw new Rejection('CREATE', 'INVALID_STATE', 'Expected to create instance of process with none start event, but there is no such event');
    }
    const key = this.state.newKey();
    options.onCreated?.(key);
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
      parentProcessInstanceKey: options.parent?.processInstanceKey ?? NO_KEY,
      parentElementInstanceKey: options.parent?.elementInstanceKey ?? NO_KEY,
      propagateNoVariables: options.parent?.propagateNoVariables || undefined,
      startTrigger: options.trigger,
      messageStart: options.messageStart,
    };
    this.state.addElementInstance(instance);
    // Zeebe writes the creation record for the CreateProcessInstance command only, not for event starts.
    if (!options.trigger) {
      this.state.appendRecord('PROCESS_INSTANCE_CREATION', 'CREATED', key, {
        bpmnProcessId: definition.bpmnProcessId,
        version: definition.version,
        processDefinitionKey: definition.key,
        processInstanceKey: key,
        variables: JSON.stringify(variables),
        tenantId: DEFAULT_TENANT,
      }, this.now());
    }
    this.variables.setLocal(key, variables);
    this.writeLifecycle(instance, 'ELEMENT_ACTIVATING');
    if (options.startInstructions?.length) {
      // As Zeebe does, the instance is entered without a start event and its event sub-processes wait.
      this.openEventSubProcesses(instance, this.element(instance));
      this.activated(instance);
      startAt(this, instance, options.startInstructions);
    } else {
      this.runActivation(instance, this.element(instance));
    }
    return instance;
  }

  // --- lifecycle

  /**
   * Activates an element in a flow scope, e.g. the target of a taken sequence flow. Event
   * variables mean the element's event has already occurred (a triggered boundary or catch
   * event); a start trigger enters a scope through that start event.
   */
  activate(flowScope: ElementInstanceRow, element: FlowElement, eventVariables?: Record<string, unknown>, startTrigger?: StartTrigger): ElementInstanceRow | undefined {
    const instance = this.prepareChild(flowScope, element, {}, { eventVariables, startTrigger });
    if (instance) this.runActivation(instance, element);
    return instance;
  }

  /**
   * Creates an element instance in a flow scope with its local variables, written as
   * activating but not yet run; `continueActivation` runs it. A multi-instance body uses
   * this to create all its instances before any of them runs, as Zeebe does.
   */
  prepareChild(
    flowScope: ElementInstanceRow,
    element: FlowElement,
    localVariables: Record<string, unknown>,
    extra: Pick<ElementInstanceRow, 'eventVariables' | 'startTrigger' | 'loopCounter'> = {},
  ): ElementInstanceRow | undefined {
    if (flowScope.state !== 'ACTIVATED' || !this.state.elementInstances.get(flowScope.key)) return undefined;
    const inner = flowScope.elementType === 'MULTI_INSTANCE_BODY' && flowScope.elementId === element.id;
    const instance: ElementInstanceRow = {
      key: this.state.newKey(),
      processInstanceKey: flowScope.processInstanceKey,
      processDefinitionKey: flowScope.processDefinitionKey,
      bpmnProcessId: flowScope.bpmnProcessId,
      version: flowScope.version,
      elementId: element.id,
      elementType: element.multiInstance && !inner ? 'MULTI_INSTANCE_BODY' : element.type,
      eventType: element.eventType,
      flowScopeKey: flowScope.key,
      state: 'ACTIVATING',
      parentProcessInstanceKey: NO_KEY,
      parentElementInstanceKey: NO_KEY,
      ...extra,
    };
    this.state.addElementInstance(instance);
    this.writeLifecycle(instance, 'ELEMENT_ACTIVATING');
    if (Object.keys(localVariables).length > 0) this.variables.setLocal(instance.key, localVariables);
    return instance;
  }

  /**
   * Enters a flow scope without running its start event, for a process instance
   * modification that activates an element inside it: the scope's boundary events and event
   * sub-processes wait, its variables are set. Undefined when the scope could not be entered
   * (an incident on it says why).
   */
  enterScope(flowScope: ElementInstanceRow, element: FlowElement, localVariables: Record<string, unknown>): ElementInstanceRow | undefined {
    const instance = this.prepareChild(flowScope, element, localVariables);
    if (!instance) return undefined;
    try {
      this.openBoundaryEvents(instance, element);
      this.openEventSubProcesses(instance, element);
    } catch (error) {
      if (!(error instanceof IncidentError)) throw error;
      this.closeEventSubscriptions(instance);
      this.raiseIncident(instance, error.errorType, error.message, 'ACTIVATE');
      return undefined;
    }
    this.activated(instance);
    return instance;
  }

  /** Runs an element prepared by `prepareChild`, unless something ended it meanwhile. */
  continueActivation(instance: ElementInstanceRow): void {
    if (this.state.elementInstances.get(instance.key)?.state !== 'ACTIVATING') return;
    this.runActivation(instance, this.element(instance));
  }

  private runActivation(instance: ElementInstanceRow, element: FlowElement): void {
    const body = instance.elementType === 'MULTI_INSTANCE_BODY';
    try {
      // A multi-instance activity's mappings apply to each of its instances, not to the body.
      if (!body && element.inputs.length > 0) {
        const scopeKey = this.variableScopeKey(instance);
        const outer = scopeKey === NO_KEY ? {} : this.variables.visible(scopeKey);
        const local = this.variables.evaluateMappings(element.inputs, outer, (name) => outer[name]);
        this.variables.setLocal(instance.key, local);
      }
      // Boundary events belong to the body of a multi-instance activity.
      if (isActivity(element.type) && !this.isInnerInstance(instance)) this.openBoundaryEvents(instance, element);
      this.behaviour(instance, element).activating(this, instance, element);
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

  /**
   * The scope whose variables an element's mappings read and write: its flow scope, except
   * for an instance of a multi-instance activity, which works in its own scope so that its
   * input and output element variables stay local (Zeebe's rule).
   */
  private variableScopeKey(instance: ElementInstanceRow): string {
    return this.isInnerInstance(instance) ? instance.key : instance.flowScopeKey;
  }

  activated(instance: ElementInstanceRow): void {
    instance.state = 'ACTIVATED';
    delete instance.startTrigger;
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
    const behaviour = this.behaviour(instance, element);
    const flowScope = instance.flowScopeKey === NO_KEY ? undefined : this.state.elementInstances.get(instance.flowScopeKey);
    try {
      if (behaviour.applyOutputs) behaviour.applyOutputs(this, instance, element);
      else this.applyOutputs(instance, element);
      if (flowScope) this.behaviour(flowScope, this.element(flowScope)).childCompleting?.(this, flowScope, instance);
    } catch (error) {
      if (!(error instanceof IncidentError)) throw error;
      this.raiseIncident(instance, error.errorType, error.message, 'COMPLETE');
      return;
    }
    this.closeEventSubscriptions(instance);
    // An instance of a multi-instance activity leaves through its body, never by its own flows.
    const flows = flowScope?.elementType === 'MULTI_INSTANCE_BODY' ? [] : behaviour.outgoing ? behaviour.outgoing(this, instance, element) : element.outgoing;
    const rootVariables = instance.elementType === 'PROCESS' ? this.variables.local(instance.key) : undefined;
    this.writeLifecycle(instance, 'ELEMENT_COMPLETED');
    this.removeInstance(instance);
    if (rootVariables) {
      this.processCompleted(instance, rootVariables);
      return;
    }
    behaviour.completed?.(this, instance, element);
    const scope = this.state.elementInstances.get(instance.flowScopeKey);
    if (!scope) return;
    for (const flow of flows) this.takeFlow(scope, flow);
    this.childFinished(scope);
  }

  private applyOutputs(instance: ElementInstanceRow, element: FlowElement): void {
    const eventVariables = instance.eventVariables;
    const targetKey = this.variableScopeKey(instance);
    if (element.outputs.length > 0) {
      if (eventVariables) this.variables.setLocal(instance.key, eventVariables);
      const context = this.variables.visible(instance.key);
      const outer = targetKey === NO_KEY ? {} : this.variables.visible(targetKey);
      const result = this.variables.evaluateMappings(element.outputs, context, (name) => outer[name]);
      if (targetKey !== NO_KEY) this.variables.propagate(targetKey, result);
    } else if (eventVariables && instance.flowScopeKey !== NO_KEY) {
      this.variables.propagate(instance.key, eventVariables);
    }
  }

  private processCompleted(instance: ElementInstanceRow, variables: Record<string, unknown>): void {
    this.events.processInstanceCompleted(instance.key, variables);
    this.startEvents.instanceEnded(instance);
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
    this.behaviour(instance, element).terminating?.(this, instance, element);
    for (const child of this.state.childrenOf(instance.key)) this.terminate(child);
    this.writeLifecycle(instance, 'ELEMENT_TERMINATED');
    this.removeInstance(instance);
    if (instance.elementType === 'PROCESS') {
      this.events.processInstanceTerminated(instance.key);
      this.startEvents.instanceEnded(instance);
    }
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
    const hook = this.behaviour(flowScope, this.element(flowScope)).childFinished;
    if (hook) {
      hook(this, flowScope);
      return;
    }
    // A token that ended elsewhere may be the last one an inclusive gateway waited for.
    for (const gatewayId of Object.keys(flowScope.joins ?? {})) {
      const gateway = this.model(flowScope).elements.get(gatewayId)!;
      if (gateway.type === 'INCLUSIVE_GATEWAY' && this.join(flowScope, gateway)) return;
    }
    if (this.state.childrenOf(flowScope.key).length > 0) return;
    if (flowScope.joins && Object.values(flowScope.joins).some((flows) => flows.length > 0)) return;
    this.complete(flowScope);
  }

  takeFlow(flowScope: ElementInstanceRow, flow: SequenceFlow, eventVariables?: Record<string, unknown>): void {
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
    if ((target.type === 'PARALLEL_GATEWAY' || target.type === 'INCLUSIVE_GATEWAY') && target.incoming.length > 1) {
      const joins = (flowScope.joins ??= {});
      (joins[target.id] ??= []).push(flow.id);
      this.state.elementInstances.put(flowScope);
      this.join(flowScope, target);
      return;
    }
    this.activate(flowScope, target, eventVariables);
  }

  /**
   * Activates a joining gateway when it may: a parallel gateway once every incoming flow was
   * taken; an inclusive gateway once no token left in its scope can still reach it by a flow
   * not yet taken (Zeebe's rule). Consumes one token of each flow it joins.
   */
  private join(flowScope: ElementInstanceRow, gateway: FlowElement): boolean {
    const taken = flowScope.joins?.[gateway.id] ?? [];
    if (taken.length === 0) return false;
    const ready =
      gateway.type === 'PARALLEL_GATEWAY' ? gateway.incoming.every((incoming) => taken.includes(incoming.id)) : !this.canStillReach(flowScope, gateway, new Set(taken));
    if (!ready) return false;
    for (const id of new Set(taken)) taken.splice(taken.indexOf(id), 1);
    if (taken.length === 0) delete flowScope.joins![gateway.id];
    this.state.elementInstances.put(flowScope);
    this.activate(flowScope, gateway);
    return true;
  }

  /** Whether an active element of the scope has a path to the gateway that avoids the flows already taken into it. */
  private canStillReach(flowScope: ElementInstanceRow, gateway: FlowElement, takenFlowIds: ReadonlySet<string>): boolean {
    const model = this.model(flowScope);
    const queue = this.state.childrenOf(flowScope.key).filter((child) => child.elementId !== gateway.id).map((child) => model.elements.get(child.elementId)!);
    const visited = new Set<string>();
    for (let current = queue.shift(); current; current = queue.shift()) {
      if (current.id === gateway.id) return true;
      if (visited.has(current.id)) continue;
      visited.add(current.id);
      for (const flow of current.outgoing) if (!takenFlowIds.has(flow.id)) queue.push(model.elements.get(flow.targetId)!);
      for (const id of current.boundaryEventIds) queue.push(model.elements.get(id)!);
      if (current.type === 'INTERMEDIATE_THROW_EVENT' && current.link) {
        const target = [...model.elements.values()].find((candidate) => candidate.scopeId === current.scopeId && candidate.type === 'INTERMEDIATE_CATCH_EVENT' && candidate.link === current.link);
        if (target) queue.push(target);
      }
    }
    return false;
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

  // --- errors and escalations

  /**
   * Throws a BPMN error from an element: the nearest error catch event with the same code
   * (or without a code), on it or an enclosing scope, across call activities, catches it:
   * an event sub-process of a scope, else a boundary event. Returns false when nothing catches it.
   */
  throwError(from: ElementInstanceRow, errorCode: string, variables: Record<string, unknown>): boolean {
    for (let current: ElementInstanceRow | undefined = from; current; current = this.enclosing(current)) {
      const catcher = this.catchEventOf(current, 'ERROR', errorCode);
      if (!catcher || current.state === 'TERMINATING') continue;
      this.state.appendRecord('ERROR', 'CREATED', this.state.newKey(), {
        errorCode,
        processInstanceKey: from.processInstanceKey,
        catchElementId: catcher.id,
        catchElementInstanceKey: current.key,
      }, this.now());
      if (catcher.type === 'BOUNDARY_EVENT') this.interrupt(current, catcher, variables);
      else this.triggerEventSubProcess(current, catcher, variables);
      return true;
    }
    return false;
  }

  /**
   * Throws an escalation from an element, caught as an error is (Zeebe's rules) but never an
   * incident when nothing catches it. Answers whether the throwing element may go on: not
   * when an interrupting catch event took over.
   */
  throwEscalation(from: ElementInstanceRow, escalationCode: string): boolean {
    const key = this.state.newKey();
    const value = { processInstanceKey: from.processInstanceKey, throwElementId: from.elementId, escalationCode, catchElementId: '', tenantId: DEFAULT_TENANT };
    const start = this.enclosing(from);
    for (let current = start; current; current = this.enclosing(current)) {
      const catcher = this.catchEventOf(current, 'ESCALATION', escalationCode);
      if (!catcher || current.state !== 'ACTIVATED') continue;
      this.state.appendRecord('ESCALATION', 'ESCALATED', key, { ...value, catchElementId: catcher.id }, this.now());
      if (catcher.type === 'BOUNDARY_EVENT') this.triggerBoundary(current, catcher, {});
      else this.triggerEventSubProcess(current, catcher, {});
      return !catcher.interrupting;
    }
    this.state.appendRecord('ESCALATION', 'NOT_ESCALATED', key, value, this.now());
    return true;
  }

  /** The next scope outwards: the flow scope, or the call activity that created a process instance. */
  private enclosing(instance: ElementInstanceRow): ElementInstanceRow | undefined {
    if (instance.flowScopeKey !== NO_KEY) return this.state.elementInstances.get(instance.flowScopeKey);
    if (instance.parentElementInstanceKey !== NO_KEY) return this.state.elementInstances.get(instance.parentElementInstanceKey);
    return undefined;
  }

  /**
   * The error or escalation catch event of an element instance: an event sub-process of the
   * scope, then a boundary event (a multi-instance body has the boundary events, its
   * instances the event sub-processes). A matching code wins over a catch-all.
   */
  private catchEventOf(instance: ElementInstanceRow, eventType: 'ERROR' | 'ESCALATION', code: string): FlowElement | undefined {
    const element = this.element(instance);
    const model = this.model(instance);
    const body = instance.elementType === 'MULTI_INSTANCE_BODY';
    const ids = [
      ...(body || instance.interruptingEventId ? [] : element.eventSubProcessStartIds),
      ...(this.isInnerInstance(instance) ? [] : element.boundaryEventIds),
    ];
    const candidates = ids.map((id) => model.elements.get(id)!).filter((candidate) => candidate.eventType === eventType);
    const codeOf = (candidate: FlowElement) => (eventType === 'ERROR' ? candidate.error?.errorCode : candidate.escalation?.escalationCode);
    return candidates.find((candidate) => codeOf(candidate) === code) ?? candidates.find((candidate) => !codeOf(candidate));
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

  /**
   * Starts an event sub-process in its scope. An interrupting one first terminates
   * everything else in the scope and closes the scope's other event sub-processes; an
   * interrupted scope takes no further events of its event sub-processes.
   */
  triggerEventSubProcess(scope: ElementInstanceRow, startEvent: FlowElement, variables: Record<string, unknown> | undefined): void {
    if (scope.interruptingEventId || scope.state !== 'ACTIVATED') return;
    const eventSubProcess = this.model(scope).elements.get(startEvent.scopeId!)!;
    if (startEvent.interrupting) {
      scope.interruptingEventId = eventSubProcess.id;
      delete scope.joins;
      this.state.elementInstances.put(scope);
      const starts = this.element(scope).eventSubProcessStartIds;
      this.closeEventSubscriptions(scope, (catchEventId) => starts.includes(catchEventId));
      for (const child of this.state.childrenOf(scope.key)) this.terminate(child);
    }
    this.activate(scope, eventSubProcess, undefined, { elementId: startEvent.id, variables: variables ?? {} });
  }

  // --- event subscriptions: boundary events, catch events, event sub-processes

  private openBoundaryEvents(instance: ElementInstanceRow, element: FlowElement): void {
    const model = this.model(instance);
    for (const id of element.boundaryEventIds) this.subscribe(instance, model.elements.get(id)!);
  }

  /** Opens the subscriptions of the event sub-processes of a scope that is being activated. */
  openEventSubProcesses(instance: ElementInstanceRow, element: FlowElement): void {
    const model = this.model(instance);
    for (const id of element.eventSubProcessStartIds) this.subscribe(instance, model.elements.get(id)!);
  }

  /** Waits for the event of a catch event on behalf of its owner (errors and escalations are thrown, not awaited). */
  subscribe(owner: ElementInstanceRow, event: FlowElement): void {
    if (event.message) this.openMessageSubscription(owner, event);
    if (event.timer) this.createTimer(owner, event);
    if (event.signal) this.openSignalSubscription(owner, event);
  }

  private openMessageSubscription(owner: ElementInstanceRow, event: FlowElement): void {
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

  private openSignalSubscription(owner: ElementInstanceRow, event: FlowElement): void {
    const signalName = String(evaluate(event.signal!.name, this.variables.visible(owner.key), this.now(), 'STRING'));
    const row: SignalSubscriptionRow = {
      key: this.state.newKey(),
      signalName,
      elementInstanceKey: owner.key,
      processInstanceKey: owner.processInstanceKey,
      processDefinitionKey: owner.processDefinitionKey,
      bpmnProcessId: owner.bpmnProcessId,
      catchEventId: event.id,
      interrupting: event.interrupting,
    };
    this.state.addSignalSubscription(row);
    this.state.appendRecord('SIGNAL_SUBSCRIPTION', 'CREATED', row.key, signalSubscriptionValue(row), this.now());
  }

  createTimer(owner: ElementInstanceRow, event: FlowElement): void {
    const definition = event.timer!;
    const value = evaluate(definition.expression, this.variables.visible(owner.key), this.now(), 'ANY');
    this.addTimer({
      key: this.state.newKey(),
      elementInstanceKey: owner.key,
      processInstanceKey: owner.processInstanceKey,
      processDefinitionKey: owner.processDefinitionKey,
      targetElementId: event.id,
      ...this.schedule(definition.kind, value),
    });
  }

  /** When a timer is first due and how it repeats, from its evaluated value. */
  schedule(kind: 'duration' | 'date' | 'cycle', value: unknown): Pick<TimerRow, 'dueDate' | 'repetitions' | 'interval' | 'cron'> {
    try {
      if (typeof value !== 'string') throw new Error(`Expected a timer ${kind} as text, but was '${JSON.stringify(value)}'`);
      if (kind === 'duration') return { dueDate: addDuration(this.now(), parseDuration(value)), repetitions: 1 };
      if (kind === 'date') return { dueDate: parseDate(value), repetitions: 1 };
      const cycle = parseTimerCycle(value);
      if ('cron' in cycle) return { dueDate: parseCron(cycle.cron).next(this.now()), repetitions: -1, cron: cycle.cron };
      return { dueDate: cycle.start ?? addDuration(this.now(), cycle.interval), repetitions: cycle.repetitions, interval: cycle.interval };
    } catch (error) {
      throw new IncidentError('EXTRACT_VALUE_ERROR', (error as Error).message);
    }
  }

  addTimer(row: TimerRow): void {
    this.state.addTimer(row);
    this.state.appendRecord('TIMER', 'CREATED', row.key, this.timerValue(row), this.now());
  }

  /**
   * The next timer of a repeating cycle after one fired, or undefined when the cycle is done.
   * As in Zeebe, an occurrence already overdue (the engine was down, the clock jumped) is
   * not fired at once again: the cycle goes on one interval from now.
   */
  nextTimer(timer: TimerRow): TimerRow | undefined {
    if (timer.repetitions === 1 || (!timer.interval && !timer.cron)) return undefined;
    const now = this.now();
    let dueDate: number;
    if (timer.cron) {
      dueDate = parseCron(timer.cron).next(Math.max(timer.dueDate, now));
    } else {
      dueDate = addDuration(timer.dueDate, timer.interval!);
      if (dueDate <= now) dueDate = addDuration(now, timer.interval!);
    }
    return { ...timer, key: this.state.newKey(), dueDate, repetitions: timer.repetitions > 0 ? timer.repetitions - 1 : timer.repetitions };
  }

  removeTimer(timer: TimerRow): void {
    this.state.removeTimer(timer.key);
    this.state.appendRecord('TIMER', 'CANCELED', timer.key, this.timerValue(timer), this.now());
  }

  /** Removes the subscriptions and timers that belong to an element that is leaving (or only those of the given catch events). */
  closeEventSubscriptions(instance: ElementInstanceRow, only: (catchEventId: string) => boolean = () => true): void {
    for (const subscription of this.state.subscriptionsOf(instance.key)) {
      if (!only(subscription.elementId)) continue;
      this.state.removeSubscription(subscription.key);
      this.state.appendRecord('PROCESS_MESSAGE_SUBSCRIPTION', 'DELETED', subscription.key, this.subscriptionValue(subscription), this.now());
    }
    for (const timer of this.state.timersOf(instance.key)) if (only(timer.targetElementId)) this.removeTimer(timer);
    for (const subscription of this.state.signalSubscriptionsOf(instance.key)) {
      if (!only(subscription.catchEventId)) continue;
      this.state.removeSignalSubscription(subscription.key);
      this.state.appendRecord('SIGNAL_SUBSCRIPTION', 'DELETED', subscription.key, signalSubscriptionValue(subscription), this.now());
    }
  }

  triggerTimer(timer: TimerRow): void {
    if (timer.elementInstanceKey === NO_KEY) {
      this.startEvents.timerDue(timer);
      return;
    }
    const owner = this.state.elementInstances.get(timer.elementInstanceKey);
    this.state.removeTimer(timer.key);
    if (!owner || owner.state !== 'ACTIVATED') return;
    this.state.appendRecord('TIMER', 'TRIGGERED', timer.key, this.timerValue(timer), this.now());
    const event = this.model(owner).elements.get(timer.targetElementId)!;
    // A non-interrupting event keeps its cycle going while its owner stays.
    const next = event.interrupting ? undefined : this.nextTimer(timer);
    if (next) this.addTimer(next);
    this.triggerEvent(owner, event, undefined);
  }

  /**
   * An awaited event occurred for its owner: the owner itself (catch event, receive task)
   * completes, an event-based gateway completes towards the event, a boundary event or an
   * event sub-process of the owner is triggered.
   */
  triggerEvent(owner: ElementInstanceRow, event: FlowElement, variables: Record<string, unknown> | undefined): void {
    if (event.id === owner.elementId) {
      owner.eventVariables = variables;
      this.state.elementInstances.put(owner);
      this.complete(owner);
    } else if (owner.elementType === 'EVENT_BASED_GATEWAY') {
      const flow = this.element(owner).outgoing.find((candidate) => candidate.targetId === event.id)!;
      owner.triggeredEvent = { elementId: event.id, flowId: flow.id, variables: variables ?? {} };
      this.state.elementInstances.put(owner);
      this.complete(owner);
    } else if (event.type === 'BOUNDARY_EVENT') {
      this.triggerBoundary(owner, event, variables);
    } else {
      this.triggerEventSubProcess(owner, event, variables);
    }
  }

  /** Correlates a message to a subscription; false when the subscription cannot take it now. */
  correlate(subscription: MessageSubscriptionRow, message: Pick<MessageRow, 'key' | 'name' | 'correlationKey' | 'variables'>): boolean {
    const owner = this.state.elementInstances.get(subscription.elementInstanceKey);
    // An earlier correlation of the same message may have closed this subscription or ended its owner.
    if (!owner || owner.state !== 'ACTIVATED' || !this.state.messageSubscriptions.get(subscription.key)) return false;
    this.state.appendRecord('PROCESS_MESSAGE_SUBSCRIPTION', 'CORRELATED', subscription.key, {
      ...this.subscriptionValue(subscription),
      messageKey: message.key,
      variables: JSON.stringify(message.variables),
    }, this.now());
    this.triggerEvent(owner, this.model(owner).elements.get(subscription.elementId)!, message.variables);
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

  /** A signal reaches every catch event waiting for it and starts every process with a matching signal start event. */
  broadcastSignal(signalName: string, variables: Record<string, unknown>): string {
    const key = this.state.newKey();
    this.state.appendRecord('SIGNAL', 'BROADCASTED', key, { signalName, variables: JSON.stringify(variables), tenantId: DEFAULT_TENANT }, this.now());
    for (const subscription of this.state.signalSubscriptionsFor(signalName)) {
      // An earlier catch in this broadcast may have ended this one's owner.
      if (!this.state.signalSubscriptions.get(subscription.key)) continue;
      const owner = this.state.elementInstances.get(subscription.elementInstanceKey);
      if (!owner || owner.state !== 'ACTIVATED') continue;
      this.triggerEvent(owner, this.model(owner).elements.get(subscription.catchEventId)!, variables);
    }
    this.startEvents.signalBroadcast(signalName, variables);
    return key;
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

  timerValue(row: TimerRow): Record<string, unknown> {
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

  /** The behaviour of an element instance: a multi-instance body behaves as a body whatever its activity is. */
  private behaviour(instance: ElementInstanceRow, element: FlowElement): ElementBehaviour {
    const type = instance.elementType === 'MULTI_INSTANCE_BODY' ? 'MULTI_INSTANCE_BODY' : element.type;
    const behaviour = this.behaviours.get(type);
    if (!behaviour) throw new Error(`No behaviour for element type ${type}`);
    return behaviour;
  }
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
