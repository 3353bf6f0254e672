import { evaluateExpressionWithWarnings, FeelEvaluationError, isExpression, stripExpressionMarker } from '../feel/index.js';

/** An element cannot go on; the executor turns this into an incident of the given type. */
export class IncidentError extends Error {
  constructor(
    readonly errorType: string,
    message: string,
  ) {
    super(message);
    this.name = 'IncidentError';
  }
}

type Expected = 'STRING' | 'NUMBER' | 'BOOLEAN' | 'ANY' | 'ARRAY' | 'STRING_OR_NUMBER';

/**
 * Evaluates a Zeebe property: static text, or a FEEL expression after '='. Failures and
 * results of the wrong type become incidents worded as Zeebe words them.
 */
export function evaluate(value: string, context: Record<string, unknown>, now: number, expected: Expected, errorType = 'EXTRACT_VALUE_ERROR'): unknown {
  if (!isExpression(value)) return staticValue(value, expected);
  const expression = stripExpressionMarker(value);
  let result: { value: unknown; warnings: { type: string; message: string }[] };
  try {
    result = evaluateExpressionWithWarnings(expression, context, { now: new Date(now) });
  } catch (error) {
    if (error instanceof FeelEvaluationError) throw new IncidentError(errorType, `Expected to evaluate expression '${expression}', but failed: ${error.reason}`);
    throw error;
  }
  const actual = typeName(result.value);
  const fits =
    expected === 'ANY' ||
    expected === actual ||
    (expected === 'STRING_OR_NUMBER' && (actual === 'STRING' || actual === 'NUMBER'));
  if (!fits) {
    const warnings = result.warnings.length
      ? ` The evaluation reported the following warnings:\n${result.warnings.map((warning) => `[${warning.type}] ${warning.message}`).join('\n')}`
      : '';
    const wanted = expected === 'STRING_OR_NUMBER' ? "'STRING' or 'NUMBER'" : `'${expected}'`;
    throw new IncidentError(errorType, `Expected result of the expression '${expression}' to be ${wanted}, but was '${actual}'.${warnings}`);
  }
  return result.value;
}

function staticValue(value: string, expected: Expected): unknown {
  if (expected === 'NUMBER') {
    const number = Number(value);
    if (value.trim() === '' || Number.isNaN(number)) throw new IncidentError('EXTRACT_VALUE_ERROR', `Expected a number, but was '${value}'`);
    return number;
  }
  if (expected === 'ARRAY') return value.split(',').map((item) => item.trim()).filter((item) => item !== '');
  return value;
}

export function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (Array.isArray(value)) return 'ARRAY';
  switch (typeof value) {
    case 'string':
      return 'STRING';
    case 'number':
      return 'NUMBER';
    case 'boolean':
      return 'BOOLEAN';
    default:
      return 'OBJECT';
  }
}
