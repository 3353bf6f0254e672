import type { FlowElement } from '../bpmn/model.js';
import { DEFAULT_TENANT, NO_KEY, type ElementInstanceRow, type MessageRow, type MessageSubscriptionRow, type TimerRow } from '../state/rows.js';
import type { ExecutionContext } from './context.js';
import { subscriptionValue, timerValue } from './records.js';

// Events that occur: timers due, messages correlated, signals broadcast, errors and
// escalations thrown, and what they trigger (catch events, boundary events, event sub-processes).

/**
 * Throws a BPMN error from an element: the nearest error catch event with the same code
 * (or without a code), on it or an enclosing scope, across call activities, catches it:
 * an event sub-process of a scope, else a boundary event. Returns false when nothing catches it.
 */
export function throwError(ctx: ExecutionContext, from: ElementInstanceRow, errorCode: string, variables: Record<string, unknown>): boolean {
  for (let current: ElementInstanceRow | undefined = from; current; current = enclosing(ctx, current)) {
    const catcher = catchEventOf(ctx, current, 'ERROR', errorCode);
    if (!catcher || current.state === 'TERMINATING') continue;
    ctx.state.appendRecord('ERROR', 'CREATED', ctx.state.newKey(), {
      errorCode,
      processInstanceKey: from.processInstanceKey,
      catchElementId: catcher.id,
      catchElementInstanceKey: current.key,
    }, ctx.now());
    if (catcher.type === 'BOUNDARY_EVENT') interrupt(ctx, current, catcher, variables);
    else triggerEventSubProcess(ctx, current, catcher, variables);
    return true;
  }
  return false;
}

/**
 * Throws an escalation from an element, caught as an error is (Zeebe's rules) but never an
 * incident when nothing catches it. Answers whether the throwing element may go on: not
 * when an interrupting catch event took over.
 */
export function throwEscalation(ctx: ExecutionContext, from: ElementInstanceRow, escalationCode: string): boolean {
  const key = ctx.state.newKey();
  const value = { processInstanceKey: from.processInstanceKey, throwElementId: from.elementId, escalationCode, catchElementId: '', tenantId: DEFAULT_TENANT };
  const start = enclosing(ctx, from);
  for (let current = start; current; current = enclosing(ctx, current)) {
    const catcher = catchEventOf(ctx, current, 'ESCALATION', escalationCode);
    if (!catcher || current.state !== 'ACTIVATED') continue;
    ctx.state.appendRecord('ESCALATION', 'ESCALATED', key, { ...value, catchElementId: catcher.id }, ctx.now());
    if (catcher.type === 'BOUNDARY_EVENT') triggerBoundary(ctx, current, catcher, {});
    else triggerEventSubProcess(ctx, current, catcher, {});
    return !catcher.interrupting;
  }
  ctx.state.appendRecord('ESCALATION', 'NOT_ESCALATED', key, value, ctx.now());
  return true;
}

/** The next scope outwards: the flow scope, or the call activity that created a process instance. */
function enclosing(ctx: ExecutionContext, instance: ElementInstanceRow): ElementInstanceRow | undefined {
  if (instance.flowScopeKey !== NO_KEY) return ctx.state.elementInstances.get(instance.flowScopeKey);
  if (instance.parentElementInstanceKey !== NO_KEY) return ctx.state.elementInstances.get(instance.parentElementInstanceKey);
  return undefined;
}

/**
 * The error or escalation catch event of an element instance: an event sub-process of the
 * scope, then a boundary event (a multi-instance body has the boundary events, its
 * instances the event sub-processes). A matching code wins over a catch-all.
 */
function catchEventOf(ctx: ExecutionContext, instance: ElementInstanceRow, eventType: 'ERROR' | 'ESCALATION', code: string): FlowElement | undefined {
  const element = ctx.element(instance);
  const model = ctx.model(instance);
  const body = instance.elementType === 'MULTI_INSTANCE_BODY';
  const ids = [
    ...(body || instance.interruptingEventId ? [] : element.eventSubProcessStartIds),
    ...(ctx.isInnerInstance(instance) ? [] : element.boundaryEventIds),
  ];
  const candidates = ids.map((id) => model.elements.get(id)!).filter((candidate) => candidate.eventType === eventType);
  const codeOf = (candidate: FlowElement) => (eventType === 'ERROR' ? candidate.error?.errorCode : candidate.escalation?.escalationCode);
  return candidates.find((candidate) => codeOf(candidate) === code) ?? candidates.find((candidate) => !codeOf(candidate));
}

/** An interrupting boundary event: terminate the activity, then activate the event. */
export function interrupt(ctx: ExecutionContext, activity: ElementInstanceRow, boundary: FlowElement, variables: Record<string, unknown> | undefined): void {
  activity.interruptedBy = { elementId: boundary.id, variables, flowScopeKey: activity.flowScopeKey };
  ctx.state.elementInstances.put(activity);
  ctx.terminate(activity);
}

function triggerBoundary(ctx: ExecutionContext, activity: ElementInstanceRow, boundary: FlowElement, variables: Record<string, unknown> | undefined): void {
  if (boundary.interrupting) {
    interrupt(ctx, activity, boundary, variables);
    return;
  }
  const flowScope = ctx.state.elementInstances.get(activity.flowScopeKey);
  if (flowScope) ctx.activate(flowScope, boundary, variables ?? {});
}

/**
 * Starts an event sub-process in its scope. An interrupting one first terminates
 * everything else in the scope and closes the scope's other event sub-processes; an
 * interrupted scope takes no further events of its event sub-processes.
 */
export function triggerEventSubProcess(ctx: ExecutionContext, scope: ElementInstanceRow, startEvent: FlowElement, variables: Record<string, unknown> | undefined): void {
  if (scope.interruptingEventId || scope.state !== 'ACTIVATED') return;
  const eventSubProcess = ctx.model(scope).elements.get(startEvent.scopeId!)!;
  if (startEvent.interrupting) {
    scope.interruptingEventId = eventSubProcess.id;
    delete scope.joins;
    ctx.state.elementInstances.put(scope);
    const starts = ctx.element(scope).eventSubProcessStartIds;
    ctx.closeEventSubscriptions(scope, (catchEventId) => starts.includes(catchEventId));
    for (const child of ctx.state.childrenOf(scope.key)) ctx.terminate(child);
  }
  ctx.activate(scope, eventSubProcess, undefined, { elementId: startEvent.id, variables: variables ?? {} });
}

export function triggerTimer(ctx: ExecutionContext, timer: TimerRow): void {
  if (timer.elementInstanceKey === NO_KEY) {
    ctx.startEvents.timerDue(timer);
    return;
  }
  const owner = ctx.state.elementInstances.get(timer.elementInstanceKey);
  ctx.state.removeTimer(timer.key);
  if (!owner || owner.state !== 'ACTIVATED') return;
  ctx.state.appendRecord('TIMER', 'TRIGGERED', timer.key, timerValue(timer), ctx.now());
  const event = ctx.model(owner).elements.get(timer.targetElementId)!;
  // A non-interrupting event keeps its cycle going while its owner stays.
  const next = event.interrupting ? undefined : ctx.nextTimer(timer);
  if (next) ctx.addTimer(next);
  triggerEvent(ctx, owner, event, undefined);
}

/**
 * An awaited event occurred for its owner: the owner itself (catch event, receive task)
 * completes, an event-based gateway completes towards the event, a boundary event or an
 * event sub-process of the owner is triggered.
 */
export function triggerEvent(ctx: ExecutionContext, owner: ElementInstanceRow, event: FlowElement, variables: Record<string, unknown> | undefined): void {
  if (event.id === owner.elementId) {
    owner.eventVariables = variables;
    ctx.state.elementInstances.put(owner);
    ctx.complete(owner);
  } else if (owner.elementType === 'EVENT_BASED_GATEWAY') {
    const flow = ctx.element(owner).outgoing.find((candidate) => candidate.targetId === event.id)!;
    owner.triggeredEvent = { elementId: event.id, flowId: flow.id, variables: variables ?? {} };
    ctx.state.elementInstances.put(owner);
    ctx.complete(owner);
  } else if (event.type === 'BOUNDARY_EVENT') {
    triggerBoundary(ctx, owner, event, variables);
  } else {
    triggerEventSubProcess(ctx, owner, event, variables);
  }
}

/** Correlates a message to a subscription; false when the subscription cannot take it now. */
export function correlate(ctx: ExecutionContext, subscription: MessageSubscriptionRow, message: Pick<MessageRow, 'key' | 'name' | 'correlationKey' | 'variables'>): boolean {
  const owner = ctx.state.elementInstances.get(subscription.elementInstanceKey);
  // An earlier correlation of the same message may have closed this subscription or ended its owner.
  if (!owner || owner.state !== 'ACTIVATED' || !ctx.state.messageSubscriptions.get(subscription.key)) return false;
  ctx.state.appendRecord('PROCESS_MESSAGE_SUBSCRIPTION', 'CORRELATED', subscription.key, {
    ...subscriptionValue(subscription),
    messageKey: message.key,
    variables: JSON.stringify(message.variables),
  }, ctx.now());
  triggerEvent(ctx, owner, ctx.model(owner).elements.get(subscription.elementId)!, message.variables);
  return true;
}

export function correlateBuffered(ctx: ExecutionContext, subscription: MessageSubscriptionRow): void {
  const now = ctx.now();
  const message = ctx.state
    .messagesFor(subscription.messageName, subscription.correlationKey)
    .find((candidate) => candidate.deadline > now && !candidate.correlatedTo.includes(subscription.processInstanceKey));
  if (!message) return;
  message.correlatedTo.push(subscription.processInstanceKey);
  ctx.state.messages.put(message);
  correlate(ctx, subscription, message);
}

/** A signal reaches every catch event waiting for it and starts every process with a matching signal start event. */
export function broadcastSignal(ctx: ExecutionContext, signalName: string, variables: Record<string, unknown>): string {
  const key = ctx.state.newKey();
  ctx.state.appendRecord('SIGNAL', 'BROADCASTED', key, { signalName, variables: JSON.stringify(variables), tenantId: DEFAULT_TENANT }, ctx.now());
  for (const subscription of ctx.state.signalSubscriptionsFor(signalName)) {
    // An earlier catch in this broadcast may have ended this one's owner.
    if (!ctx.state.signalSubscriptions.get(subscription.key)) continue;
    const owner = ctx.state.elementInstances.get(subscription.elementInstanceKey);
    if (!owner || owner.state !== 'ACTIVATED') continue;
    triggerEvent(ctx, owner, ctx.model(owner).elements.get(subscription.catchEventId)!, variables);
  }
  ctx.startEvents.signalBroadcast(signalName, variables);
  return key;
}

