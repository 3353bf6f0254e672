import type { ProcessModel } from '../bpmn/model.js';
import { deploymentFailure, prepareResource, reasonsOf, type PreparedResource, type ResourceInput } from '../deployment.js';
import { Rejection } from '../rejection.js';
import { DEFAULT_TENANT, type DecisionRequirementsRow, type DecisionRow, type FormRow, type ProcessDefinitionRow } from '../state/rows.js';
import type { EngineContext } from './context.js';
import type { DeployedMetadata } from './types.js';

// DeployResource: processes, decision requirements graphs with their decisions, and forms,
// each versioned by its id; the same resource deployed again keeps its latest version.

export async function deploy(engine: EngineContext, resources: ResourceInput[]): Promise<{ key: string; deployments: DeployedMetadata[]; tenantId: string }> {
  const prepared: PreparedResource[] = [];
  const failures: { name: string; reasons: string[] }[] = [];
  if (resources.length === 0) throw new Rejection('CREATE', 'INVALID_ARGUMENT', 'Expected to deploy at least one resource, but none given');
  for (const resource of resources) {
    try {
      prepared.push(await prepareResource(resource));
    } catch (error) {
      const reasons = reasonsOf(error);
      if (!reasons) throw error;
      failures.push({ name: resource.name, reasons });
    }
  }
  if (failures.length > 0) throw new Rejection('CREATE', 'INVALID_ARGUMENT', deploymentFailure(failures));
  const ids = prepared.flatMap((resource) => (resource.kind === 'bpmn' ? resource.processes.map((process) => process.bpmnProcessId) : []));
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate) {
    throw new Rejection('CREATE', 'INVALID_ARGUMENT', `Expected to deploy new resources, but encountered the following errors:\nDuplicated process id in resources '${duplicate}'`);
  }
  return engine.run(() => {
    const now = engine.clock.now();
    const deploymentKey = engine.state.newKey();
    // Zeebe's gateway lists processes, then decisions, decision requirements and forms.
    const groups: Record<'process' | 'decision' | 'decisionRequirements' | 'form', DeployedMetadata[]> = { process: [], decision: [], decisionRequirements: [], form: [] };
    const stored: { name: string; checksum: string; kind: string; resourceKey: string }[] = [];
    for (const resource of prepared) {
      if (resource.kind === 'bpmn') {
        for (const process of resource.processes) {
          const definition = deployProcess(engine, resource, process, deploymentKey, now);
          stored.push({ name: resource.name, checksum: resource.checksum, kind: 'process', resourceKey: definition.key });
          groups.process.push({
            process: {
              bpmnProcessId: definition.bpmnProcessId,
              version: definition.version,
              processDefinitionKey: definition.key,
              resourceName: definition.resourceName,
              tenantId: DEFAULT_TENANT,
            },
          });
        }
      } else if (resource.kind === 'dmn') {
        const { drg, decisions } = deployDecisions(engine, resource, deploymentKey, now);
        stored.push({ name: resource.name, checksum: resource.checksum, kind: 'decisionRequirements', resourceKey: drg.key });
        for (const decision of decisions) {
          groups.decision.push({
            decision: {
              dmnDecisionId: decision.decisionId,
              dmnDecisionName: decision.name,
              version: decision.version,
              decisionKey: decision.key,
              dmnDecisionRequirementsId: decision.decisionRequirementsId,
              decisionRequirementsKey: decision.decisionRequirementsKey,
              tenantId: DEFAULT_TENANT,
            },
          });
        }
        groups.decisionRequirements.push({
          decisionRequirements: {
            dmnDecisionRequirementsId: drg.decisionRequirementsId,
            dmnDecisionRequirementsName: drg.name,
            version: drg.version,
            decisionRequirementsKey: drg.key,
            resourceName: drg.resourceName,
            tenantId: DEFAULT_TENANT,
          },
        });
      } else {
        const form = deployForm(engine, resource, deploymentKey, now);
        stored.push({ name: resource.name, checksum: resource.checksum, kind: 'form', resourceKey: form.key });
        groups.form.push({ form: { formId: form.formId, version: form.version, formKey: form.key, resourceName: form.resourceName, tenantId: DEFAULT_TENANT } });
      }
    }
    engine.state.deployments.put({ key: deploymentKey, resources: stored, createdAt: now });
    engine.state.appendRecord('DEPLOYMENT', 'CREATED', deploymentKey, { resources: stored, tenantId: DEFAULT_TENANT }, now);
    const deployments = [...groups.process, ...groups.decision, ...groups.decisionRequirements, ...groups.form];
    return { key: deploymentKey, deployments, tenantId: DEFAULT_TENANT };
  });
}

function deployForm(engine: EngineContext, resource: Extract<PreparedResource, { kind: 'form' }>, deploymentKey: string, now: number): FormRow {
  const versions = engine.state.formVersions(resource.formId);
  const latest = versions[versions.length - 1];
  if (latest && latest.checksum === resource.checksum && latest.resourceName === resource.name) return latest;
  const form: FormRow = {
    key: engine.state.newKey(),
    formId: resource.formId,
    version: engine.state.nextFormVersion(resource.formId),
    resourceName: resource.name,
    checksum: resource.checksum,
    deploymentKey,
    resource: resource.text,
  };
  engine.state.addForm(form);
  const { resource: _text, ...value } = form;
  engine.state.appendRecord('FORM', 'CREATED', form.key, { ...value, tenantId: DEFAULT_TENANT }, now);
  return form;
}

/** A DMN resource: its decision requirements graph and each decision, versioned by id. */
function deployDecisions(
  engine: EngineContext,
  resource: Extract<PreparedResource, { kind: 'dmn' }>,
  deploymentKey: string,
  now: number,
): { drg: DecisionRequirementsRow; decisions: DecisionRow[] } {
  const versions = engine.state.decisionRequirementsVersions(resource.drg.id);
  const latest = versions[versions.length - 1];
  if (latest && latest.checksum === resource.checksum && latest.resourceName === resource.name) {
    const decisions = [...engine.state.decisions.values()].filter((decision) => decision.decisionRequirementsKey === latest.key);
    return { drg: latest, decisions };
  }
  const drg: DecisionRequirementsRow = {
    key: engine.state.newKey(),
    decisionRequirementsId: resource.drg.id,
    name: resource.drg.name,
    version: engine.state.nextDecisionRequirementsVersion(resource.drg.id),
    resourceName: resource.name,
    checksum: resource.checksum,
    deploymentKey,
    resource: resource.text,
  };
  engine.state.addDecisionRequirements(drg);
  engine.drgs.set(drg.key, resource.drg);
  const { resource: _text, ...drgValue } = drg;
  engine.state.appendRecord('DECISION_REQUIREMENTS', 'CREATED', drg.key, { ...drgValue, tenantId: DEFAULT_TENANT }, now);
  const decisions = resource.drg.decisions.map((parsed) => {
    const decision: DecisionRow = {
      key: engine.state.newKey(),
      decisionId: parsed.id,
      name: parsed.name,
      version: engine.state.nextDecisionVersion(parsed.id),
      decisionRequirementsKey: drg.key,
      decisionRequirementsId: drg.decisionRequirementsId,
      deploymentKey,
    };
    engine.state.addDecision(decision);
    engine.state.appendRecord('DECISION', 'CREATED', decision.key, { ...decision, tenantId: DEFAULT_TENANT }, now);
    return decision;
  });
  return { drg, decisions };
}

function deployProcess(engine: EngineContext, resource: Extract<PreparedResource, { kind: 'bpmn' }>, process: ProcessModel, deploymentKey: string, now: number): ProcessDefinitionRow {
  const versions = engine.state.definitionVersions(process.bpmnProcessId);
  const latest = versions[versions.length - 1];
  // Zeebe keeps the latest version when the same resource (name and digest) is deployed again.
  if (latest && latest.checksum === resource.checksum && latest.resourceName === resource.name) return latest;
  const definition: ProcessDefinitionRow = {
    key: engine.state.newKey(),
    bpmnProcessId: process.bpmnProcessId,
    version: engine.state.nextDefinitionVersion(process.bpmnProcessId),
    resourceName: resource.name,
    checksum: resource.checksum,
    deploymentKey,
    resource: resource.text,
  };
  engine.state.addDefinition(definition);
  engine.models.set(definition.key, process);
  engine.state.appendRecord('PROCESS', 'CREATED', definition.key, {
    bpmnProcessId: definition.bpmnProcessId,
    version: definition.version,
    processDefinitionKey: definition.key,
    resourceName: definition.resourceName,
    checksum: definition.checksum,
    deploymentKey,
    tenantId: DEFAULT_TENANT,
  }, now);
  // The new version's message, timer and signal start events replace the previous version's.
  engine.execution.startEvents.replace(latest, definition);
  return definition;
}
