import { describe, expect, it } from '@jest/globals';
import { dmn, useEngineUnderTest, type EngineUnderTest } from './support.js';

/** DMN decisions through DeployResource and EvaluateDecision: one test per hit policy, literal expressions, required decisions. */
let subject: EngineUnderTest;
useEngineUnderTest((started) => ({ subject } = started));

interface Table {
  hitPolicy?: string;
  aggregation?: string;
  outputs?: { name: string; values?: string }[];
  rules: [string, string[]][];
}

/** A decision table over `capacity` (number) whose rules are [input entry, output entries]. */
function table(id: string, { hitPolicy, aggregation, outputs = [{ name: 'result' }], rules }: Table): string {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<decision id="${id}" name="${id} decision"><decisionTable id="${id}Table"${hitPolicy ? ` hitPolicy="${hitPolicy}"` : ''}${aggregation ? ` aggregation="${aggregation}"` : ''}>
    <input id="${id}Input" label="Capacity"><inputExpression id="${id}InputExpression" typeRef="number"><text>capacity</text></inputExpression></input>
    ${outputs.map((output, i) => `<output id="${id}Output${i}" name="${output.name}" typeRef="string">${output.values ? `<outputValues id="${id}Values${i}"><text>${escape(output.values)}</text></outputValues>` : ''}</output>`).join('')}
    ${rules.map(([entry, results], r) => `<rule id="${id}Rule${r + 1}"><inputEntry id="${id}In${r + 1}"><text>${escape(entry)}</text></inputEntry>${results.map((result, o) => `<outputEntry id="${id}Out${r + 1}_${o}"><text>${escape(result)}</text></outputEntry>`).join('')}</rule>`).join('')}
  </decisionTable></decision>`;
}

async function deploy(drgId: string, body: string): Promise<void> {
  await subject.sdk.deployResource({ decision: dmn(drgId, body), name: `${drgId}.dmn` });
}

async function evaluate(decisionId: string, capacity: number) {
  return subject.sdk.evaluateDecision({ decisionId, variables: { capacity } });
}

const levels: [string, string[]][] = [
  ['> 0', ['"low"']],
  ['> 10', ['"medium"']],
  ['> 50', ['"high"']],
];

describe('hit policies', () => {
  it('UNIQUE: the one matching rule; null without a match; two matches fail the evaluation with the reason', async () => {
    await deploy('hpUnique', table('unique', { rules: [['< 10', ['"small"']], ['[10..20]', ['"medium"']], ['>= 20', ['"large"']], ['20', ['"exactly 20"']]] }));
    const medium = await evaluate('unique', 15);
    expect(medium).toMatchObject({ decisionId: 'unique', decisionName: 'unique decision', decisionVersion: 1, decisionRequirementsId: 'hpUnique', decisionOutput: '"medium"', failedDecisionId: '', failureMessage: '' });
    expect(medium.evaluatedDecisions).toEqual([
      expect.objectContaining({
        decisionId: 'unique',
        decisionType: 'DECISION_TABLE',
        decisionOutput: '"medium"',
        evaluatedInputs: [expect.objectContaining({ inputId: 'uniqueInput', inputName: 'Capacity', inputValue: '15' })],
        matchedRules: [expect.objectContaining({ ruleId: 'uniqueRule2', ruleIndex: 2, evaluatedOutputs: [expect.objectContaining({ outputName: 'result', outputValue: '"medium"' })] })],
      }),
    ]);
    expect((await evaluate('unique', -5)).decisionOutput).toBe('"small"');
    const twice = await evaluate('unique', 20);
    expect(twice).toMatchObject({ failedDecisionId: 'unique', decisionOutput: 'null' });
    expect(twice.failureMessage).toBe(
      "Expected to evaluate decision 'unique', but multiple values aren't allowed for UNIQUE hit policy. found: 'List(Map(result -> ValString(medium)), Map(result -> ValString(large)), Map(result -> ValString(exactly 20)))'",
    );
  });

  it('FIRST: the first matching rule in table order', async () => {
    await deploy('hpFirst', table('first', { hitPolicy: 'FIRST', rules: levels }));
    expect((await evaluate('first', 60)).decisionOutput).toBe('"low"');
    expect((await evaluate('first', 0)).decisionOutput).toBe('null');
  });

  it('PRIORITY: the match whose output comes first among the output values', async () => {
    await deploy('hpPriority', table('priority', { hitPolicy: 'PRIORITY', outputs: [{ name: 'level', values: '"high","medium","low"' }], rules: levels }));
    expect((await evaluate('priority', 60)).decisionOutput).toBe('"high"');
    expect((await evaluate('priority', 20)).decisionOutput).toBe('"medium"');
  });

  it('ANY: the value all matches agree on; different values fail', async () => {
    await deploy('hpAny', table('any', { hitPolicy: 'ANY', rules: [['> 10', ['"yes"']], ['> 20', ['"yes"']], ['> 50', ['"no"']]] }));
    expect((await evaluate('any', 30)).decisionOutput).toBe('"yes"');
    const differing = await evaluate('any', 60);
    expect(differing.failedDecisionId).toBe('any');
    expect(differing.failureMessage).toContain("different values aren't allowed for ANY hit policy");
  });

  it('COLLECT: every match as a list, and the SUM, MIN, MAX and COUNT aggregations', async () => {
    const rules: [string, string[]][] = [['> 0', ['1']], ['> 10', ['5']], ['> 50', ['20']]];
    await deploy(
      'hpCollect',
      ['', 'SUM', 'MIN', 'MAX', 'COUNT'].map((aggregation) => table(`collect${aggregation}`, { hitPolicy: 'COLLECT', aggregation: aggregation || undefined, rules })).join(''),
    );
    expect((await evaluate('collect', 60)).decisionOutput).toBe('[1,5,20]');
    expect((await evaluate('collectSUM', 60)).decisionOutput).toBe('26');
    expect((await evaluate('collectMIN', 60)).decisionOutput).toBe('1');
    expect((await evaluate('collectMAX', 60)).decisionOutput).toBe('20');
    expect((await evaluate('collectCOUNT', 20)).decisionOutput).toBe('2');
  });

  it('RULE ORDER: every match in rule order, as contexts for several outputs', async () => {
    const outputs = [{ name: 'team' }, { name: 'priority' }];
    await deploy('hpRuleOrder', table('ruleOrder', { hitPolicy: 'RULE ORDER', outputs, rules: [['> 50', ['"region"', '1']], ['> 10', ['"district"', '2']], ['-', ['"orp"', '3']]] }));
    const result = await evaluate('ruleOrder', 20);
    expect(JSON.parse(result.decisionOutput)).toEqual([
      { team: 'district', priority: 2 },
      { team: 'orp', priority: 3 },
    ]);
    expect(result.evaluatedDecisions[0].matchedRules.map((rule) => rule.ruleIndex)).toEqual([2, 3]);
  });

  it('OUTPUT ORDER: every match sorted by the output values (zeebe-node evaluates)', async () => {
    await deploy('hpOutputOrder', table('outputOrder', { hitPolicy: 'OUTPUT ORDER', outputs: [{ name: 'level', values: '"high","medium","low"' }], rules: levels }));
    const result = await subject.zbc.evaluateDecision({ decisionId: 'outputOrder', variables: { capacity: 60 } });
    expect(result.decisionOutput).toBe('["high","medium","low"]');
  });
});

describe('decisions', () => {
  it('a literal expression decision and a table that requires it; every evaluated decision is reported with its key and version', async () => {
    await deploy(
      'required',
      `<decision id="threshold" name="Threshold"><variable id="v" name="threshold" typeRef="number"/><literalExpression id="l"><text>base * 2</text></literalExpression></decision>
       <decision id="verdict" name="Verdict"><informationRequirement id="ir"><requiredDecision href="#threshold"/></informationRequirement>
         <decisionTable id="vt"><input id="vi" label="Capacity"><inputExpression id="vie" typeRef="number"><text>capacity &gt;= threshold</text></inputExpression></input>
         <output id="vo" name="verdict" typeRef="string"/>
         <rule id="vr1"><inputEntry id="vr1i"><text>true</text></inputEntry><outputEntry id="vr1o"><text>"enough"</text></outputEntry></rule>
         <rule id="vr2"><inputEntry id="vr2i"><text>false</text></inputEntry><outputEntry id="vr2o"><text>"too small"</text></outputEntry></rule></decisionTable></decision>`,
    );
    const result = await subject.sdk.evaluateDecision({ decisionId: 'verdict', variables: { base: 10, capacity: 25 } });
    expect(result.decisionOutput).toBe('"enough"');
    expect(result.evaluatedDecisions.map((decision) => [decision.decisionId, decision.decisionType, decision.decisionOutput, decision.decisionVersion])).toEqual([
      ['threshold', 'LITERAL_EXPRESSION', '20', 1],
      ['verdict', 'DECISION_TABLE', '"enough"', 1],
    ]);
    expect(result.evaluatedDecisions.every((decision) => /^\d+$/.test(decision.decisionKey))).toBe(true);
  });

  it('evaluates by decision key, and rejects an unknown key (an absent one is key 0)', async () => {
    const deployed = await subject.sdk.deployResource({ decision: dmn('byKeyDrg', table('byKey', { hitPolicy: 'FIRST', rules: levels })), name: 'byKey.dmn' });
    const decisionKey = (deployed.deployments[0] as unknown as { decision: { decisionKey: string } }).decision.decisionKey;
    expect((await subject.sdk.evaluateDecision({ decisionKey, variables: { capacity: 5 } })).decisionOutput).toBe('"low"');
    await expect(subject.sdk.evaluateDecision({ decisionKey: '2251799813685000', variables: {} })).rejects.toThrow(
      "Expected to evaluate decision '2251799813685000', but no decision found for key '2251799813685000'",
    );
    // Without an id the key decides; proto3 sends an absent key as 0, so Zeebe looks up key 0.
    await expect(subject.zbc.evaluateDecision({ decisionId: '', variables: {} } as never)).rejects.toThrow(/NOT_FOUND[\s\S]*no decision found for key '0'/);
  });

  it('an invalid DMN resource is rejected with the reasons', async () => {
    const invalid = dmn('invalid', table('invalidTable', { rules: [['[1..', ['"x"']]] }));
    await expect(subject.sdk.deployResource({ decision: invalid, name: 'invalid.dmn' })).rejects.toThrow(/invalid\.dmn[\s\S]*invalidTableRule1[\s\S]*syntax error/);
  });
});
