import type { ModdleElement } from './moddle.js';

export interface DecisionTableRule {
  id: string;
  /** FEEL unary tests, one per input, as written (`-` matches anything). */
  inputEntries: string[];
  /** FEEL expressions, one per output. */
  outputEntries: string[];
  description?: string;
}

export interface DecisionTable {
  hitPolicy: string;
  /** The input expressions, e.g. `serviceType`. */
  inputs: string[];
  /** The output names, e.g. `rate`. */
  outputs: string[];
  rules: DecisionTableRule[];
}

export interface DecisionUse {
  decisionId: string;
  name: string;
  /** Absent for decisions given by a literal expression. */
  table?: DecisionTable;
}

interface Moddle {
  fromXML(xml: string, typeName?: string): Promise<{ rootElement: ModdleElement; warnings: Error[] }>;
}

// dmn-moddle ships no declaration for its entry point; a non-literal specifier keeps the
// compiler from demanding one, the interface above states the part used here.
const DMN_MODDLE = 'dmn-moddle';

let moddle: Promise<Moddle> | undefined;

/**
 * Lists the decisions of a DMN model with their decision tables, so deploy checks can tell
 * whether every `zeebe:calledDecision` resolves and tests can evaluate a table's rules.
 * Rejects when the XML is not DMN or not readable as a whole.
 */
export async function inspectDmn(xml: string): Promise<DecisionUse[]> {
  moddle ??= import(DMN_MODDLE).then(({ DmnModdle }: { DmnModdle: () => Moddle }) => DmnModdle());
  const { rootElement, warnings } = await (await moddle).fromXML(xml, 'dmn:Definitions');
  if (warnings.length > 0) throw new Error(`Unreadable DMN: ${warnings.map((warning) => warning.message).join('; ')}`);

  return list(rootElement.drgElement)
    .filter((element) => element.$type === 'dmn:Decision')
    .map((decision) => {
      const logic = decision.decisionLogic as ModdleElement | undefined;
      return {
        decisionId: String(decision.id),
        name: String(decision.name ?? ''),
        ...(logic?.$type === 'dmn:DecisionTable' ? { table: table(logic) } : {}),
      };
    });
}

function table(logic: ModdleElement): DecisionTable {
  return {
    hitPolicy: String(logic.hitPolicy ?? 'UNIQUE'),
    inputs: list(logic.input).map((input) => text(input.inputExpression)),
    outputs: list(logic.output).map((output) => String(output.name ?? '')),
    rules: list(logic.rule).map((rule) => ({
      id: String(rule.id),
      inputEntries: list(rule.inputEntry).map(text),
      outputEntries: list(rule.outputEntry).map(text),
      ...(rule.description ? { description: String(rule.description) } : {}),
    })),
  };
}

function text(element: unknown): string {
  return String((element as ModdleElement | undefined)?.text ?? '').trim();
}

function list(value: unknown): ModdleElement[] {
  return Array.isArray(value) ? (value as ModdleElement[]) : [];
}
