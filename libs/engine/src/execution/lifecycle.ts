import { isActivity, type FlowElement } from '../bpmn/model.js';
import { Rejection } from '../rejection.js';
import { DEFAULT_TENANT, NO_KEY, type ElementInstanceRow, type IncidentPhase, type ProcessDefinitionRow } from '../state/rows.js';
import type { ExecutionContext, InstanceCreation, StartTrigger } from './context.js';
import { IncidentError } from './expressions.js';

// The lifecycle of an element instance: created, activating, activated, completing,
// completed or terminated, with its records, input and output mappings and its behaviour's hooks.

export function createProcessInstance(
  ctx: ExecutionContext,
  definition: ProcessDefinitionRow,
  variables: Record<string, unknown>,
  options: InstanceCreation = {},
): ElementInstanceRow {
  const model = ctx.models.process(definition.key);
  if (!options.trigger && !options.startInstructions?.length && !model.elements.get(model.bpmnProcessId)?.startEventId) {
    throw new Rejection('CREATE', 'INVALID_STATE', 'Expected to create instance of process with none start event, but there is no such event');
  }
  const key = ctx.state.newKey();
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
  ctx.state.addElementInstance(instance);
  // Zeebe writes the creation record for the CreateProcessInstance command only, not for event starts.
  if (!options.trigger) {
    ctx.state.appendRecord('PROCESS_INSTANCE_CREATION', 'CREATED', key, {
      bpmnProcessId: definition.bpmnProcessId,
      version: definition.version,
      processDefinitionKey: definition.key,
      processInstanceKey: key,
      variables: JSON.stringify(variables),
      tenantId: DEFAULT_TENANT,
    }, ctx.now());
  }
  ctx.variables.setLocal(key, variables);
  ctx.writeLifecycle(instance, 'ELEMENT_ACTIVATING');
  if (options.startInstructions?.length) {
    // As Zeebe does, the instance is entered without a start event and its event sub-processes wait.
    ctx.openEventSubProcesses(instance, ctx.element(instance));
    activated(ctx, instance);
    ctx.startAt(instance, options.startInstructions);
  } else {
    runActivation(ctx, instance, ctx.element(instance));
  }
  return instance;
}

/**
 * Activates an element in a flow scope, e.g. the target of a taken sequence flow. Event
 * variables mean the element's event has already occurred (a triggered boundary or catch
 * event); a start trigger enters a scope through that start event.
 */
export function activate(ctx: ExecutionContext, flowScope: ElementInstanceRow, element: FlowElement, eventVariables?: Record<string, unknown>, startTrigger?: StartTrigger): ElementInstanceRow | undefined {
  const instance = prepareChild(ctx, flowScope, element, {}, { eventVariables, startTrigger });
  if (instance) runActivation(ctx, instance, element);
  return instance;
}

/**
 * Creates an element instance in a flow scope with its local variables, written as
 * activating but not yet run; `continueActivation` runs it. A multi-instance body uses
 * this to create all its instances before any of them runs, as Zeebe does.
 */
export function prepareChild(
  ctx: ExecutionContext,
  flowScope: ElementInstanceRow,
  element: FlowElement,
  localVariables: Record<string, unknown>,
  extra: Pick<ElementInstanceRow, 'eventVariables' | 'startTrigger' | 'loopCounter'> = {},
): ElementInstanceRow | undefined {
  if (flowScope.state !== 'ACTIVATED' || !ctx.state.elementInstances.get(flowScope.key)) return undefined;
  const inner = flowScope.elementType === 'MULTI_INSTANCE_BODY' && flowScope.elementId === element.id;
  const instance: ElementInstanceRow = {
    key: ctx.state.newKey(),
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
  ctx.state.addElementInstance(instance);
  ctx.writeLifecycle(instance, 'ELEMENT_ACTIVATING');
  if (Object.keys(localVariables).length > 0) ctx.variables.setLocal(instance.key, localVariables);
  return instance;
}

/**
 * Enters a flow scope without running its start event, for a process instance
 * modification that activates an element inside it: the scope's boundary events and event
 * sub-processes wait, its variables are set. Undefined when the scope could not be entered
 * (an incident on it says why).
 */
export function enterScope(ctx: ExecutionContext, flowScope: ElementInstanceRow, element: FlowElement, localVariables: Record<string, unknown>): ElementInstanceRow | undefined {
  const instance = prepareChild(ctx, flowScope, element, localVariables);
  if (!instance) return undefined;
  try {
    ctx.openBoundaryEvents(instance, element);
    ctx.openEventSubProcesses(instance, element);
  } catch (error) {
    if (!(error instanceof IncidentError)) throw error;
    ctx.closeEventSubscriptions(instance);
    ctx.raiseIncident(instance, error.errorType, error.message, 'ACTIVATE');
    return undefined;
  }
  activated(ctx, instance);
  return instance;
}

/** Runs an element prepared by `prepareChild`, unless something ended it meanwhile. */
export function continueActivation(ctx: ExecutionContext, instance: ElementInstanceRow): void {
  if (ctx.state.elementInstances.get(instance.key)?.state !== 'ACTIVATING') return;
  runActivation(ctx, instance, ctx.element(instance));
}

function runActivation(ctx: ExecutionContext, instance: ElementInstanceRow, element: FlowElement): void {
  const body = instance.elementType === 'MULTI_INSTANCE_BODY';
  try {
    // A multi-instance activity's mappings apply to each of its instances, not to the body.
    if (!body && element.inputs.length > 0) {
      const scopeKey = variableScopeKey(ctx, instance);
      const outer = scopeKey === NO_KEY ? {} : ctx.variables.visible(scopeKey);
      const local = ctx.variables.evaluateMappings(element.inputs, outer, (name) => outer[name]);
      ctx.variables.setLocal(instance.key, local);
    }
    // Boundary events belong to the body of a multi-instance activity.
    if (isActivity(element.type) && !ctx.isInnerInstance(instance)) ctx.openBoundaryEvents(instance, element);
    ctx.behaviourOf(instance, element).activating(ctx, instance, element);
  } catch (error) {
    if (!(error instanceof IncidentError)) throw error;
    ctx.closeEventSubscriptions(instance);
    ctx.raiseIncident(instance, error.errorType, error.message, 'ACTIVATE');
    return;
  }
  // Messages buffered before the subscription opened correlate now that the element waits.
  for (const subscription of ctx.state.subscriptionsOf(instance.key)) {
    if (ctx.state.elementInstances.get(instance.key)?.state !== 'ACTIVATED') break;
    ctx.correlateBuffered(subscription);
  }
}

/**
 * The scope whose variables an element's mappings read and write: its flow scope, except
 * for an instance of a multi-instance activity, which works in its own scope so that its
 * input and output element variables stay local (Zeebe's rule).
 */
function variableScopeKey(ctx: ExecutionContext, instance: ElementInstanceRow): string {
  return ctx.isInnerInstance(instance) ? instance.key : instance.flowScopeKey;
}

export function activated(ctx: ExecutionContext, instance: ElementInstanceRow): void {
  instance.state = 'ACTIVATED';
  delete instance.startTrigger;
  ctx.state.elementInstances.put(instance);
  ctx.writeLifecycle(instance, 'ELEMENT_ACTIVATED');
}

/** Completes an activated element (its job finished, its event arrived, its scope ended). */
export function complete(ctx: ExecutionContext, instance: ElementInstanceRow): void {
  if (instance.state !== 'ACTIVATED' || !ctx.state.elementInstances.get(instance.key)) return;
  instance.state = 'COMPLETING';
  ctx.state.elementInstances.put(instance);
  ctx.writeLifecycle(instance, 'ELEMENT_COMPLETING');
  runCompletion(ctx, instance);
}

function runCompletion(ctx: ExecutionContext, instance: ElementInstanceRow): void {
  const element = ctx.element(instance);
  const behaviour = ctx.behaviourOf(instance, element);
  const flowScope = instance.flowScopeKey === NO_KEY ? undefined : ctx.state.elementInstances.get(instance.flowScopeKey);
  try {
    if (behaviour.applyOutputs) behaviour.applyOutputs(ctx, instance, element);
    else applyOutputs(ctx, instance, element);
    if (flowScope) ctx.behaviourOf(flowScope, ctx.element(flowScope)).childCompleting?.(ctx, flowScope, instance);
  } catch (error) {
    if (!(error instanceof IncidentError)) throw error;
    ctx.raiseIncident(instance, error.errorType, error.message, 'COMPLETE');
    return;
  }
  ctx.closeEventSubscriptions(instance);
  // An instance of a multi-instance activity leaves through its body, never by its own flows.
  const flows = flowScope?.elementType === 'MULTI_INSTANCE_BODY' ? [] : behaviour.outgoing ? behaviour.outgoing(ctx, instance, element) : element.outgoing;
  const rootVariables = instance.elementType === 'PROCESS' ? ctx.variables.local(instance.key) : undefined;
  ctx.writeLifecycle(instance, 'ELEMENT_COMPLETED');
  removeInstance(ctx, instance);
  if (rootVariables) {
    processCompleted(ctx, instance, rootVariables);
    return;
  }
  behaviour.completed?.(ctx, instance, element);
  const scope = ctx.state.elementInstances.get(instance.flowScopeKey);
  if (!scope) return;
  for (const flow of flows) ctx.takeFlow(scope, flow);
  ctx.childFinished(scope);
}

function applyOutputs(ctx: ExecutionContext, instance: ElementInstanceRow, element: FlowElement): void {
  const eventVariables = instance.eventVariables;
  const targetKey = variableScopeKey(ctx, instance);
  if (element.outputs.length > 0) {
    if (eventVariables) ctx.variables.setLocal(instance.key, eventVariables);
    const context = ctx.variables.visible(instance.key);
    const outer = targetKey === NO_KEY ? {} : ctx.variables.visible(targetKey);
    const result = ctx.variables.evaluateMappings(element.outputs, context, (name) => outer[name]);
    if (targetKey !== NO_KEY) ctx.variables.propagate(targetKey, result);
  } else if (eventVariables && instance.flowScopeKey !== NO_KEY) {
    ctx.variables.propagate(instance.key, eventVariables);
  }
}

function processCompleted(ctx: ExecutionContext, instance: ElementInstanceRow, variables: Record<string, unknown>): void {
  ctx.events.processInstanceCompleted(instance.key, variables);
  ctx.startEvents.instanceEnded(instance);
  if (instance.parentElementInstanceKey === NO_KEY) return;
  const callActivity = ctx.state.elementInstances.get(instance.parentElementInstanceKey);
  if (!callActivity) return;
  // Output mappings always see the child's variables; without them, propagateAllChildVariables decides.
  const mapped = ctx.element(callActivity).outputs.length > 0;
  callActivity.eventVariables = instance.propagateNoVariables && !mapped ? {} : variables;
  complete(ctx, callActivity);
}

/** Terminates an element and everything inside it. */
export function terminate(ctx: ExecutionContext, instance: ElementInstanceRow): void {
  if (instance.state === 'TERMINATING' || !ctx.state.elementInstances.get(instance.key)) return;
  instance.state = 'TERMINATING';
  ctx.state.elementInstances.put(instance);
  ctx.writeLifecycle(instance, 'ELEMENT_TERMINATING');
  const element = ctx.element(instance);
  ctx.closeEventSubscriptions(instance);
  for (const incident of ctx.state.incidentsOf(instance.key)) ctx.resolveIncidentRecord(incident.key);
  ctx.behaviourOf(instance, element).terminating?.(ctx, instance, element);
  for (const child of ctx.state.childrenOf(instance.key)) terminate(ctx, child);
  ctx.writeLifecycle(instance, 'ELEMENT_TERMINATED');
  removeInstance(ctx, instance);
  if (instance.elementType === 'PROCESS') {
    ctx.events.processInstanceTerminated(instance.key);
    ctx.startEvents.instanceEnded(instance);
  }
  const interruption = instance.interruptedBy;
  if (interruption) {
    const flowScope = ctx.state.elementInstances.get(interruption.flowScopeKey);
    const boundary = ctx.model(instance).elements.get(interruption.elementId);
    if (flowScope && boundary) activate(ctx, flowScope, boundary, interruption.variables ?? {});
  }
}

function removeInstance(ctx: ExecutionContext, instance: ElementInstanceRow): void {
  ctx.state.removeScopeVariables(instance.key);
  ctx.state.removeElementInstance(instance.key);
}

/** Retries what failed: the activation or completion of the element. */
export function retry(ctx: ExecutionContext, instance: ElementInstanceRow, phase: IncidentPhase): void {
  if (phase === 'ACTIVATE' && instance.state === 'ACTIVATING') runActivation(ctx, instance, ctx.element(instance));
  if (phase === 'COMPLETE' && instance.state === 'COMPLETING') runCompletion(ctx, instance);
}
