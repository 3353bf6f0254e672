import { checkStartInstructions } from '../execution/modification.js';
import { Rejection } from '../rejection.js';
import { DEFAULT_TENANT, type ProcessDefinitionRow } from '../state/rows.js';
import type { EngineContext } from './context.js';
import { pick, type CreatedInstance, type CreationRequest } from './types.js';

// CreateProcessInstance and CreateProcessInstanceWithResult.

export function createProcessInstance(engine: EngineContext, request: CreationRequest): Promise<CreatedInstance> {
  return engine.run(() => create(engine, request));
}

/** Creates an instance and waits for it to complete; resolves undefined when `timeoutMs` passes first. */
export async function createProcessInstanceWithResult(
  engine: EngineContext,
  request: CreationRequest,
  fetchVariables: readonly string[],
  timeoutMs: number,
): Promise<(CreatedInstance & { variables: Record<string, unknown> }) | undefined> {
  let settle!: (result: { variables?: Record<string, unknown> } | undefined) => void;
  const outcome = new Promise<{ variables?: Record<string, unknown> } | undefined>((resolve) => (settle = resolve));
  const created = await engine.run(() => create(engine, request, (key) => engine.resultWaiters.set(key, settle)));
  const timer = setTimeout(() => settle(undefined), timeoutMs);
  const result = await outcome;
  clearTimeout(timer);
  engine.resultWaiters.delete(created.processInstanceKey);
  if (!result) return undefined;
  if (!result.variables) {
    throw new Rejection('CREATE_WITH_AWAITING_RESULT', 'NOT_FOUND', `Expected to receive the result of process instance '${created.processInstanceKey}', but it was terminated`);
  }
  const variables = fetchVariables.length === 0 ? result.variables : pick(result.variables, fetchVariables);
  return { ...created, variables };
}

function create(
  engine: EngineContext,
  request: CreationRequest,
  beforeStart?: (processInstanceKey: string) => void,
): CreatedInstance {
  const definition = findDefinition(engine, request);
  const startInstructions = request.startInstructions ?? [];
  if (startInstructions.length > 0) checkStartInstructions(engine.models.get(definition.key)!, startInstructions);
  const instance = engine.execution.createProcessInstance(definition, request.variables, { onCreated: beforeStart, startInstructions });
  return {
    processDefinitionKey: definition.key,
    bpmnProcessId: definition.bpmnProcessId,
    version: definition.version,
    processInstanceKey: instance.key,
    tenantId: DEFAULT_TENANT,
  };
}

function findDefinition(engine: EngineContext, request: { bpmnProcessId?: string; version?: number; processDefinitionKey?: string }): ProcessDefinitionRow {
  if (request.processDefinitionKey && request.processDefinitionKey !== '0') {
    const definition = engine.state.processDefinitions.get(request.processDefinitionKey);
    if (!definition || definition.deleted) throw new Rejection('CREATE', 'NOT_FOUND', `Expected to find process definition with key '${request.processDefinitionKey}', but none found`);
    return definition;
  }
  if (!request.bpmnProcessId) throw new Rejection('CREATE', 'INVALID_ARGUMENT', 'Expected at least a bpmnProcessId or a key greater than -1, but none given');
  const versions = engine.state.definitionVersions(request.bpmnProcessId);
  const version = request.version ?? -1;
  if (version <= 0) {
    if (versions.length === 0) throw new Rejection('CREATE', 'NOT_FOUND', `Expected to find process definition with process ID '${request.bpmnProcessId}', but none found`);
    return versions[versions.length - 1];
  }
  const definition = versions.find((candidate) => candidate.version === version);
  if (!definition) {
    throw new Rejection('CREATE', 'NOT_FOUND', `Expected to find process definition with process ID '${request.bpmnProcessId}' and version '${version}', but none found`);
  }
  return definition;
}

