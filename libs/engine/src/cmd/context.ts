import type { ProcessModel } from '../bpmn/model.js';
import type { EngineClock } from '../clock.js';
import type { DecisionRequirements } from '../dmn/index.js';
import type { ExecutionContext } from '../execution/context.js';
import type { EngineState } from '../state/state.js';

/** What a command processor (one file per gateway command in cmd/) may use of the engine. */
export interface EngineContext {
  readonly state: EngineState;
  readonly execution: ExecutionContext;
  readonly clock: EngineClock;
  /** Parsed process models by definition key. */
  readonly models: Map<string, ProcessModel>;
  /** Parsed decision requirements graphs by key, for evaluation. */
  readonly drgs: Map<string, DecisionRequirements>;
  /** CreateProcessInstanceWithResult calls waiting for their instance to end, by process instance key. */
  readonly resultWaiters: Map<string, (result: { variables?: Record<string, unknown> }) => void>;
  /** Applies a command to the working state, then waits until its effects are committed. */
  run<T>(command: () => T): Promise<T>;
  /** Jobs of a type may have become activatable in the running command. */
  jobsAvailable(type: string): void;
}
