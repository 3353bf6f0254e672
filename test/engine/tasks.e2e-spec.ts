import { describe, expect, it } from '@jest/globals';
import {
  bpmn,
  chain,
  dmn,
  end,
  escape,
  finalVariables,
  incidentsOf,
  io,
  isCompleted,
  lifecycle,
  start,
  useEngineUnderTest,
  type EngineDriver,
  type EngineUnderTest,
} from './support.js';

/** Script, send, manual, undefined and business rule tasks, and message throw events, through @camunda8/sdk. */
let subject: EngineUnderTest;
let drive: EngineDriver;
useEngineUnderTest((started) => ({ subject, drive } = started));

const taskDefinition = (type: string) => `<bpmn:extensionElements><zeebe:taskDefinition type="${type}"/></bpmn:extensionElements>`;

describe('script task', () => {
  it('evaluates its FEEL expression into the result variable', async () => {
    const script = `<bpmn:scriptTask id="sum"><bpmn:extensionElements><zeebe:script expression="${escape('=sum(for item in items return item.cost)')}" resultVariable="total"/></bpmn:extensionElements></bpmn:scriptTask>`;
    await drive.deploy('script', bpmn('script', `${start()}${script}${end()}${chain('start', 'sum', 'end')}`));
    const instance = await drive.run('script', { items: [{ cost: 120 }, { cost: 80 }] });
    expect(await isCompleted(subject, instance)).toBe(true);
    expect(await finalVariables(subject, instance)).toMatchObject({ total: 200 });
    expect(await lifecycle(subject, instance, 'sum')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
  });

  it('a failing expression is an incident; resolving it after fixing the variables runs the script again', async () => {
    const script = `<bpmn:scriptTask id="check"><bpmn:extensionElements><zeebe:script expression="${escape('=assert(amount, amount > 0)')}" resultVariable="checked"/></bpmn:extensionElements></bpmn:scriptTask>`;
    await drive.deploy('scriptFails', bpmn('scriptFails', `${start()}${script}${end()}${chain('start', 'check', 'end')}`));
    const instance = await drive.run('scriptFails', { amount: -1 });
    const [incident] = await incidentsOf(subject, instance);
    expect(incident).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'check' });
    expect(incident.errorMessage).toContain("Expected to evaluate expression 'assert(amount, amount > 0)', but failed");
    await subject.sdk.setVariables({ elementInstanceKey: instance, variables: { amount: 5 }, local: false });
    await subject.sdk.resolveIncident({ incidentKey: incident.key });
    expect(await isCompleted(subject, instance)).toBe(true);
    expect(await finalVariables(subject, instance)).toMatchObject({ checked: 5 });
  });

  it('with a task definition instead, a job worker runs it', async () => {
    await drive.deploy('scriptJob', bpmn('scriptJob', `${start()}<bpmn:scriptTask id="s">${taskDefinition('script-worker')}</bpmn:scriptTask>${end()}${chain('start', 's', 'end')}`));
    const instance = await drive.run('scriptJob');
    await drive.completeOne('script-worker', { ran: true });
    expect(await isCompleted(subject, instance)).toBe(true);
  });
});

describe('send task and message throw events are jobs, as in Zeebe', () => {
  it('send task, intermediate message throw event and message end event each create a job of their type', async () => {
    const model = bpmn(
      'sending',
      `${start()}<bpmn:sendTask id="announce">${taskDefinition('announce')}</bpmn:sendTask>
       <bpmn:intermediateThrowEvent id="notify">${taskDefinition('notify')}<bpmn:messageEventDefinition/></bpmn:intermediateThrowEvent>
       <bpmn:endEvent id="done">${taskDefinition('confirm')}<bpmn:messageEventDefinition/></bpmn:endEvent>
       ${chain('start', 'announce', 'notify', 'done')}`,
    );
    await drive.deploy('sending', model);
    const instance = await drive.run('sending', { intentionId: 'I-1' });
    const announce = await drive.completeOne('announce');
    expect(announce).toMatchObject({ elementId: 'announce', variables: { intentionId: 'I-1' } });
    expect(await drive.completeOne('notify')).toMatchObject({ elementId: 'notify' });
    expect(await isCompleted(subject, instance)).toBe(false);
    await drive.completeOne('confirm', { confirmed: true });
    expect(await isCompleted(subject, instance)).toBe(true);
    expect(await finalVariables(subject, instance)).toEqual({ intentionId: 'I-1', confirmed: true });
  });

  it('a message throw event without a task definition is rejected at deploy time, naming it', async () => {
    const model = bpmn('sendingBare', `${start()}<bpmn:intermediateThrowEvent id="bare"><bpmn:messageEventDefinition/></bpmn:intermediateThrowEvent>${end()}${chain('start', 'bare', 'end')}`);
    await expect(drive.deploy('sendingBare', model)).rejects.toThrow(/bare[\s\S]*zeebe:taskDefinition/);
  });
});

describe('manual and undefined tasks', () => {
  it('pass through without waiting', async () => {
    const model = bpmn('passing', `${start()}<bpmn:manualTask id="sign"/><bpmn:task id="note"/>${end()}${chain('start', 'sign', 'note', 'end')}`);
    await drive.deploy('passing', model);
    const instance = await drive.run('passing');
    expect(await isCompleted(subject, instance)).toBe(true);
    expect(await lifecycle(subject, instance, 'sign')).toContain('ELEMENT_COMPLETED');
    expect(await lifecycle(subject, instance, 'note')).toContain('ELEMENT_COMPLETED');
  });
});

describe('business rule task', () => {
  const rateTable = (drgId: string, decisionId: string, rates: { residential: string; other: string }, hitPolicy = 'FIRST') =>
    dmn(
      drgId,
      `<decision id="${decisionId}" name="Rate"><decisionTable id="t" hitPolicy="${hitPolicy}">
        <input id="form" label="Form"><inputExpression id="formExpression" typeRef="string"><text>provisionForm</text></inputExpression></input>
        <output id="rate" name="rate" typeRef="number"/>
        <rule id="residential"><inputEntry id="r1"><text>"pobytova"</text></inputEntry><outputEntry id="o1"><text>${rates.residential}</text></outputEntry></rule>
        <rule id="other"><inputEntry id="r2"><text>-</text></inputEntry><outputEntry id="o2"><text>${rates.other}</text></outputEntry></rule>
      </decisionTable></decision>`,
    );
  const ruleTask = (decisionId: string, extra = '') =>
    `<bpmn:businessRuleTask id="rate"><bpmn:extensionElements><zeebe:calledDecision decisionId="${decisionId}" resultVariable="requiredRate"${extra}/></bpmn:extensionElements></bpmn:businessRuleTask>`;
  const process = (processId: string, decisionId: string, extra = '') =>
    bpmn(processId, `${start()}${ruleTask(decisionId, extra)}<bpmn:serviceTask id="after">${taskDefinition(`${processId}-after`)}</bpmn:serviceTask>${end()}${chain('start', 'rate', 'after', 'end')}`);

  it('evaluates the latest decision with the visible variables into its result variable, deployed with the process in one deployment', async () => {
    const deployed = await subject.sdk.deployResources([
      { process: process('brt', 'brt-rate'), name: 'brt.bpmn' },
      { decision: rateTable('brt-rates', 'brt-rate', { residential: '0.2', other: '0.1' }), name: 'brt-rates.dmn' },
    ]);
    expect(deployed.deployments.map((deployment) => Object.keys(deployment as object).find((key) => (deployment as Record<string, unknown>)[key]))).toEqual(['process', 'decision', 'decisionRequirements']);
    const instance = await drive.run('brt', { provisionForm: 'pobytova' });
    const job = await drive.completeOne('brt-after');
    expect(job.variables).toMatchObject({ requiredRate: 0.2 });
    expect(await isCompleted(subject, instance)).toBe(true);
    const [evaluation] = await subject.query<{ intent: string; value: { decisionId: string; decisionOutput: string; elementId: string } }>(
      `SELECT intent, value FROM engine.records WHERE value_type = 'DECISION_EVALUATION' AND value->>'processInstanceKey' = $1`,
      [instance],
    );
    expect(evaluation).toMatchObject({ intent: 'EVALUATED', value: { decisionId: 'brt-rate', decisionOutput: '0.2', elementId: 'rate' } });
  });

  it('re-deploying the unchanged DMN returns the existing versions; a changed one is the next version and is used from then on', async () => {
    const again = await subject.sdk.deployResource({ decision: rateTable('brt-rates', 'brt-rate', { residential: '0.2', other: '0.1' }), name: 'brt-rates.dmn' });
    expect(again.deployments[0]).toMatchObject({ decision: { dmnDecisionId: 'brt-rate', version: 1 } });
    const changed = await subject.sdk.deployResource({ decision: rateTable('brt-rates', 'brt-rate', { residential: '0.25', other: '0.1' }), name: 'brt-rates.dmn' });
    expect(changed.deployments[0]).toMatchObject({ decision: { dmnDecisionId: 'brt-rate', version: 2 } });
    await drive.run('brt', { provisionForm: 'pobytova' });
    expect((await drive.completeOne('brt-after')).variables).toMatchObject({ requiredRate: 0.25 });
  });

  it("bindingType 'deployment' evaluates the version deployed with the process", async () => {
    await subject.sdk.deployResources([
      { process: process('brtPinned', 'pinned-rate', ' bindingType="deployment"'), name: 'brtPinned.bpmn' },
      { decision: rateTable('pinned-rates', 'pinned-rate', { residential: '0.15', other: '0.1' }), name: 'pinned-rates.dmn' },
    ]);
    await subject.sdk.deployResource({ decision: rateTable('pinned-rates', 'pinned-rate', { residential: '0.3', other: '0.1' }), name: 'pinned-rates.dmn' });
    await drive.run('brtPinned', { provisionForm: 'pobytova' });
    expect((await drive.completeOne('brtPinned-after')).variables).toMatchObject({ requiredRate: 0.15 });
  });

  it('a decision that is not deployed is an incident; deploying it and resolving the incident goes on', async () => {
    await drive.deploy('brtMissing', process('brtMissing', 'late-rate'));
    const instance = await drive.run('brtMissing', { provisionForm: 'terenni' });
    const [incident] = await incidentsOf(subject, instance);
    expect(incident).toMatchObject({
      errorType: 'CALLED_DECISION_ERROR',
      elementId: 'rate',
      errorMessage: "Expected to evaluate decision 'late-rate', but no decision found for id 'late-rate'",
    });
    await subject.sdk.deployResource({ decision: rateTable('late-rates', 'late-rate', { residential: '0.2', other: '0.1' }), name: 'late-rates.dmn' });
    await subject.sdk.resolveIncident({ incidentKey: incident.key });
    expect((await drive.completeOne('brtMissing-after')).variables).toMatchObject({ requiredRate: 0.1 });
  });

  it('a failed evaluation (two matches of a UNIQUE table) is an incident with the reason', async () => {
    await subject.sdk.deployResources([
      { process: process('brtUnique', 'unique-rate'), name: 'brtUnique.bpmn' },
      { decision: rateTable('unique-rates', 'unique-rate', { residential: '0.2', other: '0.1' }, 'UNIQUE'), name: 'unique-rates.dmn' },
    ]);
    const instance = await drive.run('brtUnique', { provisionForm: 'pobytova' });
    const [incident] = await incidentsOf(subject, instance);
    expect(incident).toMatchObject({ errorType: 'DECISION_EVALUATION_ERROR', elementId: 'rate' });
    expect(incident.errorMessage).toBe(
      "Expected to evaluate decision 'unique-rate', but multiple values aren't allowed for UNIQUE hit policy. found: 'List(Map(rate -> ValNumber(0.2)), Map(rate -> ValNumber(0.1)))'",
    );
  });

  it('the result goes through output mappings like any other variable', async () => {
    await subject.sdk.deployResources([
      {
        process: bpmn(
          'brtMapped',
          `${start()}<bpmn:businessRuleTask id="rate"><bpmn:extensionElements><zeebe:calledDecision decisionId="mapped-rate" resultVariable="result"/>${io({}, { 'pledge.rate': '=result', 'pledge.amount': '=ceiling(result * costs)' })}</bpmn:extensionElements></bpmn:businessRuleTask>${end()}${chain('start', 'rate', 'end')}`,
        ),
        name: 'brtMapped.bpmn',
      },
      { decision: rateTable('mapped-rates', 'mapped-rate', { residential: '0.2', other: '0.15' }), name: 'mapped-rates.dmn' },
    ]);
    const instance = await drive.run('brtMapped', { provisionForm: 'ambulantni', costs: 1_000_001 });
    expect(await finalVariables(subject, instance)).toEqual({ provisionForm: 'ambulantni', costs: 1_000_001, pledge: { rate: 0.15, amount: 150001 } });
  });

  it('a deployment whose DMN is invalid deploys nothing, not even its valid BPMN', async () => {
    const broken = dmn('broken', '<decision id="broken-rate" name="Broken"><literalExpression id="e"><text>1 +</text></literalExpression></decision>');
    await expect(
      subject.sdk.deployResources([
        { process: process('brtAtomic', 'broken-rate'), name: 'brtAtomic.bpmn' },
        { decision: broken, name: 'broken.dmn' },
      ]),
    ).rejects.toThrow(/broken\.dmn/);
    await expect(drive.run('brtAtomic')).rejects.toThrow(/NOT_FOUND/);
  });
});
