import { Rejection } from '../rejection.js';
import { DEFAULT_TENANT } from '../state/rows.js';
import type { EngineContext } from './context.js';

/**
 * Deletes a process definition, a decision requirements graph (with its decisions) or a
 * form. Deleting the latest version of a process brings back the previous version's start
 * events; a process definition with running instances is refused, as in Zeebe.
 */
export function deleteResource(engine: EngineContext, resourceKey: string): Promise<void> {
  return engine.run(() => {
    const process = live(engine.state.processDefinitions.get(resourceKey));
    const drg = live(engine.state.decisionRequirements.get(resourceKey));
    const form = live(engine.state.forms.get(resourceKey));
    if (!process && !drg && !form) throw new Rejection('DELETE', 'NOT_FOUND', `Expected to delete resource but no resource found with key \`${resourceKey}\``);
    if (process && [...engine.state.elementInstances.values()].some((instance) => instance.elementType === 'PROCESS' && instance.processDefinitionKey === resourceKey)) {
      throw new Rejection('DELETE', 'INVALID_STATE', `Expected to delete resource with key \`${resourceKey}\` but there are still running instances`);
    }
    const now = engine.clock.now();
    const deletionKey = engine.state.newKey();
    engine.state.appendRecord('RESOURCE_DELETION', 'DELETING', deletionKey, { resourceKey, tenantId: DEFAULT_TENANT }, now);
    if (process) {
      const { resource: _text, ...value } = process;
      engine.state.appendRecord('PROCESS', 'DELETING', engine.state.newKey(), { ...value, processDefinitionKey: process.key, tenantId: DEFAULT_TENANT }, now);
      const versions = engine.state.definitionVersions(process.bpmnProcessId);
      if (versions[versions.length - 1] === process) engine.execution.startEvents.replace(process, versions[versions.length - 2]);
      engine.state.deleteDefinition(process);
      engine.models.delete(process.key);
      engine.state.appendRecord('PROCESS', 'DELETED', engine.state.newKey(), { ...value, processDefinitionKey: process.key, tenantId: DEFAULT_TENANT }, now);
    }
    if (drg) {
      for (const decision of [...engine.state.decisions.values()].filter((candidate) => candidate.decisionRequirementsKey === drg.key && !candidate.deleted)) {
        engine.state.deleteDecision(decision);
        engine.state.appendRecord('DECISION', 'DELETED', engine.state.newKey(), { ...decision, tenantId: DEFAULT_TENANT }, now);
      }
      engine.state.deleteDecisionRequirements(drg);
      engine.drgs.delete(drg.key);
      const { resource: _text, ...value } = drg;
      engine.state.appendRecord('DECISION_REQUIREMENTS', 'DELETED', engine.state.newKey(), { ...value, tenantId: DEFAULT_TENANT }, now);
    }
    if (form) {
      engine.state.deleteForm(form);
      const { resource: _text, ...value } = form;
      engine.state.appendRecord('FORM', 'DELETED', engine.state.newKey(), { ...value, tenantId: DEFAULT_TENANT }, now);
    }
    engine.state.appendRecord('RESOURCE_DELETION', 'DELETED', deletionKey, { resourceKey, tenantId: DEFAULT_TENANT }, now);
  });
}

/** A deployed resource that DeleteResource has not deleted. */
function live<Row extends { deleted?: boolean }>(row: Row | undefined): Row | undefined {
  return row && !row.deleted ? row : undefined;
}
