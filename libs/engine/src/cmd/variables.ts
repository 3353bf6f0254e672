import { Rejection } from '../rejection.js';
import { DEFAULT_TENANT } from '../state/rows.js';
import type { EngineContext } from './context.js';

// SetVariables: local to the element instance, or propagated to the scope that defines each variable.

export function setVariables(engine: EngineContext, elementInstanceKey: string, variables: Record<string, unknown>, local: boolean): Promise<string> {
  return engine.run(() => {
    const instance = engine.state.elementInstances.get(elementInstanceKey);
    if (!instance) {
      throw new Rejection('UPDATE', 'NOT_FOUND', `Expected to update variables for element with key '${elementInstanceKey}', but no such element was found`);
    }
    const key = engine.state.newKey();
    if (local) engine.execution.variables.setLocal(instance.key, variables);
    else engine.execution.variables.propagate(instance.key, variables);
    engine.state.appendRecord('VARIABLE_DOCUMENT', 'UPDATED', key, {
      scopeKey: elementInstanceKey,
      updateSemantics: local ? 'LOCAL' : 'PROPAGATE',
      variables: JSON.stringify(variables),
      tenantId: DEFAULT_TENANT,
    }, engine.clock.now());
    return key;
  });
}
