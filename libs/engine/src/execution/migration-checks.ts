import type { ElementType, FlowElement, ProcessModel } from '../bpmn/model.js';
import { Rejection, type RejectionType } from '../rejection.js';
import type { ElementInstanceRow } from '../state/rows.js';

// The preconditions of Zeebe 8.8's process instance migration (ProcessInstanceMigrationPreconditions),
// with its rejection types and texts, for what this engine can hold. A migration checks all of
// them, element instance by element instance, before it changes anything.

export interface MappingInstruction {
  sourceElementId: string;
  targetElementId: string;
}

/** A migration being checked: the instance's model, the target model, and where each source element goes. */
export interface MigrationPlan {
  readonly processInstanceKey: string;
  readonly source: ProcessModel;
  readonly target: ProcessModel;
  /** Source element id to target element id; the process id always maps to the target's. */
  readonly mapping: ReadonlyMap<string, string>;
}

/** Element types Zeebe 8.8 migrates while they are active; others are rejected. */
const SUPPORTED_TYPES: ReadonlySet<ElementType> = new Set<ElementType>([
  'PROCESS', 'SERVICE_TASK', 'USER_TASK', 'SUB_PROCESS', 'CALL_ACTIVITY', 'INTERMEDIATE_CATCH_EVENT', 'RECEIVE_TASK', 'EVENT_SUB_PROCESS',
  'EXCLUSIVE_GATEWAY', 'EVENT_BASED_GATEWAY', 'BUSINESS_RULE_TASK', 'SCRIPT_TASK', 'SEND_TASK', 'MULTI_INSTANCE_BODY',
]);
const SUPPORTED_CATCH_EVENT_TYPES = new Set(['MESSAGE', 'TIMER', 'SIGNAL']);

export function rejected(type: RejectionType, reason: string): Rejection {
  return new Rejection('MIGRATE', type, reason);
}

export function requireNoDuplicateSourceElementIds(processInstanceKey: string, instructions: readonly MappingInstruction[]): void {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const { sourceElementId } of instructions) (seen.has(sourceElementId) ? duplicates : seen).add(sourceElementId);
  if (duplicates.size > 0) {
    throw rejected(
      'INVALID_ARGUMENT',
      `Expected to migrate process instance '${processInstanceKey}' but the mapping instructions contain duplicate source element ids '[${[...duplicates].join(', ')}]'.`,
    );
  }
}

/** Each instruction names an element (or sequence flow) of the source and of the target process. */
export function requireReferredElementsExist(processInstanceKey: string, source: ProcessModel, target: ProcessModel, instructions: readonly MappingInstruction[]): void {
  const sourceIds = idsOf(source);
  const targetIds = idsOf(target);
  for (const { sourceElementId, targetElementId } of instructions) {
    if (!sourceIds.has(sourceElementId)) {
      throw rejected(
        'INVALID_ARGUMENT',
        `Expected to migrate process instance '${processInstanceKey}' but mapping instructions contain a non-existing source element id '${sourceElementId}'. Elements provided in mapping instructions must exist in the source process definition.`,
      );
    }
    if (!targetIds.has(targetElementId)) {
      throw rejected(
        'INVALID_ARGUMENT',
        `Expected to migrate process instance '${processInstanceKey}' but mapping instructions contain a non-existing target element id '${targetElementId}'. Elements provided in mapping instructions must exist in the target process definition.`,
      );
    }
  }
}

function idsOf(model: ProcessModel): Set<string> {
  const ids = new Set(model.elements.keys());
  for (const element of model.elements.values()) for (const flow of element.outgoing) ids.add(flow.id);
  return ids;
}

/**
 * Checks one active element instance, in Zeebe's order, and answers the element it becomes.
 * `flowScopeTargetId` is the target element of its flow scope instance (checked before it).
 */
export function checkElementInstance(plan: MigrationPlan, instance: ElementInstanceRow, inner: boolean, flowScopeTargetId: string | undefined): FlowElement {
  const { processInstanceKey, source, target, mapping } = plan;
  const sourceElement = source.elements.get(instance.elementId)!;
  const invalidState = (reason: string) => rejected('INVALID_STATE', `Expected to migrate process instance '${processInstanceKey}' but ${reason}`);
  if (!SUPPORTED_TYPES.has(instance.elementType)) {
    throw invalidState(`active element with id '${instance.elementId}' has an unsupported type. The migration of a ${instance.elementType} is not supported.`);
  }
  if (instance.elementType === 'INTERMEDIATE_CATCH_EVENT') {
    if (!SUPPORTED_CATCH_EVENT_TYPES.has(instance.eventType)) {
      throw invalidState(
        `active element with id '${instance.elementId}' is intermediate catch event of type '${instance.eventType}'. Migrating active intermediate catch event of this type is not possible yet.`,
      );
    }
    if (sourceElement.incoming.some((flow) => source.elements.get(flow.sourceId)?.type === 'EVENT_BASED_GATEWAY')) {
      throw invalidState(
        `active element with id '${instance.elementId}' is an intermediate catch event attached to an event-based gateway. Migrating active events attached to an event-based gateway is not possible yet.`,
      );
    }
  }
  const targetId = mapping.get(instance.elementId);
  if (targetId === undefined) {
    throw invalidState(`no mapping instruction defined for active element with id '${instance.elementId}'. Elements cannot be migrated without a mapping.`);
  }
  const targetElement = target.elements.get(targetId)!;
  let targetType = modelType(targetElement);
  // An instance inside a multi-instance body is an instance of the body's inner activity.
  if (instance.elementType !== targetType && inner && targetType === 'MULTI_INSTANCE_BODY') targetType = targetElement.type;
  if (instance.elementType !== targetType) {
    throw invalidState(
      `active element with id '${instance.elementId}' and type '${instance.elementType}' is mapped to an element with id '${targetId}' and different type '${targetType}'. Elements must be mapped to elements of the same type.`,
    );
  }
  if (flowScopeTargetId !== undefined) {
    const innerScope = targetElement.multiInstance && inner ? targetElement.id : undefined;
    if (flowScopeTargetId !== innerScope && flowScopeTargetId !== targetElement.scopeId) {
      throw invalidState(
        `the flow scope of active element with id '${instance.elementId}' is changed. The flow scope of the active element is expected to be '${flowScopeTargetId}' but was '${targetElement.scopeId}'. The flow scope of an element cannot be changed during migration yet.`,
      );
    }
  }
  requireCatchEventsMappedConsistently(plan, sourceElement, targetElement);
  if (sourceElement.multiInstance && targetElement.multiInstance && sourceElement.multiInstance.sequential !== targetElement.multiInstance.sequential) {
    throw invalidState(
      `active element with id '${instance.elementId}' has a different loop characteristics than the target element with id '${targetId}'. Both elements must have either sequential or parallel loop characteristics.`,
    );
  }
  return targetElement;
}

/** Zeebe's type of the element with this id in a model: a multi-instance activity's id names its body. */
function modelType(element: FlowElement): ElementType {
  return element.multiInstance ? 'MULTI_INSTANCE_BODY' : element.type;
}

/**
 * Mapped catch events of an element stay attached to the element it is mapped to, are not
 * merged into one, and keep their event type.
 */
function requireCatchEventsMappedConsistently(plan: MigrationPlan, sourceElement: FlowElement, targetElement: FlowElement): void {
  const { processInstanceKey, source, target, mapping } = plan;
  const targetEvents = new Set(catchEventIds(target, targetElement));
  const sourcesByTarget = new Map<string, string[]>();
  for (const sourceEventId of catchEventIds(source, sourceElement)) {
    const targetEventId = mapping.get(sourceEventId);
    if (targetEventId === undefined) continue;
    if (!targetEvents.has(targetEventId)) {
      throw rejected(
        'INVALID_STATE',
        `Expected to migrate process instance '${processInstanceKey}' but active element with id '${sourceElement.id}' is mapped to an element with id '${targetElement.id}' and has a catch event with id '${sourceEventId}' that is mapped to a catch event with id '${targetEventId}'. These mappings detach the catch event from the element in the target process. Catch events must stay attached to the same element instance.`,
      );
    }
    sourcesByTarget.set(targetEventId, [...(sourcesByTarget.get(targetEventId) ?? []), sourceEventId]);
  }
  for (const [targetEventId, sourceEventIds] of sourcesByTarget) {
    if (sourceEventIds.length < 2) continue;
    throw rejected(
      'INVALID_STATE',
      `Expected to migrate process instance '${processInstanceKey}' but active element with id '${sourceElement.id}' has a catch event attached that is mapped to a catch event with id '${targetEventId}'. There are multiple mapping instructions that target this catch event: '${sourceEventIds.sort().join("', '")}'. Catch events cannot be merged by process instance migration. Please ensure the mapping instructions target a catch event only once.`,
    );
  }
  for (const [targetEventId, sourceEventIds] of sourcesByTarget) {
    const sourceType = source.elements.get(sourceEventIds[0])!.eventType;
    const targetType = target.elements.get(targetEventId)!.eventType;
    if (sourceType === targetType) continue;
    throw rejected(
      'INVALID_STATE',
      `Expected to migrate process instance '${processInstanceKey}' but active element with id '${sourceElement.id}' has a catch event with id '${sourceEventIds[0]}' that is mapped to a catch event with id '${targetEventId}'. These catch events have different event types: '${sourceType}' and '${targetType}'. The event type of a catch event cannot be changed by process instance migration. Please ensure the event type of the catch event remains the same or remove the mapping instruction for these catch events.`,
    );
  }
}

/**
 * The catch events that belong to an element (Zeebe's catch event supplier): its boundary
 * events, the start events of the event sub-processes of a scope, itself for an intermediate
 * catch event or receive task, the events after an event-based gateway.
 */
export function catchEventIds(model: ProcessModel, element: FlowElement): string[] {
  const ids = [...element.boundaryEventIds, ...element.eventSubProcessStartIds];
  if (element.type === 'INTERMEDIATE_CATCH_EVENT' || element.type === 'RECEIVE_TASK') ids.push(element.id);
  if (element.type === 'EVENT_BASED_GATEWAY') ids.push(...element.outgoing.map((flow) => flow.targetId));
  return ids.filter((id) => model.elements.has(id));
}

/**
 * The catch events an element instance itself waits for, as the engine subscribes them: a
 * multi-instance body has the boundary events, its inner instances the rest.
 */
export function subscribedEvents(model: ProcessModel, element: FlowElement, instance: ElementInstanceRow, inner: boolean): FlowElement[] {
  const ids = inner ? [] : [...element.boundaryEventIds];
  if (instance.elementType !== 'MULTI_INSTANCE_BODY') ids.push(...catchEventIds(model, element).filter((id) => !element.boundaryEventIds.includes(id)));
  return ids.map((id) => model.elements.get(id)!).filter((event) => event.message || event.timer || event.signal);
}

/**
 * The embedded engine keeps sequence flows taken into a joining parallel or inclusive gateway
 * on their flow scope; migrating them (Zeebe 8.8 does, with mapped gateway and flows) is not
 * supported here, so such an instance is refused until the join has happened.
 */
export function requireNoPendingJoin(processInstanceKey: string, instance: ElementInstanceRow): void {
  const gatewayId = Object.entries(instance.joins ?? {}).find(([, flows]) => flows.length > 0)?.[0];
  if (gatewayId === undefined) return;
  throw rejected(
    'INVALID_STATE',
    `Expected to migrate process instance '${processInstanceKey}' but active element with id '${instance.elementId}' has taken sequence flows waiting to join at gateway with id '${gatewayId}'. The embedded engine cannot migrate a process instance while a parallel or inclusive gateway waits to join; migrate it after the join or use process instance modification.`,
  );
}
