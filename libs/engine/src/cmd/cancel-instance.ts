import { Rejection } from '../rejection.js';
import { NO_KEY } from '../state/rows.js';
import type { EngineContext } from './context.js';

// CancelProcessInstance: only a root process instance may be cancelled.

export function cancelProcessInstance(engine: EngineContext, processInstanceKey: string): Promise<void> {
  return engine.run(() => {
    const instance = engine.state.elementInstances.get(processInstanceKey);
    if (!instance || instance.elementType !== 'PROCESS') {
      throw new Rejection('CANCEL', 'NOT_FOUND', `Expected to cancel a process instance with key '${processInstanceKey}', but no such process was found`);
    }
    if (instance.parentProcessInstanceKey !== NO_KEY) {
      throw new Rejection(
        'CANCEL',
        'INVALID_STATE',
        `Expected to cancel a process instance with key '${processInstanceKey}', but it is created by a parent process instance. Cancel the root process instance '${rootOf(engine, instance.parentProcessInstanceKey)}' instead.`,
      );
    }
    engine.execution.terminate(instance);
  });
}

function rootOf(engine: EngineContext, processInstanceKey: string): string {
  let instance = engine.state.elementInstances.get(processInstanceKey);
  while (instance && instance.parentProcessInstanceKey !== NO_KEY) instance = engine.state.elementInstances.get(instance.parentProcessInstanceKey);
  return instance?.key ?? processInstanceKey;
}
