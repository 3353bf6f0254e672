import {
  evaluate,
  parseExpression,
  parseUnaryTests,
  unaryTest,
  SyntaxError as FeelSyntaxError,
  type FeelFunction,
  type Warning,
} from 'feelin';
import { camundaBuiltins, FeelAssertionError } from './builtins.js';

export interface FeelOptions {
  /** The engine's (movable) clock; `now()` and `today()` read it. Defaults to the system clock. */
  now?: Date;
}

/** A non-fatal problem FEEL turned into null, e.g. a missing variable (Zeebe logs these as warnings). */
export interface FeelWarning {
  type: string;
  message: string;
}

/** A raw FEEL value (dates and durations still FEEL objects) and what went wrong on the way. */
export interface FeelResult {
  value: unknown;
  warnings: FeelWarning[];
}

/**
 * The evaluation could not produce a value at all: invalid syntax or a failed `assert`.
 * Anything else FEEL answers with null plus a warning, as Zeebe does.
 */
export class FeelEvaluationError extends Error {
  constructor(
    message: string,
    readonly expression: string,
    readonly reason: string,
  ) {
    super(message);
    this.name = 'FeelEvaluationError';
  }
}

const systemBuiltins = camundaBuiltins(() => new Date());

function builtinsFor(options: FeelOptions | undefined): Record<string, FeelFunction> {
  const now = options?.now;
  return now ? camundaBuiltins(() => now) : systemBuiltins;
}

/** Zeebe marks an expression with a leading '=' (after trimming); anything else is a static value. */
export function isExpression(value: string): boolean {
  return value.trim().startsWith('=');
}

export function stripExpressionMarker(expression: string): string {
  const trimmed = expression.trim();
  return trimmed.startsWith('=') ? trimmed.slice(1).trim() : trimmed;
}

/** Evaluates a FEEL expression (no '=' marker) and keeps FEEL's own value types. */
export function evaluateFeel(expression: string, context: Record<string, unknown>, options?: FeelOptions): FeelResult {
  const direct = lookupPath(expression, context);
  if (direct) return { value: direct.value, warnings: [] };
  const scope = scopeFor(expression, context, options);
  return run(expression, 'expression', () => evaluate(expression, scope));
}

/**
 * The names an expression sees. feel-scala keeps functions apart from variables, so a process
 * variable named `count` does not hide `count(...)`; feelin looks both up in one context. A
 * variable that the expression invokes as a function is therefore left out of the scope.
 */
function scopeFor(expression: string, context: Record<string, unknown>, options: FeelOptions | undefined): Record<string, unknown> {
  const builtins = builtinsFor(options);
  const scope: Record<string, unknown> = { ...builtins, ...context };
  if (!expression.includes('(')) return scope;
  for (const [name, value] of Object.entries(context)) {
    if (typeof value === 'function' || !expression.includes(name) || !invokes(expression, name)) continue;
    if (Object.hasOwn(builtins, name)) scope[name] = builtins[name];
    else delete scope[name];
  }
  return scope;
}

function invokes(expression: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w.])${escaped}\\s*\\(`).test(expression);
}

// Most Zeebe expressions are a bare variable or path (`=orderId`, `=intention.region`); feelin
// parses and builds every expression anew (~0.1 ms), so those are read straight from the context.
const SIMPLE_PATH = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const KEYWORDS = new Set([
  'true', 'false', 'null', 'if', 'then', 'else', 'for', 'in', 'return', 'some', 'every',
  'satisfies', 'and', 'or', 'between', 'instance', 'of', 'function', 'external', 'not',
]);

/** Resolves a path through plain objects only; anything else (lists, missing keys) is left to feelin. */
function lookupPath(expression: string, context: Record<string, unknown>): { value: unknown } | undefined {
  if (!SIMPLE_PATH.test(expression)) return undefined;
  let current: unknown = context;
  for (const segment of expression.split('.')) {
    if (KEYWORDS.has(segment)) return undefined;
    if (typeof current !== 'object' || current === null || Array.isArray(current) || !Object.hasOwn(current, segment)) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[segment];
  }
  return typeof current === 'function' ? undefined : { value: current ?? null };
}

/**
 * Evaluates DMN unary tests against `input`; '-' or an empty entry matches anything.
 * A test that yields null (e.g. comparing different types) does not match.
 */
export function evaluateUnaryTestsFeel(
  tests: string,
  input: unknown,
  context: Record<string, unknown>,
  options?: FeelOptions,
): { matched: boolean; warnings: FeelWarning[] } {
  const trimmed = tests.trim();
  if (trimmed === '' || trimmed === '-') return { matched: true, warnings: [] };
  const scope = { ...scopeFor(trimmed, context, options), '?': input ?? null };
  const { value, warnings } = run(trimmed, 'unary-tests', () => unaryTest(trimmed, scope));
  return { matched: value === true, warnings };
}

/**
 * Checks the syntax without evaluating, for deploy-time validation (Zeebe parses every DMN
 * expression when the resource is deployed). Answers the reason, or null when it parses.
 * Names with spaces are only known at run time, so such a name parses as separate words here.
 */
export function feelSyntaxError(text: string, kind: 'expression' | 'unary-tests'): string | null {
  const tree = kind === 'expression' ? parseExpression(text, systemBuiltins, undefined) : parseUnaryTests(text, systemBuiltins, undefined);
  let position: number | null = null;
  tree.iterate({
    enter: (node) => {
      if (position === null && node.type.isError) position = node.from;
      return position === null;
    },
  });
  return position === null ? null : `failed to parse ${kind} '${text}': syntax error at position ${position}`;
}

function run(expression: string, kind: 'expression' | 'unary-tests', evaluation: () => { value: unknown; warnings: Warning[] }): FeelResult {
  if (expression.trim() === '') {
    throw new FeelEvaluationError(`failed to parse ${kind} '${expression}': the ${kind} is empty`, expression, `the ${kind} is empty`);
  }
  try {
    const { value, warnings } = evaluation();
    return { value: value ?? null, warnings: warnings.map(toFeelWarning) };
  } catch (error) {
    if (error instanceof FeelSyntaxError) {
      const reason = `${error.message} at position ${error.position.from}`;
      throw new FeelEvaluationError(`failed to parse ${kind} '${expression}': ${reason}`, expression, reason);
    }
    const reason =
      error instanceof FeelAssertionError
        ? `Assertion failure on evaluate the expression '${expression}': ${error.message}`
        : error instanceof Error
          ? error.message
          : String(error);
    throw new FeelEvaluationError(`failed to evaluate ${kind} '${expression}': ${reason}`, expression, reason);
  }
}

function toFeelWarning(warning: Warning): FeelWarning {
  // Word the most common warning as feel-scala does, since Zeebe quotes warnings in incident messages.
  const missing = warning.type === 'NO_VARIABLE_FOUND' ? /^Variable '(.*)' not found$/.exec(warning.message) : null;
  return { type: warning.type, message: missing ? `No variable found with name '${missing[1]}'` : warning.message };
}
