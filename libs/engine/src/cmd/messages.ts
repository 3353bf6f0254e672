import { Rejection } from '../rejection.js';
import { DEFAULT_TENANT, type MessageRow } from '../state/rows.js';
import type { EngineContext } from './context.js';

// PublishMessage: correlates to the waiting subscriptions and message start events, then is
// buffered for its time to live.

export function publishMessage(engine: EngineContext, request: { name: string; correlationKey: string; timeToLiveMs: number; messageId: string; variables: Record<string, unknown> }): Promise<string> {
  return engine.run(() => {
    if (request.messageId && engine.state.hasMessageId(request.name, request.messageId)) {
      throw new Rejection(
        'PUBLISH',
        'ALREADY_EXISTS',
        `Expected to publish a new message with id '${request.messageId}', but a message with that id was already published`,
      );
    }
    const now = engine.clock.now();
    const key = engine.state.newKey();
    const message: MessageRow = {
      key,
      name: request.name,
      correlationKey: request.correlationKey,
      messageId: request.messageId,
      variables: request.variables,
      timeToLive: request.timeToLiveMs,
      deadline: now + request.timeToLiveMs,
      correlatedTo: [],
    };
    engine.state.appendRecord('MESSAGE', 'PUBLISHED', key, messageValue(message), now);
    for (const subscription of engine.state.subscriptionsFor(request.name, request.correlationKey)) {
      if (message.correlatedTo.includes(subscription.processInstanceKey)) continue;
      if (engine.execution.correlate(subscription, message)) message.correlatedTo.push(subscription.processInstanceKey);
    }
    engine.execution.startEvents.correlateMessage(message);
    if (request.timeToLiveMs > 0) engine.state.addMessage(message);
    else engine.state.appendRecord('MESSAGE', 'EXPIRED', key, messageValue(message), now);
    return key;
  });
}

/** The value of a MESSAGE record. */
export function messageValue(message: { name: string; correlationKey: string; messageId: string; timeToLive: number; deadline: number; variables: Record<string, unknown> }): Record<string, unknown> {
return {
  name: message.name,
  correlationKey: message.correlationKey,
  messageId: message.messageId,
  timeToLive: message.timeToLive,
  deadline: message.deadline,
  variables: JSON.stringify(message.variables),
  tenantId: DEFAULT_TENANT,
};
}
