import { DmnModdle, type ModdleElement } from 'dmn-moddle';
import { feelSyntaxError } from '../feel/evaluate.js';
import type {
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

/** The resource is not a DMN model that Zeebe 8.8 would deploy; `reasons` name the elements. */
export class DmnParseError extends Error {
  constructor(readonly reasons: string[]) {
    super(reasons.join('\n'));
    this.name = 'DmnParseError';
  }
}

const HIT_POLICIES: readonly HitPolicy[] = ['UNIQUE', 'FIRST', 'PRIORITY', 'ANY', 'COLLECT', 'RULE ORDER', 'OUTPUT ORDER'];
const AGGREGATIONS: readonly Aggregation[] = ['SUM', 'MIN', 'MAX', 'COUNT'];
// The expression languages dmn-scala accepts as FEEL (it compares them lower-cased).
const FEEL_LANGUAGES = new Set([
  'feel',
  'http://www.omg.org/spec/feel/20140401',
  'https://www.omg.org/spec/dmn/20191111/feel/',
  'http://www.omg.org/spec/dmn/20180521/feel/',
]);

/**
 * Parses a DMN resource into its decision requirements graph, checking everything Zeebe
 * checks at deploy time: the FEEL syntax of every expression, the decision logic kinds Zeebe
 * runs (decision tables and literal expressions only), required decisions and their cycles.
 *
 * @throws DmnParseError listing every problem found.
 */
export async function parseDecisionRequirements(xml: string): Promise<DecisionRequirements> {
  let root: ModdleElement;
  try {
    ({ rootElement: root } = await new DmnModdle().fromXML(xml));
  } catch (error) {
    const warnings = (error as { warnings?: { message: string }[] }).warnings ?? [];
    const detail = warnings.length > 0 ? warnings[0].message.split('\n')[0] : (error as Error).message;
    throw new DmnParseError([`Failed to parse DMN: ${detail}`]);
  }
  if (root.$type !== 'dmn:Definitions') {
    throw new DmnParseError([`Failed to parse DMN: expected <definitions> as the root element, found <${root.$type}>`]);
  }

  const reasons: string[] = [];
  const id = text(root.id);
  if (!id) reasons.push('The DMN definitions have no id (the decision requirements id)');

  const elements = list(root.drgElement).filter((element) => element.$type === 'dmn:Decision');
  if (elements.length === 0) reasons.push(`The DMN definitions '${id}' contain no decision`);
  const decisions = elements.map((element) => parseDecision(element, reasons));

  const ids = new Set<string>();
  for (const decision of decisions) {
    if (ids.has(decision.id)) reasons.push(`Decision '${decision.id}': the id is used by another decision`);
    ids.add(decision.id);
  }
  for (const decision of decisions) {
    for (const required of decision.requiredDecisionIds) {
      if (!ids.has(required)) reasons.push(`Decision '${decision.id}': the required decision '${required}' does not exist`);
    }
  }
  if (hasCycle(decisions)) reasons.push('Invalid DMN model: Cyclic dependencies between decisions detected.');

  if (reasons.length > 0) throw new DmnParseError(reasons);
  return { id, name: text(root.name), namespace: text(root.namespace), decisions };
}

function parseDecision(element: ModdleElement, reasons: string[]): Decision {
  const id = text(element.id);
  if (!id) reasons.push(`A decision named '${text(element.name)}' has no id`);
  const where = `Decision '${id}'`;

  const requiredDecisionIds: string[] = [];
  for (const requirement of list(element.informationRequirement)) {
    const reference = requirement.requiredDecision as ModdleElement | undefined;
    if (reference) requiredDecisionIds.push(text(reference.href).replace(/^#/, ''));
  }
  if (list(element.knowledgeRequirement).length > 0) {
    reasons.push(`${where}: business knowledge models are not supported by Zeebe`);
  }

  const variable = element.variable as ModdleElement | undefined;
  const resultName = text(variable?.name) || id;
  const resultType = text(variable?.typeRef) || null;

  const logicElement = element.decisionLogic as ModdleElement | undefined;
  let logic: DecisionTable | LiteralExpression;
  if (logicElement?.$type === 'dmn:DecisionTable') {
    logic = parseDecisionTable(logicElement, where, reasons);
  } else if (logicElement?.$type === 'dmn:LiteralExpression') {
    logic = { type: 'LITERAL_EXPRESSION', expression: parseExpression(logicElement, where, reasons, false) };
  } else {
    reasons.push(
      logicElement
        ? `${where}: unsupported decision logic <${logicElement.$type.replace(/^dmn:/, '')}>; Zeebe supports decision tables and literal expressions`
        : `${where}: has no decision logic (a decision table or a literal expression)`,
    );
    logic = { type: 'LITERAL_EXPRESSION', expression: 'null' };
  }

  return { id, name: text(element.name), resultName, resultType, logic, requiredDecisionIds };
}

function parseDecisionTable(element: ModdleElement, where: string, reasons: string[]): DecisionTable {
  const hitPolicyText = text(element.hitPolicy) || 'UNIQUE';
  const hitPolicy = HIT_POLICIES.find((policy) => policy === hitPolicyText);
  if (!hitPolicy) reasons.push(`${where}: unknown hit policy '${hitPolicyText}'`);

  const aggregationText = text(element.aggregation);
  const aggregation = aggregationText ? (AGGREGATIONS.find((candidate) => candidate === aggregationText) ?? null) : null;
  if (aggregationText && !aggregation) reasons.push(`${where}: unknown aggregation '${aggregationText}'`);

  const inputs: DecisionTableInput[] = list(element.input).map((input) => {
    const inputWhere = `${where}, input '${text(input.id)}'`;
    const expressionElement = input.inputExpression as ModdleElement | undefined;
    const expression = expressionElement ? parseExpression(expressionElement, inputWhere, reasons, false) : missing(inputWhere, 'inputExpression', reasons);
    return { id: text(input.id), name: typeof input.label === 'string' ? input.label : expression.slice(0, 30), expression };
  });

  const outputs: DecisionTableOutput[] = list(element.output).map((output) => {
    const values = output.outputValues as ModdleElement | undefined;
    return {
      id: text(output.id),
      name: text(output.name),
      label: typeof output.label === 'string' ? output.label : null,
      outputValues: values ? text(values.text) || null : null,
    };
  });
  if (outputs.length === 0) reasons.push(`${where}: the decision table has no output`);
  if (outputs.length > 1) {
    for (const output of outputs) {
      if (!output.name) reasons.push(`${where}: no output name defined for output '${output.id}'`);
    }
    if (hitPolicy === 'COLLECT' && aggregation) {
      reasons.push(`${where}: hit policy 'COLLECT' with aggregator is not defined for compound output`);
    }
  }

  const rules: DecisionRule[] = list(element.rule).map((rule) => {
    const ruleWhere = `${where}, rule '${text(rule.id)}'`;
    const inputEntries = list(rule.inputEntry).map((entry) => {
      const tests = text(entry.text).trim();
      const error = tests === '' || tests === '-' ? null : feelSyntaxError(tests, 'unary-tests');
      if (error) reasons.push(`${ruleWhere}: FEEL unary-tests: ${error}`);
      return tests;
    });
    const outputEntries = list(rule.outputEntry).map((entry) => parseExpression(entry, ruleWhere, reasons, true));
    if (inputEntries.length !== inputs.length) {
      reasons.push(`${ruleWhere}: expected ${inputs.length} input entries but found ${inputEntries.length}`);
    }
    if (outputEntries.length !== outputs.length) {
      reasons.push(`${ruleWhere}: expected ${outputs.length} output entries but found ${outputEntries.length}`);
    }
    return { id: text(rule.id), inputEntries, outputEntries };
  });

  return { type: 'DECISION_TABLE', hitPolicy: hitPolicy ?? 'UNIQUE', aggregation, inputs, outputs, rules };
}

/** Checks a literal expression's language and FEEL syntax; answers its text. */
function parseExpression(element: ModdleElement, where: string, reasons: string[], mayBeEmpty: boolean): string {
  const language = text(element.expressionLanguage).toLowerCase();
  if (language && !FEEL_LANGUAGES.has(language)) {
    reasons.push(`${where}: Expression language '${language}' is not supported`);
    return '';
  }
  const expression = text(element.text).trim();
  if (expression === '') {
    // An empty output cell is common in tables drawn in the Modeler and yields null.
    return mayBeEmpty ? '' : missing(where, text(element.id), reasons);
  }
  const error = feelSyntaxError(expression, 'expression');
  if (error) reasons.push(`${where}: FEEL expression: ${error}`);
  return expression;
}

function missing(where: string, expressionId: string, reasons: string[]): string {
  reasons.push(`${where}: The expression '${expressionId}' must not be empty.`);
  return '';
}

function hasCycle(decisions: Decision[]): boolean {
  const required = new Map(decisions.map((decision) => [decision.id, decision.requiredDecisionIds]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const visit = (id: string): boolean => {
    if (visiting.has(id)) return true;
    if (done.has(id)) return false;
    visiting.add(id);
    const cyclic = (required.get(id) ?? []).some(visit);
    visiting.delete(id);
    done.add(id);
    return cyclic;
  };
  return decisions.some((decision) => visit(decision.id));
}

function list(value: unknown): ModdleElement[] {
  return Array.isArray(value) ? (value as ModdleElement[]) : [];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
