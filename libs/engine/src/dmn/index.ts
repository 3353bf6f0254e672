export { parseDecisionRequirements, DmnParseError } from './parse.js';
export {
  evaluateDecision,
  type DecisionEvaluationResult,
  type EvaluatedDecision,
  type EvaluatedDecisionInput,
  type EvaluatedDecisionOutput,
  type MatchedDecisionRule,
} from './evaluate.js';
export type {
  Aggregation,
  Decision,
  DecisionRequirements,
  DecisionRule,
  DecisionTable,
  DecisionTableInput,
  DecisionTableOutput,
  HitPolicy,
  LiteralExpression,
} from './model.js';
