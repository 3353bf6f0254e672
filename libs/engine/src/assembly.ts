import type { ProcessModel } from './bpmn/model.js';
import type { EngineClock } from './clock.js';
import type { EngineContext } from './cmd/context.js';
import type { DecisionRequirements } from './dmn/index.js';
import { registerBehaviours } from './execution/behaviours.js';
import type { ExecutorEvents } from './execution/context.js';
import { Executor } from './execution/executor.js';
import type { EngineState } from './state/state.js';

/** What an engine brings to its command processors; the execution is assembled from it. */
export interface EngineParts {
  readonly state: EngineState;
  readonly clock: EngineClock;
  readonly models: Map<string, ProcessModel>;
  readonly drgs: Map<string, DecisionRequirements>;
  readonly resultWaiters: EngineContext['resultWaiters'];
  readonly events: ExecutorEvents;
  run<T>(command: () => T): Promise<T>;
}

/**
 * Assembles the context the command processors work in: the executor with the element
 * behaviours registered, over the engine's state and models. The one place that constructs
 * the executor; everything else sees its ExecutionContext interface.
 */
export function assembleEngineContext(parts: EngineParts): EngineContext {
  const { state, clock, models, drgs, resultWaiters, events } = parts;
  const deployed = { process: (key: string) => models.get(key)!, decisionRequirements: (key: string) => drgs.get(key) };
  const execution = new Executor(state, deployed, () => clock.now(), events);
  registerBehaviours(execution);
  return { state, execution, clock, models, drgs, resultWaiters, run: (command) => parts.run(command), jobsAvailable: (type) => events.jobsAvailable(type) };
}
