import type { EngineContext } from './context.js';

export function broadcastSignal(engine: EngineContext, signalName: string, variables: Record<string, unknown>): Promise<string> {
  return engine.run(() => engine.execution.broadcastSignal(signalName, variables));
}

