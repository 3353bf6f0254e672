import type { FlowElement, ProcessModel } from '../bpmn/model.js';
import { Rejection } from '../rejection.js';
import { DEFAULT_TENANT, NO_KEY, type ElementInstanceRow } from '../state/rows.js';
import type { ExecutionContext } from './context.js';

export interface ActivateInstruction {
  elementId: string;
  /** The instance of a flow scope to activate the element in; 0 or -1 lets the engine find it. */
  ancestorElementInstanceKey: string;
  variableInstructions: { scopeId: string; variables: Record<string, unknown> }[];
}

export interface ModificationRequest {
  processInstanceKey: string;
  activateInstructions: ActivateInstruction[];
  terminateInstructions: { elementInstanceKey: string }[];
}

/** Elements Zeebe refuses to activate by modification or start instructions. */
const UNSUPPORTED_TYPES = new Set(['START_EVENT', 'SEQUENCE_FLOW', 'BOUNDARY_EVENT']);
const SUPPORTED_TYPES = `[${[
  'PROCESS', 'SUB_PROCESS', 'EVENT_SUB_PROCESS', 'INTERMEDIATE_CATCH_EVENT', 'INTERMEDIATE_THROW_EVENT', 'END_EVENT', 'SERVICE_TASK', 'RECEIVE_TASK', 'USER_TASK',
  'MANUAL_TASK', 'TASK', 'EXCLUSIVE_GATEWAY', 'PARALLEL_GATEWAY', 'EVENT_BASED_GATEWAY', 'INCLUSIVE_GATEWAY', 'MULTI_INSTANCE_BODY', 'CALL_ACTIVITY',
  'BUSINESS_RULE_TASK', 'SCRIPT_TASK', 'SEND_TASK',
].join(', ')}]`;

/** Where an activate instruction puts its element: the existing scope instances to enter, then the scopes to create. */
interface Plan {
  instruction: ActivateInstruction;
  element: FlowElement;
  /** The innermost existing flow scope instance. */
  existing: ElementInstanceRow;
  /** Flow scopes between `existing` and the element that have no instance yet, outermost first. */
  missing: FlowElement[];
  /** Existing flow scope instances the activation passes through (kept alive by it). */
  used: string[];
}

/**
 * Zeebe's process instance modification: activates elements (creating the flow scopes they
 * need, without running those scopes' start events) with variables per scope, and
 * terminates element instances, then any flow scope left empty by that. Every instruction is
 * checked first, with Zeebe's rejection messages, so a rejected command changes nothing.
 */
export function modifyProcessInstance(executor: ExecutionContext, request: ModificationRequest): void {
  const { state } = executor;
  const processInstance = state.elementInstances.get(request.processInstanceKey);
  if (!processInstance || processInstance.elementType !== 'PROCESS') {
    throw new Rejection('MODIFY', 'NOT_FOUND', `Expected to modify process instance but no process instance found with key '${request.processInstanceKey}'`);
  }
  const model = executor.model(processInstance);
  const processId = processInstance.bpmnProcessId;
  const invalid = (reason: string) => new Rejection('MODIFY', 'INVALID_ARGUMENT', reason);

  const unknown = distinct(request.activateInstructions.map((instruction) => instruction.elementId).filter((id) => !model.elements.get(id)));
  if (unknown.length > 0) {
    throw invalid(`Expected to modify instance of process '${processId}' but it contains one or more activate instructions with an element that could not be found: '${unknown.join("', '")}'`);
  }
  const elements = request.activateInstructions.map((instruction) => model.elements.get(instruction.elementId)!);
  const afterEventGateway = distinct(elements.filter((element) => element.incoming.some((flow) => model.elements.get(flow.sourceId)?.type === 'EVENT_BASED_GATEWAY')).map((element) => element.id));
  if (afterEventGateway.length > 0) {
    throw invalid(
      `Expected to modify instance of process '${processId}' but it contains one or more activate instructions for elements that are unsupported: '${afterEventGateway.join("', '")}'. The activation of events belonging to an event-based gateway is not supported.`,
    );
  }
  const unsupported = distinct(elements.filter((element) => UNSUPPORTED_TYPES.has(element.type) || element.type === 'PROCESS').map((element) => element.id));
  if (unsupported.length > 0) {
    const types = distinct(unsupported.map((id) => model.elements.get(id)!.type));
    throw invalid(
      `Expected to modify instance of process '${processId}' but it contains one or more activate instructions for elements that are unsupported: '${unsupported.join("', '")}'. The activation of elements with type '${types.join("', '")}' is not supported.`,
    );
  }
  const missingInstances = distinct(request.terminateInstructions.map((instruction) => instruction.elementInstanceKey).filter((key) => !state.elementInstances.get(key)));
  if (missingInstances.length > 0) {
    throw invalid(
      `Expected to modify instance of process '${processId}' but it contains one or more terminate instructions with an element instance that could not be found: '${missingInstances.join("', '")}'`,
    );
  }
  const unknownScopes = distinct(
    request.activateInstructions.flatMap((instruction) => instruction.variableInstructions.map((variables) => variables.scopeId)).filter((id) => id && !model.elements.get(id)),
  );
  if (unknownScopes.length > 0) {
    throw invalid(
      `Expected to modify instance of process '${processId}' but it contains one or more variable instructions with a scope element id that could not be found: '${unknownScopes.join("', '")}'`,
    );
  }
  for (const instruction of request.activateInstructions) {
    const scopes = flowScopesOf(model, model.elements.get(instruction.elementId)!);
    if (instruction.variableInstructions.some((variables) => variables.scopeId && variables.scopeId !== instruction.elementId && !scopes.some((scope) => scope.id === variables.scopeId))) {
      throw invalid(
        `Expected to modify instance of process '${processId}' but it contains one or more variable instructions with a scope element that doesn't belong to the activating element's flow scope. These variables should be set before or after the modification.`,
      );
    }
  }
  validateAncestors(executor, request, model, processInstance);

  const plans = request.activateInstructions.map((instruction) => plan(executor, model, processInstance, instruction));
  const terminated = new Set(request.terminateInstructions.map((instruction) => instruction.elementInstanceKey));
  const conflicts = plans.flatMap((planned) =>
    [planned.existing.key, ...planned.used]
      .filter((key) => terminated.has(key))
      .map((key) => `element '${planned.element.id}' requires flow scope instance '${key}' which is being terminated`),
  );
  if (conflicts.length > 0) {
    throw invalid(
      `Expected to modify instance of process '${processId}' but it contains one or more activate instructions for elements whose required flow scope instance is also being terminated: ${conflicts.join(', ')}. Please provide a valid ancestor scope key for the activation or avoid terminating the required flow scope.`,
    );
  }
  const required = new Set(plans.flatMap((planned) => [planned.existing.key, ...planned.used]));
  if (processInstance.parentProcessInstanceKey !== NO_KEY && (terminated.has(processInstance.key) || emptiedByTermination(executor, processInstance, terminated, required))) {
    throw invalid(
      `Expected to modify instance of process '${processId}' but the given instructions would terminate the instance. The instance was created by a call activity in the parent process. To terminate this instance please modify the parent process instead.`,
    );
  }

  // Planned again one by one: an earlier activation may have created a flow scope a later one enters too.
  for (const { instruction } of plans) activate(executor, plan(executor, model, processInstance, instruction), processInstance);
  for (const { elementInstanceKey } of request.terminateInstructions) {
    const instance = state.elementInstances.get(elementInstanceKey);
    if (!instance) continue; // already ended with an earlier instruction's instance
    const flowScopeKey = instance.flowScopeKey;
    executor.terminate(instance);
    terminateEmptyScopes(executor, flowScopeKey, required);
  }
  const key = state.newKey();
  state.appendRecord('PROCESS_INSTANCE_MODIFICATION', 'MODIFIED', key, {
    processInstanceKey: request.processInstanceKey,
    activateInstructions: request.activateInstructions.map((instruction) => ({
      elementId: instruction.elementId,
      ancestorScopeKey: instruction.ancestorElementInstanceKey,
      variableInstructions: instruction.variableInstructions.map((variables) => ({ elementId: variables.scopeId, variables: JSON.stringify(variables.variables) })),
    })),
    terminateInstructions: request.terminateInstructions,
    tenantId: DEFAULT_TENANT,
  }, executor.now());
}

function validateAncestors(executor: ExecutionContext, request: ModificationRequest, model: ProcessModel, processInstance: ElementInstanceRow): void {
  const processId = processInstance.bpmnProcessId;
  const withAncestor = request.activateInstructions.filter((instruction) => BigInt(instruction.ancestorElementInstanceKey || '0') > 0n);
  const inactive = distinct(
    withAncestor.map((instruction) => instruction.ancestorElementInstanceKey).filter((key) => executor.state.elementInstances.get(key)?.state !== 'ACTIVATED'),
  );
  if (inactive.length > 0) {
    throw new Rejection(
      'MODIFY',
      'INVALID_ARGUMENT',
      `Expected to modify instance of process '${processId}' but it contains one or more activate instructions with an ancestor scope key that does not exist, or is not in an active state: '${inactive.join("', '")}'`,
    );
  }
  const foreign = distinct(
    withAncestor.map((instruction) => instruction.ancestorElementInstanceKey).filter((key) => executor.state.elementInstances.get(key)!.processInstanceKey !== processInstance.key),
  );
  if (foreign.length > 0) {
    throw new Rejection(
      'MODIFY',
      'INVALID_ARGUMENT',
      `Expected to modify instance of process '${processId}' but it contains one or more activate instructions with an ancestor scope key that does not belong to the modified process instance: '${foreign.join("', '")}'`,
    );
  }
  const notAncestors = withAncestor
    .filter((instruction) => {
      const ancestorId = executor.state.elementInstances.get(instruction.ancestorElementInstanceKey)!.elementId;
      return !flowScopesOf(model, model.elements.get(instruction.elementId)!).some((scope) => scope.id === ancestorId);
    })
    .map((instruction) => {
      const ancestor = executor.state.elementInstances.get(instruction.ancestorElementInstanceKey)!;
      return `\n- instance '${ancestor.key}' of element '${ancestor.elementId}' is not an ancestor of element '${instruction.elementId}'`;
    });
  if (notAncestors.length > 0) {
    throw new Rejection(
      'MODIFY',
      'INVALID_ARGUMENT',
      `Expected to modify instance of process '${processId}' but it contains one or more activate instructions with an ancestor scope key that is not an ancestor of the element to activate:${notAncestors.join('')}`,
    );
  }
}

/** Finds the flow scope instances an activation enters, or which it must create. */
function plan(executor: ExecutionContext, model: ProcessModel, processInstance: ElementInstanceRow, instruction: ActivateInstruction): Plan {
  const element = model.elements.get(instruction.elementId)!;
  const scopes = flowScopesOf(model, element).reverse(); // process first
  const ancestorKey = BigInt(instruction.ancestorElementInstanceKey || '0') > 0n ? instruction.ancestorElementInstanceKey : undefined;
  let existing = ancestorKey ? executor.state.elementInstances.get(ancestorKey)! : processInstance;
  const start = scopes.findIndex((scope) => scope.id === existing.elementId);
  const used: string[] = [];
  const missing: FlowElement[] = [];
  for (const scope of scopes.slice(start + 1)) {
    if (missing.length > 0) {
      missing.push(scope);
      continue;
    }
    const candidates = executor.state.childrenOf(existing.key).filter((child) => child.elementId === scope.id && child.state === 'ACTIVATED');
    if (scope.multiInstance || candidates.some((child) => child.elementType === 'MULTI_INSTANCE_BODY')) {
      throw new Rejection(
        'MODIFY',
        'INVALID_ARGUMENT',
        `Expected to modify instance of process '${processInstance.bpmnProcessId}' but it contains one or more activate instructions that would result in the activation of multi-instance element '${scope.id}', which is currently unsupported.`,
      );
    }
    if (candidates.length > 1) {
      throw new Rejection(
        'MODIFY',
        'INVALID_ARGUMENT',
        `Expected to modify instance of process '${processInstance.bpmnProcessId}' but it contains one or more activate instructions for an element that has a flow scope with more than one active instance: '${scope.id}'. Can't decide in which instance of the flow scope the element should be activated. Please specify an ancestor element instance key for this activate instruction.`,
      );
    }
    if (candidates.length === 1) {
      used.push(existing.key);
      existing = candidates[0];
    } else {
      missing.push(scope);
    }
  }
  return { instruction, element, existing, missing, used };
}

function activate(executor: ExecutionContext, planned: Plan, processInstance: ElementInstanceRow): void {
  const variablesFor = (elementId: string) =>
    Object.assign(
      {},
      ...planned.instruction.variableInstructions
        .filter((variables) => variables.scopeId === elementId || (!variables.scopeId && elementId === processInstance.elementId))
        .map((variables) => variables.variables),
    ) as Record<string, unknown>;
  let scope = planned.existing;
  executor.variables.setLocal(scope.key, variablesFor(scope.elementId));
  for (const missing of planned.missing) {
    const created = executor.enterScope(scope, missing, variablesFor(missing.id));
    if (!created) return;
    scope = created;
  }
  const instance = executor.prepareChild(scope, planned.element, variablesFor(planned.element.id));
  if (instance) executor.continueActivation(instance);
}

/**
 * Starts a new process instance at the given elements instead of its none start event
 * (CreateProcessInstance start instructions), entering their flow scopes, one instance of
 * each shared by all instructions. The instance itself is already entered.
 */
export function startAt(executor: ExecutionContext, processInstance: ElementInstanceRow, elementIds: readonly string[]): void {
  const model = executor.model(processInstance);
  for (const elementId of elementIds) {
    const instruction = { elementId, ancestorElementInstanceKey: NO_KEY, variableInstructions: [] };
    activate(executor, plan(executor, model, processInstance, instruction), processInstance);
  }
}

/** Checks CreateProcessInstance start instructions with Zeebe's rejections before anything is created. */
export function checkStartInstructions(model: ProcessModel, elementIds: readonly string[]): void {
  const invalid = (reason: string) => new Rejection('CREATE', 'INVALID_ARGUMENT', `Expected to create instance of process with start instructions but ${reason}`);
  const unknown = elementIds.find((id) => !model.elements.get(id));
  if (unknown !== undefined) throw invalid(`no element found with id '${unknown}'.`);
  const inMultiInstance = elementIds.find((id) => flowScopesOf(model, model.elements.get(id)!).some((scope) => scope.multiInstance));
  if (inMultiInstance !== undefined) {
    throw invalid(`the element with id '${inMultiInstance}' is inside a multi-instance subprocess. The creation of elements inside a multi-instance subprocess is not supported.`);
  }
  const unsupported = elementIds.map((id) => model.elements.get(id)!).find((element) => UNSUPPORTED_TYPES.has(element.type));
  if (unsupported) {
    throw invalid(`the element with id '${unsupported.id}' targets unsupported element type '${unsupported.type}'. Supported element types are: ${SUPPORTED_TYPES}`);
  }
  const afterEventGateway = elementIds.find((id) => model.elements.get(id)!.incoming.some((flow) => model.elements.get(flow.sourceId)?.type === 'EVENT_BASED_GATEWAY'));
  if (afterEventGateway !== undefined) {
    throw invalid(`the element with id '${afterEventGateway}' belongs to an event-based gateway. The creation of elements belonging to an event-based gateway is not supported.`);
  }
}

/** Terminates flow scopes left without anything to do, upwards, as Zeebe's modification does. */
function terminateEmptyScopes(executor: ExecutionContext, flowScopeKey: string, required: ReadonlySet<string>): void {
  for (let scope = executor.state.elementInstances.get(flowScopeKey); scope && isEmpty(executor, scope) && !required.has(scope.key); ) {
    const next = scope.flowScopeKey;
    executor.terminate(scope);
    scope = executor.state.elementInstances.get(next);
  }
}

function isEmpty(executor: ExecutionContext, scope: ElementInstanceRow): boolean {
  return executor.state.childrenOf(scope.key).length === 0 && !Object.values(scope.joins ?? {}).some((flows) => flows.length > 0);
}

/** Whether terminating these instances would leave the process instance with nothing to do. */
function emptiedByTermination(executor: ExecutionContext, scope: ElementInstanceRow, terminated: ReadonlySet<string>, required: ReadonlySet<string>): boolean {
  if (required.has(scope.key)) return false;
  const children = executor.state.childrenOf(scope.key);
  if (children.length === 0) return false;
  return children.every((child) => terminated.has(child.key) || emptiedByTermination(executor, child, terminated, required));
}

/** The flow scopes of an element, innermost first, up to the process. */
function flowScopesOf(model: ProcessModel, element: FlowElement): FlowElement[] {
  const scopes: FlowElement[] = [];
  for (let scopeId = element.scopeId; scopeId; scopeId = model.elements.get(scopeId)!.scopeId) scopes.push(model.elements.get(scopeId)!);
  return scopes;
}

function distinct<T>(values: T[]): T[] {
  return [...new Set(values)];
}
