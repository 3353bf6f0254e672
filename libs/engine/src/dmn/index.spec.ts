import { describe, expect, it } from '@jest/globals';
import { definitions, parseTable, scoring, table } from '../../../../test/support/dmn-tables.js';
import { evaluateDecision, parseDecisionRequirements } from './index.js';

describe('evaluateDecision: hit policies', () => {
  it('UNIQUE answers the single matching rule with its inputs and outputs', async () => {
    const drg = await parseTable(scoring('UNIQUE'));
    const result = evaluateDecision(drg, 'decision', { kind: 'outreach', capacity: 10 });
    expect(result).toEqual({
      decisionId: 'decision',
      decisionName: 'Decision decision',
      decisionRequirementsId: 'planning',
      decisionOutput: '2',
      failedDecisionId: '',
      failureMessage: '',
      evaluatedDecisions: [
        {
          decisionId: 'decision',
          decisionName: 'Decision decision',
          decisionType: 'DECISION_TABLE',
          decisionOutput: '2',
          evaluatedInputs: [
            { inputId: 'decision_in1', inputName: 'Input 1', inputValue: '"outreach"' },
            { inputId: 'decision_in2', inputName: 'Input 2', inputValue: '10' },
          ],
          matchedRules: [
            { ruleId: 'decision_rule2', ruleIndex: 2, evaluatedOutputs: [{ outputId: 'decision_out1', outputName: 'score', outputValue: '2' }] },
          ],
        },
      ],
    });
  });

  it('UNIQUE answers null when no rule matches, and fails when two match', async () => {
    const drg = await parseTable(scoring('UNIQUE'));
    const none = evaluateDecision(drg, 'decision', { kind: 'daycare', capacity: 10 });
    expect(none.decisionOutput).toBe('null');
    expect(none.evaluatedDecisions[0].matchedRules).toEqual([]);
    expect(none.failedDecisionId).toBe('');

    const two = evaluateDecision(drg, 'decision', { kind: 'outreach', capacity: 18 });
    expect(two.failedDecisionId).toBe('decision');
    expect(two.failureMessage).toBe(
      "Expected to evaluate decision 'decision', but multiple values aren't allowed for UNIQUE hit policy. " +
        "found: 'List(Map(score -> ValNumber(2)), Map(score -> ValNumber(3)))'",
    );
    // The failed decision is reported with a null output and the rules that matched.
    expect(two.decisionOutput).toBe('null');
    expect(two.evaluatedDecisions).toHaveLength(1);
    expect(two.evaluatedDecisions[0]).toMatchObject({ decisionId: 'decision', decisionOutput: 'null' });
    expect(two.evaluatedDecisions[0].matchedRules.map((rule) => rule.ruleIndex)).toEqual([2, 3]);
    expect(two.evaluatedDecisions[0].evaluatedInputs).toHaveLength(2);
  });

  it('FIRST answers and reports only the first matching rule', async () => {
    const drg = await parseTable(scoring('FIRST'));
    const result = evaluateDecision(drg, 'decision', { kind: 'outreach', capacity: 18 });
    expect(result.decisionOutput).toBe('2');
    expect(result.evaluatedDecisions[0].matchedRules.map((rule) => rule.ruleIndex)).toEqual([2]);
    expect(evaluateDecision(drg, 'decision', { kind: 'x', capacity: 1 }).decisionOutput).toBe('null');
  });

  it('PRIORITY answers the match whose output comes first in the output values', async () => {
    const drg = await parseTable({
      hitPolicy: 'PRIORITY',
      inputs: ['capacity'],
      outputs: [{ name: 'level', values: '"high","medium","low"' }],
      rules: [
        [['> 0'], ['"low"']],
        [['> 10'], ['"medium"']],
        [['> 50'], ['"high"']],
      ],
    });
    expect(evaluateDecision(drg, 'decision', { capacity: 60 }).decisionOutput).toBe('"high"');
    const medium = evaluateDecision(drg, 'decision', { capacity: 20 });
    expect(medium.decisionOutput).toBe('"medium"');
    // Every matched rule is reported, in rule order.
    expect(medium.evaluatedDecisions[0].matchedRules.map((rule) => rule.ruleIndex)).toEqual([1, 2]);
    expect(evaluateDecision(drg, 'decision', { capacity: 0 }).decisionOutput).toBe('null');
  });

  it('PRIORITY keeps rule order for values missing from the output values', async () => {
    const drg = await parseTable({
      hitPolicy: 'PRIORITY',
      inputs: ['capacity'],
      outputs: [{ name: 'level', values: '"high"' }],
      rules: [
        [['> 0'], ['"other"']],
        [['> 0'], ['"unknown"']],
        [['> 10'], ['"high"']],
      ],
    });
    expect(evaluateDecision(drg, 'decision', { capacity: 5 }).decisionOutput).toBe('"other"');
    expect(evaluateDecision(drg, 'decision', { capacity: 20 }).decisionOutput).toBe('"high"');
  });

  it('ANY answers the value all matches agree on, and fails when they differ', async () => {
    const drg = await parseTable({
      hitPolicy: 'ANY',
      inputs: ['capacity'],
      outputs: [{ name: 'approved' }],
      rules: [
        [['> 10'], ['true']],
        [['> 20'], ['true']],
        [['> 50'], ['false']],
      ],
    });
    const agreed = evaluateDecision(drg, 'decision', { capacity: 30 });
    expect(agreed.decisionOutput).toBe('true');
    expect(agreed.evaluatedDecisions[0].matchedRules).toHaveLength(2);
    const differing = evaluateDecision(drg, 'decision', { capacity: 60 });
    expect(differing.failedDecisionId).toBe('decision');
    expect(differing.failureMessage).toBe(
      "Expected to evaluate decision 'decision', but different values aren't allowed for ANY hit policy. " +
        "found: 'List(Map(approved -> ValBoolean(true)), Map(approved -> ValBoolean(false)))'",
    );
    expect(evaluateDecision(drg, 'decision', { capacity: 1 }).decisionOutput).toBe('null');
  });

  it('COLLECT answers the list of all matches, and null when nothing matches (as dmn-scala)', async () => {
    const drg = await parseTable(scoring('COLLECT'));
    expect(evaluateDecision(drg, 'decision', { kind: 'outreach', capacity: 18 }).decisionOutput).toBe('[2,3]');
    expect(evaluateDecision(drg, 'decision', { kind: 'residential', capacity: 1 }).decisionOutput).toBe('[1]');
    const none = evaluateDecision(drg, 'decision', { kind: 'daycare', capacity: 1 });
    expect(none.decisionOutput).toBe('null');
    expect(none.failureMessage).toBe('');
  });

  it('COLLECT with SUM, MIN, MAX and COUNT aggregates the matched outputs', async () => {
    const variables = { kind: 'outreach', capacity: 18 };
    const outputOf = async (aggregation: string) =>
      evaluateDecision(await parseTable(scoring('COLLECT', aggregation)), 'decision', variables).decisionOutput;
    expect(await outputOf('SUM')).toBe('5');
    expect(await outputOf('MIN')).toBe('2');
    expect(await outputOf('MAX')).toBe('3');
    expect(await outputOf('COUNT')).toBe('2');
    // No match takes the no-match path: null, also for COUNT.
    const none = evaluateDecision(await parseTable(scoring('COLLECT', 'COUNT')), 'decision', { kind: 'x', capacity: 1 });
    expect(none.decisionOutput).toBe('null');
  });

  it('COLLECT with an aggregation fails on a value that is not a number', async () => {
    const drg = await parseTable({
      hitPolicy: 'COLLECT',
      aggregation: 'SUM',
      inputs: ['capacity'],
      outputs: [{ name: 'score' }],
      rules: [
        [['> 0'], ['1']],
        [['> 0'], ['"two"']],
      ],
    });
    const result = evaluateDecision(drg, 'decision', { capacity: 1 });
    expect(result.failedDecisionId).toBe('decision');
    expect(result.failureMessage).toBe("Expected to evaluate decision 'decision', but expected number but found 'ValString(two)'");
  });

  it('RULE ORDER answers all matches in rule order, as contexts for several outputs', async () => {
    const drg = await parseTable({
      hitPolicy: 'RULE ORDER',
      inputs: ['capacity'],
      outputs: [{ name: 'team' }, { name: 'priority' }],
      rules: [
        [['> 50'], ['"region"', '1']],
        [['> 10'], ['"district"', '2']],
        [['-'], ['"orp"', '3']],
      ],
    });
    const result = evaluateDecision(drg, 'decision', { capacity: 20 });
    expect(JSON.parse(result.decisionOutput)).toEqual([
      { team: 'district', priority: 2 },
      { team: 'orp', priority: 3 },
    ]);
    expect(result.evaluatedDecisions[0].matchedRules[0]).toEqual({
      ruleId: 'decision_rule2',
      ruleIndex: 2,
      evaluatedOutputs: [
        { outputId: 'decision_out1', outputName: 'team', outputValue: '"district"' },
        { outputId: 'decision_out2', outputName: 'priority', outputValue: '2' },
      ],
    });
  });

  it('OUTPUT ORDER answers all matches sorted by the output values', async () => {
    const drg = await parseTable({
      hitPolicy: 'OUTPUT ORDER',
      inputs: ['capacity'],
      outputs: [{ name: 'level', values: '"high","medium","low"' }],
      rules: [
        [['> 0'], ['"low"']],
        [['> 10'], ['"medium"']],
        [['> 50'], ['"high"']],
      ],
    });
    expect(evaluateDecision(drg, 'decision', { capacity: 60 }).decisionOutput).toBe('["high","medium","low"]');
    expect(evaluateDecision(drg, 'decision', { capacity: 5 }).decisionOutput).toBe('["low"]');
    expect(evaluateDecision(drg, 'decision', { capacity: 0 }).decisionOutput).toBe('null');
  });
});

describe('evaluateDecision: values and decisions', () => {
  it('answers a context for a single-result table with several outputs', async () => {
    const drg = await parseTable({
      inputs: ['kind'],
      outputs: [{ name: 'team' }, { name: 'deadline' }],
      rules: [[['"outreach"'], ['"district"', 'date("2027-01-31")']]],
    });
    const result = evaluateDecision(drg, 'decision', { kind: 'outreach' });
    expect(JSON.parse(result.decisionOutput)).toEqual({ team: 'district', deadline: '2027-01-31' });
  });

  it('treats an empty output cell as null and a missing input variable as null', async () => {
    const drg = await parseTable({
      inputs: ['kind'],
      outputs: [{ name: 'team' }, { name: 'note' }],
      rules: [
        [['null'], ['"unknown"', '']],
        [['-'], ['"any"', '"x"']],
      ],
      hitPolicy: 'FIRST',
    });
    const result = evaluateDecision(drg, 'decision', {});
    expect(JSON.parse(result.decisionOutput)).toEqual({ team: 'unknown', note: null });
    expect(result.evaluatedDecisions[0].evaluatedInputs[0].inputValue).toBe('null');
  });

  it('evaluates output entries as FEEL expressions over the variables', async () => {
    const drg = await parseTable({
      inputs: ['capacity'],
      outputs: [{ name: 'places' }],
      rules: [[['>= 10'], ['capacity * 2 + bonus']]],
    });
    expect(evaluateDecision(drg, 'decision', { capacity: 10, bonus: 1 }).decisionOutput).toBe('21');
  });

  it('evaluates a literal-expression decision, reading the engine clock', async () => {
    const drg = await parseDecisionRequirements(
      definitions(`<decision id="deadline" name="Deadline"><variable id="v" name="deadline" /><literalExpression id="e"><text>today() + duration("P14D")</text></literalExpression></decision>`),
    );
    const result = evaluateDecision(drg, 'deadline', {}, { now: new Date('2026-11-22T10:00:00Z') });
    expect(result).toEqual({
      decisionId: 'deadline',
      decisionName: 'Deadline',
      decisionRequirementsId: 'planning',
      decisionOutput: '"2026-12-06"',
      failedDecisionId: '',
      failureMessage: '',
      evaluatedDecisions: [
        {
          decisionId: 'deadline',
          decisionName: 'Deadline',
          decisionType: 'LITERAL_EXPRESSION',
          decisionOutput: '"2026-12-06"',
          evaluatedInputs: [],
          matchedRules: [],
        },
      ],
    });
  });

  it('evaluates required decisions first and exposes their results by variable name or id', async () => {
    const requires = (id: string) => `<informationRequirement id="req_${id}"><requiredDecision href="#${id}" /></informationRequirement>`;
    const drg = await parseDecisionRequirements(
      definitions(`
  <decision id="approval" name="Approval">${requires('score')}${requires('limit')}
    <literalExpression id="approval_expr"><text>if score >= maxScore then "approve" else "reject"</text></literalExpression>
  </decision>
  ${table({ id: 'score', hitPolicy: 'COLLECT', aggregation: 'SUM', inputs: ['capacity'], outputs: [{ name: 'points' }], rules: [[['> 10'], ['5']], [['> 20'], ['5']]] })}
  <decision id="limit" name="Limit"><variable id="limit_var" name="maxScore" /><literalExpression id="limit_expr"><text>8</text></literalExpression></decision>`),
    );
    const result = evaluateDecision(drg, 'approval', { capacity: 25 });
    expect(result.decisionOutput).toBe('"approve"');
    expect(result.evaluatedDecisions.map((d) => [d.decisionId, d.decisionType, d.decisionOutput])).toEqual([
      ['score', 'DECISION_TABLE', '10'],
      ['limit', 'LITERAL_EXPRESSION', '8'],
      ['approval', 'LITERAL_EXPRESSION', '"approve"'],
    ]);
    expect(evaluateDecision(drg, 'approval', { capacity: 15 }).decisionOutput).toBe('"reject"');
  });

  it('reports a failing required decision and keeps the decisions evaluated before it', async () => {
    const drg = await parseDecisionRequirements(
      definitions(`
  <decision id="top" name="Top"><informationRequirement id="r1"><requiredDecision href="#ok" /></informationRequirement><informationRequirement id="r2"><requiredDecision href="#decision" /></informationRequirement>
    <literalExpression id="top_expr"><text>decision</text></literalExpression>
  </decision>
  <decision id="ok" name="Ok"><literalExpression id="ok_expr"><text>1</text></literalExpression></decision>
  ${table(scoring('UNIQUE'))}`),
    );
    const result = evaluateDecision(drg, 'top', { kind: 'outreach', capacity: 18 });
    expect(result.failedDecisionId).toBe('decision');
    expect(result.failureMessage).toMatch(/^Expected to evaluate decision 'top', but multiple values aren't allowed for UNIQUE hit policy/);
    expect(result.decisionOutput).toBe('null');
    expect(result.evaluatedDecisions.map((d) => [d.decisionId, d.decisionOutput])).toEqual([
      ['ok', '1'],
      ['decision', 'null'],
    ]);
  });

  it('fails on a failed assert and on an unknown decision id', async () => {
    const drg = await parseDecisionRequirements(
      definitions(`<decision id="checked" name="Checked"><literalExpression id="e"><text>assert(amount, amount > 0, "amount must be positive")</text></literalExpression></decision>`),
    );
    const failed = evaluateDecision(drg, 'checked', { amount: -1 });
    expect(failed.failedDecisionId).toBe('checked');
    expect(failed.failureMessage).toMatch(/^Expected to evaluate decision 'checked', but failed to evaluate expression .*amount must be positive$/);
    expect(evaluateDecision(drg, 'checked', { amount: 2 }).decisionOutput).toBe('2');

    const unknown = evaluateDecision(drg, 'nope', {});
    expect(unknown).toMatchObject({ failedDecisionId: 'nope', failureMessage: "Expected to evaluate decision 'nope', but no decision found with id 'nope'" });
  });

  it('fails a decision whose result does not match its variable typeRef, after reporting the result', async () => {
    const drg = await parseDecisionRequirements(
      definitions(`<decision id="typed" name="Typed"><variable id="v" name="typed" typeRef="number" /><literalExpression id="e"><text>value</text></literalExpression></decision>`),
    );
    expect(evaluateDecision(drg, 'typed', { value: 3 }).decisionOutput).toBe('3');
    expect(evaluateDecision(drg, 'typed', { value: null }).decisionOutput).toBe('null');
    const failed = evaluateDecision(drg, 'typed', { value: 'three' });
    expect(failed.failureMessage).toBe("Expected to evaluate decision 'typed', but expected 'number' but found 'ValString(three)'");
    expect(failed.evaluatedDecisions.map((d) => d.decisionOutput)).toEqual(['"three"']);
  });

  it('names evaluated inputs by label, else by the expression cut to 30 characters, and outputs by label, else name', async () => {
    const drg = await parseDecisionRequirements(
      definitions(`<decision id="names" name="Names"><decisionTable id="t">
    <input id="labelled" label="Kind"><inputExpression id="e1"><text>kind</text></inputExpression></input>
    <input id="bare"><inputExpression id="e2"><text>intention.capacity + intention.extraCapacity</text></inputExpression></input>
    <output id="o1" name="team" label="Responsible team" /><output id="o2" name="priority" />
    <rule id="r"><inputEntry id="i1"><text>-</text></inputEntry><inputEntry id="i2"><text></text></inputEntry><outputEntry id="x1"><text>"orp"</text></outputEntry><outputEntry id="x2"><text>1</text></outputEntry></rule>
  </decisionTable></decision>`),
    );
    const [evaluated] = evaluateDecision(drg, 'names', { kind: 'a', intention: { capacity: 1, extraCapacity: 2 } }).evaluatedDecisions;
    expect(evaluated.evaluatedInputs).toEqual([
      { inputId: 'labelled', inputName: 'Kind', inputValue: '"a"' },
      { inputId: 'bare', inputName: 'intention.capacity + intention', inputValue: '3' },
    ]);
    expect(evaluated.matchedRules[0].evaluatedOutputs).toEqual([
      { outputId: 'o1', outputName: 'Responsible team', outputValue: '"orp"' },
      { outputId: 'o2', outputName: 'priority', outputValue: '1' },
    ]);
  });
});
