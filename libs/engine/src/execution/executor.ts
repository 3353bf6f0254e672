import type { ElementType, FlowElement, ProcessModel } from '../bpmn/model.js';
import { bindOperations, type Bound } from '../operations.js';
import { NO_KEY, type ElementInstanceRow } from '../state/rows.js';
import type { EngineState } from '../state/state.js';
import type { DeployedModels, ElementBehaviour, ExecutionContext, ExecutorEvents } from './context.js';
import { broadcastSignal, correlate, correlateBuffered, interrupt, throwError, throwEscalation, triggerEvent, triggerEventSubProcess, triggerTimer } from './events.js';
import { childFinished, takeFlow } from './flow.js';
import { raiseIncident, resolveIncidentRecord } from './incidents.js';
import { cancelJob, createJob } from './jobs.js';
import { activate, activated, complete, continueActivation, createProcessInstance, enterScope, prepareChild, retry, terminate } from './lifecycle.js';
import { startAt } from './modification.js';
import { writeJob, writeLifecycle } from './records.js';
import { StartEvents } from './start-events.js';
import { closeEventSubscriptions, evaluateSubscription, openBoundaryEvents, openEventSubProcesses, subscribe } from './subscriptions.js';
import { addTimer, createTimer, nextTimer, removeTimer, schedule } from './timers.js';
import { Variables } from './variables.js';

/** The operations of the ExecutionContext that the behaviour files implement, by name. */
const operations = {
  // lifecycle.ts
  createProcessInstance, activate, prepareChild, enterScope, continueActivation, activated, complete, terminate, retry, startAt,
  // flow.ts
  takeFlow, childFinished,
  // events.ts
  triggerEvent, triggerTimer, correlate, correlateBuffered, broadcastSignal, throwError, throwEscalation, interrupt, triggerEventSubProcess,
  // subscriptions.ts, timers.ts
  openBoundaryEvents, openEventSubProcesses, subscribe, evaluateSubscription, closeEventSubscriptions, createTimer, schedule, addTimer, nextTimer, removeTimer,
  // incidents.ts, jobs.ts, records.ts
  raiseIncident, resolveIncidentRecord, createJob, cancelJob, writeJob, writeLifecycle,
};

/** The operations above, bound to the executor in its constructor (the interface merges into the class). */
export interface Executor extends Bound<typeof operations, ExecutionContext> {}

/**
 * Runs process instances on the engine's state. It holds the element behaviours and routes
 * every operation of the ExecutionContext to the file of its behaviour (lifecycle, flow,
 * events, subscriptions, timers, incidents, records), each of which sees only the
 * ExecutionContext. The engine constructs it; everything else knows the interface alone.
 */
export class Executor implements ExecutionContext {
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
    Object.assign(this, bindOperations<ExecutionContext, typeof operations>(this, operations));
  }

  register(types: ElementType | ElementType[], behaviour: ElementBehaviour): void {
    for (const type of Array.isArray(types) ? types : [types]) this.behaviours.set(type, behaviour);
  }

  behaviourOf(instance: ElementInstanceRow, element: FlowElement): ElementBehaviour {
    const type = instance.elementType === 'MULTI_INSTANCE_BODY' ? 'MULTI_INSTANCE_BODY' : element.type;
    const behaviour = this.behaviours.get(type);
    if (!behaviour) throw new Error(`No behaviour for element type ${type}`);
    return behaviour;
  }

  model(instance: { processDefinitionKey: string }): ProcessModel {
    return this.models.process(instance.processDefinitionKey);
  }

  element(instance: ElementInstanceRow): FlowElement {
    return this.model(instance).elements.get(instance.elementId)!;
  }

  isInnerInstance(instance: ElementInstanceRow): boolean {
    if (instance.elementType === 'MULTI_INSTANCE_BODY' || instance.flowScopeKey === NO_KEY) return false;
    const flowScope = this.state.elementInstances.get(instance.flowScopeKey);
    return flowScope?.elementType === 'MULTI_INSTANCE_BODY' && flowScope.elementId === instance.elementId;
  }
}
