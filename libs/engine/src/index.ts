export { EngineClock } from './clock.js';
export { Engine, type EngineOptions, type ActivatedJob } from './engine.js';
export { startEngine, GATEWAY_VERSION, type StartEngineOptions, type RunningEngine } from './gateway/server.js';
export { engineControlClient } from './gateway/engine-control.js';
export { Rejection } from './rejection.js';
export type { EngineRecord } from './state/state.js';
export { readProcessInstanceRecords } from './state/store.js';
export { buildProcessInstanceView } from './view.js';
export type { ProcessInstanceView, ElementInstanceView, ElementInstanceState, VariableScopeView, IncidentView } from './view.js';
