import { modifyProcessInstance as modify, type ModificationRequest } from '../execution/modification.js';
import type { EngineContext } from './context.js';

/** Activates and terminates elements of a running process instance (Zeebe's ModifyProcessInstance). */
export function modifyProcessInstance(engine: EngineContext, request: ModificationRequest): Promise<void> {
  return engine.run(() => modify(engine.execution, request));
}
