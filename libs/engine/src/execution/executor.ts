import type { ElementType, FlowElement, ProcessModel } from '../bpmn/model.js';
import { NO_KEY, type ElementInstanceRow } from '../state/rows.js';
import type { EngineState } from '../state/state.js';
import type { DeployedModels, ElementBehaviour, ExecutionContext, ExecutorEvents } from './context.js';
import * as occurrences from './events.js';
import * as flow from './flow.js';
import * as incidents from './incidents.js';
import { cancelJob, createJob } from './jobs.js';
import * as lifecycle from './lifecycle.js';
import { startAt } from './modification.js';
import { writeJob, writeLifecycle } from './records.js';
import { StartEvents } from './start-events.js';
import * as subscriptions from './subscriptions.js';
import * as timers from './timers.js';
import { Variables } from './variables.js';

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

  /** An operation of a behaviour file, bound to this context. */
  private bind<Args extends unknown[], Result>(operation: (ctx: ExecutionContext, ...args: Args) => Result): (...args: Args) => Result {
    return (...args) => operation(this, ...args);
  }

  readonly createProcessInstance = this.bind(lifecycle.createProcessInstance);
  readonly activate = this.bind(lifecycle.activate);
  readonly prepareChild = this.bind(lifecycle.prepareChild);
  readonly enterScope = this.bind(lifecycle.enterScope);
  readonly continueActivation = this.bind(lifecycle.continueActivation);
  readonly activated = this.bind(lifecycle.activated);
  readonly complete = this.bind(lifecycle.complete);
  readonly terminate = this.bind(lifecycle.terminate);
  readonly retry = this.bind(lifecycle.retry);
  readonly startAt = this.bind(startAt);

  readonly takeFlow = this.bind(flow.takeFlow);
  readonly childFinished = this.bind(flow.childFinished);

  readonly triggerEvent = this.bind(occurrences.triggerEvent);
  readonly triggerTimer = this.bind(occurrences.triggerTimer);
  readonly correlate = this.bind(occurrences.correlate);
  readonly correlateBuffered = this.bind(occurrences.correlateBuffered);
  readonly broadcastSignal = this.bind(occurrences.broadcastSignal);
  readonly throwError = this.bind(occurrences.throwError);
  readonly throwEscalation = this.bind(occurrences.throwEscalation);
  readonly interrupt = this.bind(occurrences.interrupt);
  readonly triggerEventSubProcess = this.bind(occurrences.triggerEventSubProcess);

  readonly openBoundaryEvents = this.bind(subscriptions.openBoundaryEvents);
  readonly openEventSubProcesses = this.bind(subscriptions.openEventSubProcesses);
  readonly subscribe = this.bind(subscriptions.subscribe);
  readonly closeEventSubscriptions = this.bind(subscriptions.closeEventSubscriptions);

  readonly createTimer = this.bind(timers.createTimer);
  readonly schedule = this.bind(timers.schedule);
  readonly addTimer = this.bind(timers.addTimer);
  readonly nextTimer = this.bind(timers.nextTimer);
  readonly removeTimer = this.bind(timers.removeTimer);

  readonly raiseIncident = this.bind(incidents.raiseIncident);
  readonly resolveIncidentRecord = this.bind(incidents.resolveIncidentRecord);

  readonly createJob = this.bind(createJob);
  readonly cancelJob = this.bind(cancelJob);
  readonly writeJob = this.bind(writeJob);
  readonly writeLifecycle = this.bind(writeLifecycle);
}
