export { lintBpmn, LINT_CONFIG, type LintProblem } from './lint.js';
export {
  inspectBpmn,
  formKeysOf,
  type ModelInventory,
  type JobTypeUse,
  type UserTaskUse,
  type StartFormUse,
  type MessageUse,
  type CalledElementUse,
  type CalledDecisionUse,
} from './inspect.js';
export { diffBpmn, type ElementChange, type ModelDiff } from './diff.js';
export { elementNames } from './names.js';
export { inspectDmn, type DecisionUse, type DecisionTable, type DecisionTableRule } from './dmn.js';
