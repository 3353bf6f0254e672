import { eventStartEvents, type FlowElement, type ProcessModel } from '../bpmn/model.js';
import { DEFAULT_TENANT, type ElementInstanceRow, type MessageSubscriptionRow, type ProcessDefinitionRow } from '../state/rows.js';
import type { ExecutionContext } from './context.js';
import { IncidentError } from './expressions.js';
import {
  checkElementInstance,
  rejected,
  requireNoDuplicateSourceElementIds,
  requireNoPendingJoin,
  requireReferredElementsExist,
  subscribedEvents,
  type MappingInstruction,
  type MigrationPlan,
} from './migration-checks.js';
import { incidentValue, signalSubscriptionValue, subscriptionValue, timerValue } from './records.js';
import { variableValue } from './variables.js';

export interface MigrationRequest {
  processInstanceKey: string;
  targetProcessDefinitionKey: string;
  mappingInstructions: MappingInstruction[];
  /** Chosen by the client; carried in the MIGRATED record. */
  operationReference?: string;
}

/** What becomes of one active element instance. */
interface ElementMigration {
  instance: ElementInstanceRow;
  target: FlowElement;
  /** An element still activating has no subscriptions yet, and gets none by migration (Zeebe's rule). */
  followsCatchEvents: boolean;
  /** Catch events of the target it subscribes to anew: those no mapping instruction targets. */
  subscribe: FlowElement[];
}

/**
 * Zeebe's process instance migration: every active element instance, the process instance
 * first and then breadth first, moves to the element its mapping instruction names in the
 * target process definition, keeping its key, state, variables, job (its type too) and
 * incidents. Catch event subscriptions follow Zeebe's rules: a mapped one is migrated, an
 * unmapped one closed, and a catch event of the target that no instruction targets is
 * subscribed to anew. Everything is checked first, so a rejected command changes nothing;
 * from then on the instance runs on the target model.
 */
export function migrateProcessInstance(executor: ExecutionContext, request: MigrationRequest): void {
  const { state } = executor;
  const processInstanceKey = request.processInstanceKey;
  const processInstance = state.elementInstances.get(processInstanceKey);
  if (!processInstance || processInstance.elementType !== 'PROCESS') {
    throw rejected('NOT_FOUND', `Expected to migrate process instance but no process instance found with key '${processInstanceKey}'`);
  }
  requireNoDuplicateSourceElementIds(processInstanceKey, request.mappingInstructions);
  const definition = state.processDefinitions.get(request.targetProcessDefinitionKey);
  if (!definition || definition.deleted) {
    throw rejected('NOT_FOUND', `Expected to migrate process instance to process definition but no process definition found with key '${request.targetProcessDefinitionKey}'`);
  }
  const source = executor.model(processInstance);
  const target = executor.models.process(definition.key);
  requireNoMessageStartConflict(executor, processInstance, definition, target);
  requireReferredElementsExist(processInstanceKey, source, target, request.mappingInstructions);
  const mapping = new Map(request.mappingInstructions.map((instruction) => [instruction.sourceElementId, instruction.targetElementId]));
  // Users give no instruction for the process itself.
  mapping.set(processInstance.bpmnProcessId, definition.bpmnProcessId);
  const plan: MigrationPlan = { processInstanceKey, source, target, mapping };
  const migrations = planElements(executor, plan, processInstance);

  const previousProcessId = processInstance.bpmnProcessId;
  const opened = migrations.flatMap((migration) => migrateElement(executor, plan, definition, migration));
  if (processInstance.messageStart && previousProcessId !== processInstance.bpmnProcessId) state.moveMessageStart(previousProcessId, processInstance);
  state.appendRecord('PROCESS_INSTANCE_MIGRATION', 'MIGRATED', processInstanceKey, {
    processInstanceKey,
    migrationPlan: { targetProcessDefinitionKey: definition.key, mappingInstructions: request.mappingInstructions },
    ...(request.operationReference ? { operationReference: request.operationReference } : {}),
    tenantId: DEFAULT_TENANT,
  }, executor.now());
  // Messages buffered for a subscription the target added correlate now, as after any subscription.
  for (const subscription of opened) executor.correlateBuffered(subscription);
}

/** Checks every element instance in Zeebe's order (parents before children) and what each becomes. */
function planElements(executor: ExecutionContext, plan: MigrationPlan, processInstance: ElementInstanceRow): ElementMigration[] {
  const targetIds = new Map<string, string>();
  const migrations: ElementMigration[] = [];
  for (const queue = [processInstance]; queue.length > 0; ) {
    const instance = queue.shift()!;
    const inner = executor.isInnerInstance(instance);
    const target = checkElementInstance(plan, instance, inner, targetIds.get(instance.flowScopeKey));
    targetIds.set(instance.key, target.id);
    requireNoPendingJoin(plan.processInstanceKey, instance);
    const followsCatchEvents = instance.state !== 'ACTIVATING';
    const subscribe = followsCatchEvents ? newSubscriptions(executor, plan, instance, target, inner) : [];
    migrations.push({ instance, target, followsCatchEvents, subscribe });
    queue.push(...executor.state.childrenOf(instance.key));
  }
  return migrations;
}

/**
 * The catch events of the target an element instance must subscribe to, checked as
 * subscribing would: none for a scope an interrupting event sub-process interrupted.
 */
function newSubscriptions(executor: ExecutionContext, plan: MigrationPlan, instance: ElementInstanceRow, target: FlowElement, inner: boolean): FlowElement[] {
  if (instance.interruptingEventId) return [];
  const targeted = new Set(plan.mapping.values());
  const events = subscribedEvents(plan.target, target, instance, inner).filter((event) => !targeted.has(event.id));
  const messageNames = events.map((event) => {
    try {
      return executor.evaluateSubscription(instance, event).messageName;
    } catch (error) {
      if (!(error instanceof IncidentError)) throw error;
      throw rejected(
        'INVALID_STATE',
        `Expected to migrate process instance '${plan.processInstanceKey}' but active element with id '${instance.elementId}' is mapped to element with id '${target.id}' that must be subscribed to a catch event. ${error.message}`,
      );
    }
  });
  const subscribed = new Set(executor.state.subscriptionsOf(instance.key).map((subscription) => subscription.messageName));
  events.forEach((event, index) => {
    const name = messageNames[index];
    if (name === undefined || !subscribed.has(name)) return;
    throw rejected(
      'INVALID_STATE',
      `Expected to migrate process instance '${plan.processInstanceKey}' but active element with id '${instance.elementId}' attempts to subscribe to a message it is already subscribed to with name '${name}'. Migrating active elements that subscribe to a message they are already subscribed to is not possible yet. Please provide a mapping instruction to message catch event with id '${event.id}' to migrate the respective message subscription.`,
    );
  });
  return events;
}

/** Zeebe allows one active instance per correlation key of a process started by a message. */
function requireNoMessageStartConflict(executor: ExecutionContext, processInstance: ElementInstanceRow, definition: ProcessDefinitionRow, target: ProcessModel): void {
  const start = processInstance.messageStart;
  if (!start || processInstance.bpmnProcessId === definition.bpmnProcessId) return;
  if (!eventStartEvents(target).some((event) => event.eventType === 'MESSAGE')) return;
  if (!executor.state.messageStartedInstance(definition.bpmnProcessId, start.correlationKey)) return;
  throw rejected(
    'INVALID_STATE',
    `Expected to migrate process instance '${processInstance.key}' but target process definition '${definition.key}' has an active instance triggered by a message start event with correlation key '${start.correlationKey}'. Only one instance per correlation key is allowed for message start events.`,
  );
}

/** Moves one element instance with its job, incidents, local variables and subscriptions; answers the message subscriptions it opened. */
function migrateElement(executor: ExecutionContext, plan: MigrationPlan, definition: ProcessDefinitionRow, migration: ElementMigration): MessageSubscriptionRow[] {
  const { state } = executor;
  const { instance, target } = migration;
  const now = executor.now();
  const moved = { processDefinitionKey: definition.key, bpmnProcessId: definition.bpmnProcessId };
  Object.assign(instance, moved, { version: definition.version, elementId: target.id });
  followTarget(instance, target, plan.mapping);
  state.elementInstances.put(instance);
  executor.writeLifecycle(instance, 'ELEMENT_MIGRATED');
  const job = instance.jobKey ? state.jobs.get(instance.jobKey) : undefined;
  if (job) {
    // The job keeps its key, type, headers and retries: it is not created again.
    Object.assign(job, moved, { processDefinitionVersion: definition.version, elementId: target.id });
    state.putJob(job);
    executor.writeJob(job, 'MIGRATED');
  }
  for (const incident of state.incidentsOf(instance.key)) {
    Object.assign(incident, moved, { elementId: target.id });
    state.incidents.put(incident);
    state.appendRecord('INCIDENT', 'MIGRATED', incident.key, incidentValue(incident), now);
  }
  for (const variable of state.variablesOf(instance.key).values()) {
    Object.assign(variable, moved);
    state.putVariable(variable);
    state.appendRecord('VARIABLE', 'MIGRATED', variable.key, variableValue(variable), now);
  }
  return migration.followsCatchEvents ? migrateSubscriptions(executor, plan, definition, migration) : [];
}

/** Ids the instance keeps of its source model's elements, as they are named in the target. */
function followTarget(instance: ElementInstanceRow, target: FlowElement, mapping: ReadonlyMap<string, string>): void {
  const mapped = (id: string) => mapping.get(id) ?? id;
  if (instance.interruptingEventId) instance.interruptingEventId = mapped(instance.interruptingEventId);
  if (instance.startTrigger) instance.startTrigger = { ...instance.startTrigger, elementId: mapped(instance.startTrigger.elementId) };
  if (instance.triggeredEvent) {
    const elementId = mapped(instance.triggeredEvent.elementId);
    const flowId = target.outgoing.find((flow) => flow.targetId === elementId)?.id ?? instance.triggeredEvent.flowId;
    instance.triggeredEvent = { ...instance.triggeredEvent, elementId, flowId };
  }
}

/** Closes the unmapped subscriptions, opens the target's new ones, then migrates the mapped ones (Zeebe's order). */
function migrateSubscriptions(executor: ExecutionContext, plan: MigrationPlan, definition: ProcessDefinitionRow, migration: ElementMigration): MessageSubscriptionRow[] {
  const { state } = executor;
  const { instance } = migration;
  const now = executor.now();
  const targetOf = (sourceEventId: string) => plan.mapping.get(sourceEventId);
  executor.closeEventSubscriptions(instance, (catchEventId) => targetOf(catchEventId) === undefined);
  const messages = state.subscriptionsOf(instance.key);
  const timers = state.timersOf(instance.key);
  const signals = state.signalSubscriptionsOf(instance.key);
  for (const event of migration.subscribe) executor.subscribe(instance, event);
  for (const subscription of messages) {
    const event = plan.target.elements.get(targetOf(subscription.elementId)!)!;
    Object.assign(subscription, { elementId: event.id, bpmnProcessId: definition.bpmnProcessId, interrupting: event.interrupting });
    state.messageSubscriptions.put(subscription);
    state.appendRecord('PROCESS_MESSAGE_SUBSCRIPTION', 'MIGRATED', subscription.key, subscriptionValue(subscription), now);
  }
  for (const timer of timers) {
    // A migrated timer keeps its due date and repetitions.
    Object.assign(timer, { targetElementId: targetOf(timer.targetElementId)!, processDefinitionKey: definition.key });
    state.timers.put(timer);
    state.appendRecord('TIMER', 'MIGRATED', timer.key, timerValue(timer), now);
  }
  for (const subscription of signals) {
    const event = plan.target.elements.get(targetOf(subscription.catchEventId)!)!;
    Object.assign(subscription, { catchEventId: event.id, processDefinitionKey: definition.key, bpmnProcessId: definition.bpmnProcessId, interrupting: event.interrupting });
    state.signalSubscriptions.put(subscription);
    state.appendRecord('SIGNAL_SUBSCRIPTION', 'MIGRATED', subscription.key, signalSubscriptionValue(subscription), now);
  }
  const kept = new Set(messages.map((subscription) => subscription.key));
  return state.subscriptionsOf(instance.key).filter((subscription) => !kept.has(subscription.key));
}
