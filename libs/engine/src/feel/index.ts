import {
  evaluateFeel,
  evaluateUnaryTestsFeel,
  isExpression,
  stripExpressionMarker,
  type FeelOptions,
  type FeelWarning,
} from './evaluate.js';
import { toJsonValue, type JsonValue } from './json.js';

export { FeelEvaluationError, isExpression, stripExpressionMarker, type FeelOptions, type FeelWarning } from './evaluate.js';
export type { JsonValue } from './json.js';

/**
 * Evaluates a FEEL expression as Zeebe does: an optional leading '=' is stripped, a missing
 * variable is null (see the warnings of {@link evaluateExpressionWithWarnings}), and the
 * result is the JSON value Zeebe would store (temporal values as ISO strings).
 *
 * @throws FeelEvaluationError on a syntax error or a failed `assert(...)`.
 */
export function evaluateExpression(expression: string, context: Record<string, unknown>, options?: FeelOptions): unknown {
  return evaluateExpressionWithWarnings(expression, context, options).value;
}

/**
 * Like {@link evaluateExpression}, and also answers the warnings, which Zeebe appends to an
 * incident's message when the result does not fit (e.g. "[NO_VARIABLE_FOUND] No variable found
 * with name 'x'").
 */
export function evaluateExpressionWithWarnings(
  expression: string,
  context: Record<string, unknown>,
  options?: FeelOptions,
): { value: JsonValue; warnings: FeelWarning[] } {
  const { value, warnings } = evaluateFeel(stripExpressionMarker(expression), context, options);
  return { value: toJsonValue(value), warnings };
}

/** DMN input entry semantics: does `input` satisfy the unary tests? '-' or empty matches anything. */
export function evaluateUnaryTests(tests: string, input: unknown, context: Record<string, unknown>, options?: FeelOptions): boolean {
  return evaluateUnaryTestsFeel(tests, input, context, options).matched;
}

/** A Zeebe property that is either a static string or, with a leading '=', a FEEL expression. */
export function evaluateStaticOrExpression(value: string, context: Record<string, unknown>, options?: FeelOptions): unknown {
  return isExpression(value) ? evaluateExpression(value, context, options) : value;
}
