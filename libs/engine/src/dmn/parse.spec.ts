import { describe, expect, it } from '@jest/globals';
import { definitions, parseTable, reasonsOf, scoring, table } from '../../../../test/support/dmn-tables.js';
import { parseDecisionRequirements } from './index.js';

describe('parseDecisionRequirements', () => {
  it('reads the graph, its decisions, tables and literal expressions', async () => {
    const drg = await parseDecisionRequirements(
      definitions(`${table({ ...scoring('FIRST'), extra: '<informationRequirement id="ir"><requiredDecision href="#limit" /></informationRequirement>' })}
  <decision id="limit" name="Limit"><variable id="limit_var" name="maxCapacity" typeRef="number" /><literalExpression id="limit_expr"><text>100</text></literalExpression></decision>
  <inputData id="input" name="Capacity" />`),
    );
    expect(drg).toMatchObject({ id: 'planning', name: 'Planning decisions', namespace: 'http://camunda.org/schema/1.0/dmn' });
    expect(drg.decisions.map((d) => [d.id, d.name, d.resultName, d.logic.type, d.requiredDecisionIds])).toEqual([
      ['decision', 'Decision decision', 'decision', 'DECISION_TABLE', ['limit']],
      ['limit', 'Limit', 'maxCapacity', 'LITERAL_EXPRESSION', []],
    ]);
    expect(drg.decisions[0].logic).toMatchObject({
      hitPolicy: 'FIRST',
      aggregation: null,
      inputs: [
        { id: 'decision_in1', name: 'Input 1', expression: 'kind' },
        { id: 'decision_in2', name: 'Input 2', expression: 'capacity' },
      ],
      outputs: [{ id: 'decision_out1', name: 'score', outputValues: null }],
    });
  });

  it('defaults the hit policy to UNIQUE', async () => {
    const drg = await parseTable(scoring());
    expect(drg.decisions[0].logic).toMatchObject({ type: 'DECISION_TABLE', hitPolicy: 'UNIQUE' });
  });

  it('rejects content that is not DMN XML', async () => {
    expect(await reasonsOf('<definitions')).toEqual([expect.stringMatching(/^Failed to parse DMN: /)]);
    expect(await reasonsOf('<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="x"/>')).toEqual([
      expect.stringMatching(/^Failed to parse DMN: /),
    ]);
  });

  it('rejects a graph without decisions', async () => {
    expect(await reasonsOf(definitions('<inputData id="x" name="X" />'))).toEqual(["The DMN definitions 'planning' contain no decision"]);
  });

  it('names the rule and entry of every FEEL syntax error', async () => {
    const reasons = await reasonsOf(
      definitions(
        table({
          inputs: ['amount +'],
          outputs: [{ name: 'a' }],
          rules: [
            [['[1..'], ['"ok"']],
            [['> 1'], ['if x then']],
          ],
        }),
      ),
    );
    expect(reasons).toEqual([
      "Decision 'decision', input 'decision_in1': FEEL expression: failed to parse expression 'amount +': syntax error at position 8",
      "Decision 'decision', rule 'decision_rule1': FEEL unary-tests: failed to parse unary-tests '[1..': syntax error at position 4",
      "Decision 'decision', rule 'decision_rule2': FEEL expression: failed to parse expression 'if x then': syntax error at position 9",
    ]);
  });

  it('rejects decision logic Zeebe does not run', async () => {
    const reasons = await reasonsOf(
      definitions(`<decision id="ctx" name="Ctx"><context id="c"><contextEntry id="e"><variable id="v" name="a" /><literalExpression id="l"><text>1</text></literalExpression></contextEntry></context></decision>
  <decision id="empty" name="Empty" />`),
    );
    expect(reasons).toEqual([
      "Decision 'ctx': unsupported decision logic <Context>; Zeebe supports decision tables and literal expressions",
      "Decision 'empty': has no decision logic (a decision table or a literal expression)",
    ]);
  });

  it('rejects empty or non-FEEL literal expressions', async () => {
    const reasons = await reasonsOf(
      definitions(`<decision id="a" name="A"><literalExpression id="a_expr"><text>  </text></literalExpression></decision>
  <decision id="b" name="B"><literalExpression id="b_expr" expressionLanguage="javascript"><text>1</text></literalExpression></decision>`),
    );
    expect(reasons).toEqual([
      "Decision 'a': The expression 'a_expr' must not be empty.",
      "Decision 'b': Expression language 'javascript' is not supported",
    ]);
  });

  it('rejects missing and cyclic required decisions', async () => {
    const requires = (id: string): string => `<informationRequirement id="ir_${Math.random().toString(36).slice(2)}"><requiredDecision href="#${id}" /></informationRequirement>`;
    expect(
      await reasonsOf(definitions(`<decision id="a" name="A">${requires('nowhere')}<literalExpression id="ae"><text>1</text></literalExpression></decision>`)),
    ).toEqual(["Decision 'a': the required decision 'nowhere' does not exist"]);
    expect(
      await reasonsOf(
        definitions(`<decision id="a" name="A">${requires('b')}<literalExpression id="ae"><text>b</text></literalExpression></decision>
  <decision id="b" name="B">${requires('a')}<literalExpression id="be"><text>a</text></literalExpression></decision>`),
      ),
    ).toEqual(['Invalid DMN model: Cyclic dependencies between decisions detected.']);
  });

  it('rejects tables with unnamed compound outputs, aggregated compound outputs, unknown hit policies and misshaped rules', async () => {
    expect(
      await reasonsOf(definitions(table({ hitPolicy: 'COLLECT', aggregation: 'SUM', inputs: ['a'], outputs: [{ name: 'x' }, { name: '' }], rules: [] }))),
    ).toEqual([
      "Decision 'decision': no output name defined for output 'decision_out2'",
      "Decision 'decision': hit policy 'COLLECT' with aggregator is not defined for compound output",
    ]);
    expect(await reasonsOf(definitions(table({ hitPolicy: 'SOMETIMES', inputs: ['a'], outputs: [{ name: 'x' }], rules: [] })))).toEqual([
      "Decision 'decision': unknown hit policy 'SOMETIMES'",
    ]);
    expect(await reasonsOf(definitions(table({ inputs: ['a', 'b'], outputs: [{ name: 'x' }], rules: [[['1'], ['1', '2']]] })))).toEqual([
      "Decision 'decision', rule 'decision_rule1': expected 2 input entries but found 1",
      "Decision 'decision', rule 'decision_rule1': expected 1 output entries but found 2",
    ]);
  });
});
