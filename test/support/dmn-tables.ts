import { expect } from '@jest/globals';
import { DmnParseError, parseDecisionRequirements, type DecisionRequirements } from '../../libs/engine/src/dmn/index.js';

// Decision tables for the DMN unit specs, written from a short description.

export const definitions = (body: string, id = 'planning'): string =>
  `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:modeler="http://camunda.org/schema/modeler/1.0"
  id="${id}" name="Planning decisions" namespace="http://camunda.org/schema/1.0/dmn" modeler:executionPlatform="Camunda Cloud">
${body}
</definitions>`;

export interface TableSpec {
  id?: string;
  hitPolicy?: string;
  aggregation?: string;
  inputs: string[];
  outputs: { name: string; label?: string; values?: string }[];
  rules: [string[], string[]][];
  extra?: string;
}

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const table = ({ id = 'decision', hitPolicy, aggregation, inputs, outputs, rules, extra = '' }: TableSpec): string => `
  <decision id="${id}" name="Decision ${id}">${extra}
    <decisionTable id="${id}_table"${hitPolicy ? ` hitPolicy="${hitPolicy}"` : ''}${aggregation ? ` aggregation="${aggregation}"` : ''}>
${inputs.map((expression, i) => `      <input id="${id}_in${i + 1}" label="Input ${i + 1}"><inputExpression id="${id}_ie${i + 1}" typeRef="string"><text>${escape(expression)}</text></inputExpression></input>`).join('\n')}
${outputs
  .map(
    (output, i) =>
      `      <output id="${id}_out${i + 1}" name="${output.name}"${output.label ? ` label="${output.label}"` : ''} typeRef="string">${output.values ? `<outputValues id="${id}_ov${i + 1}"><text>${escape(output.values)}</text></outputValues>` : ''}</output>`,
  )
  .join('\n')}
${rules
  .map(
    ([entries, results], r) =>
      `      <rule id="${id}_rule${r + 1}">${entries.map((text, i) => `<inputEntry id="${id}_r${r + 1}i${i + 1}"><text>${escape(text)}</text></inputEntry>`).join('')}${results.map((text, i) => `<outputEntry id="${id}_r${r + 1}o${i + 1}"><text>${escape(text)}</text></outputEntry>`).join('')}</rule>`,
  )
  .join('\n')}
    </decisionTable>
  </decision>`;

export const parseTable = (spec: TableSpec): Promise<DecisionRequirements> => parseDecisionRequirements(definitions(table(spec)));

export const reasonsOf = async (xml: string): Promise<string[]> => {
  try {
    await parseDecisionRequirements(xml);
  } catch (error) {
    expect(error).toBeInstanceOf(DmnParseError);
    return (error as DmnParseError).reasons;
  }
  throw new Error('expected a DmnParseError');
};

// Scores an intention by its kind and capacity; rules 2 and 3 overlap for capacity 15-20.
export const scoring = (hitPolicy?: string, aggregation?: string): TableSpec => ({
  hitPolicy,
  aggregation,
  inputs: ['kind', 'capacity'],
  outputs: [{ name: 'score' }],
  rules: [
    [['"residential"', '-'], ['1']],
    [['"outreach"', '< 20'], ['2']],
    [['"outreach"', '[15..30]'], ['3']],
    [['-', '> 100'], ['4']],
  ],
});

