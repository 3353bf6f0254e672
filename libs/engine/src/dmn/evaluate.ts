import { FeelDate, FeelDateTime, FeelDuration, FeelTime } from 'feelin';
import { evaluateFeel, evaluateUnaryTestsFeel, FeelEvaluationError, type FeelOptions } from '../feel/evaluate.js';
import { toJsonValue } from '../feel/json.js';
import type { Decision, DecisionRequirements, DecisionTable, DecisionTableOutput } from './model.js';

// Shapes and field names follow gateway_protocol's EvaluateDecisionResponse; JSON values are strings.
export interface EvaluatedDecisionInput {
  inputId: string;
  inputName: string;
  inputValue: string;
}

export interface EvaluatedDecisionOutput {
  outputId: string;
  outputName: string;
  outputValue: string;
}

export interface MatchedDecisionRule {
  ruleId: string;
  /** Position of the rule in its table, from 1. */
  ruleIndex: number;
  evaluatedOutputs: EvaluatedDecisionOutput[];
}

export interface EvaluatedDecision {
  decisionId: string;
  decisionName: string;
  decisionType: 'DECISION_TABLE' | 'LITERAL_EXPRESSION';
  decisionOutput: string;
  matchedRules: MatchedDecisionRule[];
  evaluatedInputs: EvaluatedDecisionInput[];
}

/**
 * The outcome of evaluating a decision. Keys, versions and tenant are the engine's to add.
 * A failure does not throw: `failedDecisionId` and `failureMessage` are set (empty strings
 * otherwise, as proto3 sends them) and `evaluatedDecisions` ends with the failed decision.
 */
export interface DecisionEvaluationResult {
  decisionId: string;
  decisionName: string;
  decisionRequirementsId: string;
  decisionOutput: string;
  evaluatedDecisions: EvaluatedDecision[];
  failedDecisionId: string;
  failureMessage: string;
}

class DecisionFailure extends Error {
  constructor(
    readonly decisionId: string,
    message: string,
  ) {
    super(message);
  }
}

type OutputValues = Map<string, unknown>;

/**
 * Evaluates a decision with dmn-scala's semantics (the DMN engine inside Zeebe): required
 * decisions first, each result visible to dependents under the required decision's result
 * name (its variable name, else its id).
 */
export function evaluateDecision(
  drg: DecisionRequirements,
  decisionId: string,
  variables: Record<string, unknown>,
  options?: FeelOptions,
): DecisionEvaluationResult {
  const decisions = new Map(drg.decisions.map((decision) => [decision.id, decision]));
  const requested = decisions.get(decisionId);
  const evaluated: EvaluatedDecision[] = [];
  const result: DecisionEvaluationResult = {
    decisionId,
    decisionName: requested?.name ?? '',
    decisionRequirementsId: drg.id,
    decisionOutput: 'null',
    evaluatedDecisions: evaluated,
    failedDecisionId: '',
    failureMessage: '',
  };
  try {
    if (!requested) throw new DecisionFailure(decisionId, `no decision found with id '${decisionId}'`);
    result.decisionOutput = toJson(evaluate(requested, decisions, variables, evaluated, options));
  } catch (error) {
    if (!(error instanceof DecisionFailure)) throw error;
    result.failedDecisionId = error.decisionId;
    result.failureMessage = `Expected to evaluate decision '${decisionId}', but ${error.message}`;
  }
  return result;
}

function evaluate(
  decision: Decision,
  decisions: Map<string, Decision>,
  variables: Record<string, unknown>,
  evaluated: EvaluatedDecision[],
  options: FeelOptions | undefined,
): unknown {
  // dmn-scala evaluates a required decision again for each decision requiring it.
  const context: Record<string, unknown> = { ...variables };
  for (const requiredId of decision.requiredDecisionIds) {
    const required = decisions.get(requiredId);
    if (!required) throw new DecisionFailure(decision.id, `no decision found with id '${requiredId}'`);
    context[required.resultName] = evaluate(required, decisions, variables, evaluated, options);
  }

  // Like dmn-scala's audit log, a failed decision is reported too: output null, with the
  // inputs and matched rules it got as far as evaluating.
  const audit: EvaluatedDecision = {
    decisionId: decision.id,
    decisionName: decision.name,
    decisionType: decision.logic.type,
    decisionOutput: 'null',
    matchedRules: [],
    evaluatedInputs: [],
  };
  const logic = decision.logic;
  let value: unknown;
  try {
    value =
      logic.type === 'LITERAL_EXPRESSION'
        ? feel(decision.id, () => evaluateFeel(logic.expression, context, options).value)
        : evaluateTable(decision.id, logic, context, audit, options);
  } finally {
    evaluated.push(audit);
  }
  audit.decisionOutput = toJson(value);
  // The type check follows the audit, so a mistyped result is still reported as the output.
  const typeError = decision.resultType === null ? null : checkType(value, decision.resultType);
  if (typeError) throw new DecisionFailure(decision.id, typeError);
  return value;
}

function feel<T>(decisionId: string, evaluation: () => T): T {
  try {
    return evaluation();
  } catch (error) {
    if (error instanceof FeelEvaluationError) throw new DecisionFailure(decisionId, error.message);
    throw error;
  }
}

function evaluateTable(
  decisionId: string,
  table: DecisionTable,
  context: Record<string, unknown>,
  audit: EvaluatedDecision,
  options: FeelOptions | undefined,
): unknown {
  const inputValues = table.inputs.map((input) => feel(decisionId, () => evaluateFeel(input.expression, context, options).value));
  audit.evaluatedInputs = table.inputs.map((input, column) => ({
    inputId: input.id,
    inputName: input.name,
    inputValue: toJson(inputValues[column]),
  }));

  const matches: number[] = [];
  table.rules.forEach((rule, index) => {
    const matched = rule.inputEntries.every((tests, column) =>
      feel(decisionId, () => evaluateUnaryTestsFeel(tests, inputValues[column], context, options).matched),
    );
    if (matched) matches.push(index);
  });
  if (matches.length === 0) return null;

  // FIRST reports only the rule it picked; other policies report every matched rule.
  const picked = table.hitPolicy === 'FIRST' ? matches.slice(0, 1) : matches;
  const ruleOutputs = picked.map((index) =>
    table.rules[index].outputEntries.map((entry) =>
      entry === '' ? null : feel(decisionId, () => evaluateFeel(entry, context, options).value),
    ),
  );
  audit.matchedRules = picked.map((index, position) => ({
    ruleId: table.rules[index].id,
    ruleIndex: index + 1,
    evaluatedOutputs: table.outputs.map((output, column) => ({
      outputId: output.id,
      outputName: output.label ?? output.name,
      outputValue: toJson(ruleOutputs[position][column]),
    })),
  }));

  return applyHitPolicy(
    decisionId,
    table,
    ruleOutputs.map((values) => new Map(table.outputs.map((output, column) => [output.name, values[column]]))),
  );
}

function applyHitPolicy(decisionId: string, table: DecisionTable, values: OutputValues[]): unknown {
  switch (table.hitPolicy) {
    case 'FIRST':
      return single(values);
    case 'UNIQUE':
      if (values.length > 1) {
        throw new DecisionFailure(decisionId, `multiple values aren't allowed for UNIQUE hit policy. found: '${describeValues(values)}'`);
      }
      return single(values);
    case 'ANY': {
      const distinct = [...new Map(values.map((entry) => [toJson(toContext(entry)), entry])).values()];
      if (distinct.length > 1) {
        throw new DecisionFailure(decisionId, `different values aren't allowed for ANY hit policy. found: '${describeValues(distinct)}'`);
      }
      return single(values);
    }
    case 'PRIORITY':
      return single(sortByPriority(values, table.outputs));
    case 'OUTPUT ORDER':
      return multiple(sortByPriority(values, table.outputs));
    case 'RULE ORDER':
      return multiple(values);
    case 'COLLECT':
      return collect(decisionId, table, values);
  }
}

function collect(decisionId: string, table: DecisionTable, values: OutputValues[]): unknown {
  if (table.aggregation === null) return multiple(values);
  if (table.aggregation === 'COUNT') return values.length;
  const numbers = values.map((entry) => {
    const [value] = entry.values();
    if (typeof value !== 'number') throw new DecisionFailure(decisionId, `expected number but found '${describeVal(value)}'`);
    return value;
  });
  if (table.aggregation === 'SUM') return numbers.reduce((sum, n) => sum + n, 0);
  return table.aggregation === 'MIN' ? Math.min(...numbers) : Math.max(...numbers);
}

/** One rule's result: the bare value for a single output, else a context keyed by output name. */
function single(values: OutputValues[]): unknown {
  return values.length === 0 ? null : unwrap(values[0]);
}

function multiple(values: OutputValues[]): unknown {
  return values.map(unwrap);
}

function unwrap(entry: OutputValues): unknown {
  return entry.size === 1 ? [...entry.values()][0] : toContext(entry);
}

function toContext(entry: OutputValues): Record<string, unknown> {
  return Object.fromEntries(entry);
}

/**
 * dmn-scala's ordering, kept as it is for fidelity: each output value is replaced by its
 * position in the output's `outputValues` list ('_' when absent or not a string or number),
 * the positions are concatenated, and the rules sorted by that text (stable).
 */
function sortByPriority(values: OutputValues[], outputs: DecisionTableOutput[]): OutputValues[] {
  const priorities = outputs.map((output) => {
    const list = output.outputValues === null ? [] : output.outputValues.split(',').map((value) => value.trim().replace(/["']/g, ''));
    return { name: output.name, positions: new Map(list.map((value, index) => [value, String(index)])) };
  });
  const keyOf = (entry: OutputValues): string =>
    priorities
      .map(({ name, positions }) => {
        const value = entry.get(name);
        return typeof value === 'string' || typeof value === 'number' ? (positions.get(String(value)) ?? '_') : '_';
      })
      .join('');
  return values
    .map((entry) => ({ entry, key: keyOf(entry) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ entry }) => entry);
}

/**
 * dmn-scala's type check of a decision result against its variable's typeRef (with or
 * without the "feel:" prefix); null and unknown types pass.
 */
function checkType(value: unknown, typeRef: string): string | null {
  const type = typeRef.replace(/^feel:/, '');
  const checks: Record<string, (v: unknown) => boolean> = {
    string: (v) => typeof v === 'string',
    number: (v) => typeof v === 'number',
    boolean: (v) => typeof v === 'boolean',
    time: (v) => v instanceof FeelTime,
    date: (v) => v instanceof FeelDate,
    dateTime: (v) => v instanceof FeelDateTime,
    dayTimeDuration: (v) => v instanceof FeelDuration && !v.yearsMonths,
    yearMonthDuration: (v) => v instanceof FeelDuration && v.yearsMonths,
  };
  const check = checks[type];
  if (value === null || !check || check(value)) return null;
  return `expected '${type}' but found '${describeVal(value)}'`;
}

/** Renders values as dmn-scala's failure messages do (Scala's toString of FEEL values). */
function describeVal(value: unknown): string {
  if (value === null || value === undefined) return 'ValNull';
  if (typeof value === 'string') return `ValString(${value})`;
  if (typeof value === 'number') return `ValNumber(${value})`;
  if (typeof value === 'boolean') return `ValBoolean(${value})`;
  if (Array.isArray(value)) return `ValList(List(${value.map(describeVal).join(', ')}))`;
  if (value instanceof FeelDuration) return toJsonValue(value) as string;
  if (value instanceof FeelDate) return `ValDate(${value.iso})`;
  if (value instanceof FeelDateTime) return `${value.zone === null ? 'ValLocalDateTime' : 'ValDateTime'}(${toJsonValue(value) as string})`;
  if (value instanceof FeelTime) return `${value.zone === null ? 'ValLocalTime' : 'ValTime'}(${toJsonValue(value) as string})`;
  return `ValContext(${toJson(value)})`;
}

function describeValues(values: OutputValues[]): string {
  const map = (entry: OutputValues): string => `Map(${[...entry].map(([name, value]) => `${name} -> ${describeVal(value)}`).join(', ')})`;
  return `List(${values.map(map).join(', ')})`;
}

function toJson(value: unknown): string {
  return JSON.stringify(toJsonValue(value));
}
