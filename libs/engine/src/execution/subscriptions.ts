import type { FlowElement } from '../bpmn/model.js';
import type { ElementInstanceRow, MessageSubscriptionRow, SignalSubscriptionRow } from '../state/rows.js';
import type { ExecutionContext } from './context.js';
import { evaluate, IncidentError } from './expressions.js';
import { signalSubscriptionValue, subscriptionValue } from './records.js';

// Event subscriptions: what boundary events, catch events and event sub-processes wait for
// (messages, timers, signals), opened with their owner and closed when it leaves.

export function openBoundaryEvents(ctx: ExecutionContext, instance: ElementInstanceRow, element: FlowElement): void {
  const model = ctx.model(instance);
  for (const id of element.boundaryEventIds) subscribe(ctx, instance, model.elements.get(id)!);
}

/** Opens the subscriptions of the event sub-processes of a scope that is being activated. */
export function openEventSubProcesses(ctx: ExecutionContext, instance: ElementInstanceRow, element: FlowElement): void {
  const model = ctx.model(instance);
  for (const id of element.eventSubProcessStartIds) subscribe(ctx, instance, model.elements.get(id)!);
}

/** Waits for the event of a catch event on behalf of its owner (errors and escalations are thrown, not awaited). */
export function subscribe(ctx: ExecutionContext, owner: ElementInstanceRow, event: FlowElement): void {
  if (event.message) openMessageSubscription(ctx, owner, event);
  if (event.timer) ctx.createTimer(owner, event);
  if (event.signal) openSignalSubscription(ctx, owner, event);
}

/**
 * What subscribing an owner to a catch event would open, evaluated without opening it (the
 * message name for a message event). Throws IncidentError where `subscribe` would; process
 * instance migration checks its new subscriptions this way before it changes anything.
 */
export function evaluateSubscription(ctx: ExecutionContext, owner: ElementInstanceRow, event: FlowElement): { messageName?: string } {
  if (event.message) return { messageName: messageCorrelation(ctx, owner, event).name };
  if (event.timer) ctx.schedule(event.timer.kind, evaluate(event.timer.expression, ctx.variables.visible(owner.key), ctx.now(), 'ANY'));
  if (event.signal) signalNameOf(ctx, owner, event);
  return {};
}

/** The message name and correlation key of a message catch event, as its owner sees them. */
function messageCorrelation(ctx: ExecutionContext, owner: ElementInstanceRow, event: FlowElement): { name: string; correlationKey: string } {
  const definition = event.message!;
  const context = ctx.variables.visible(owner.key);
  const name = String(evaluate(definition.name, context, ctx.now(), 'STRING'));
  let correlationKey: unknown;
  try {
    correlationKey = evaluate(definition.correlationKey, context, ctx.now(), 'STRING_OR_NUMBER');
  } catch (error) {
    if (!(error instanceof IncidentError)) throw error;
    throw new IncidentError(
      'EXTRACT_VALUE_ERROR',
      `Failed to extract the correlation key for '${definition.correlationKey.replace(/^=/, '')}': The value must be either a string or a number, but was '${error.message.match(/but was '(\w+)'/)?.[1] ?? 'NULL'}'.`,
    );
  }
  return { name, correlationKey: String(correlationKey) };
}

function openMessageSubscription(ctx: ExecutionContext, owner: ElementInstanceRow, event: FlowElement): void {
  const { name, correlationKey } = messageCorrelation(ctx, owner, event);
  const row: MessageSubscriptionRow = {
    key: ctx.state.newKey(),
    elementInstanceKey: owner.key,
    processInstanceKey: owner.processInstanceKey,
    bpmnProcessId: owner.bpmnProcessId,
    elementId: event.id,
    messageName: name,
    correlationKey,
    interrupting: event.interrupting,
  };
  ctx.state.addSubscription(row);
  ctx.state.appendRecord('PROCESS_MESSAGE_SUBSCRIPTION', 'CREATED', row.key, subscriptionValue(row), ctx.now());
}

function signalNameOf(ctx: ExecutionContext, owner: ElementInstanceRow, event: FlowElement): string {
  return String(evaluate(event.signal!.name, ctx.variables.visible(owner.key), ctx.now(), 'STRING'));
}

function openSignalSubscription(ctx: ExecutionContext, owner: ElementInstanceRow, event: FlowElement): void {
  const signalName = signalNameOf(ctx, owner, event);
  const row: SignalSubscriptionRow = {
    key: ctx.state.newKey(),
    signalName,
    elementInstanceKey: owner.key,
    processInstanceKey: owner.processInstanceKey,
    processDefinitionKey: owner.processDefinitionKey,
    bpmnProcessId: owner.bpmnProcessId,
    catchEventId: event.id,
    interrupting: event.interrupting,
  };
  ctx.state.addSignalSubscription(row);
  ctx.state.appendRecord('SIGNAL_SUBSCRIPTION', 'CREATED', row.key, signalSubscriptionValue(row), ctx.now());
}

/** Removes the subscriptions and timers that belong to an element that is leaving (or only those of the given catch events). */
export function closeEventSubscriptions(ctx: ExecutionContext, instance: ElementInstanceRow, only: (catchEventId: string) => boolean = () => true): void {
  for (const subscription of ctx.state.subscriptionsOf(instance.key)) {
    if (!only(subscription.elementId)) continue;
    ctx.state.removeSubscription(subscription.key);
    ctx.state.appendRecord('PROCESS_MESSAGE_SUBSCRIPTION', 'DELETED', subscription.key, subscriptionValue(subscription), ctx.now());
  }
  for (const timer of ctx.state.timersOf(instance.key)) if (only(timer.targetElementId)) ctx.removeTimer(timer);
  for (const subscription of ctx.state.signalSubscriptionsOf(instance.key)) {
    if (!only(subscription.catchEventId)) continue;
    ctx.state.removeSignalSubscription(subscription.key);
    ctx.state.appendRecord('SIGNAL_SUBSCRIPTION', 'DELETED', subscription.key, signalSubscriptionValue(subscription), ctx.now());
  }
}

