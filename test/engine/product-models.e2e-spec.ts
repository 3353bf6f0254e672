import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, incidentsOf, isCompleted, isTerminated, lifecycle, useEngineUnderTest, type EngineDriver, type EngineUnderTest } from './support.js';

/**
 * The product's own models (bpmn/: processes, the decision table and the forms) deploy in one
 * DeployResource and run on the engine: a short path of each, with the workers' job types
 * completed by hand as docs/PROCESSES.md describes them.
 */
let subject: EngineUnderTest;
let drive: EngineDriver;
let formKeys: Record<string, string>;
const USER_TASK = 'io.camunda.zeebe:userTask';

useEngineUnderTest((started) => ({ subject, drive } = started));
beforeAll(async () => {
  const directory = join(process.cwd(), 'bpmn');
  const models = (await readdir(directory)).filter((name) => /\.(bpmn|dmn)$/.test(name));
  const forms = await readdir(join(directory, 'forms'));
  const resources = [
    ...(await Promise.all(models.map(async (name) => ({ name, content: await readFile(join(directory, name)) })))).map(({ name, content }) =>
      name.endsWith('.dmn') ? { decision: content, name } : { process: content, name },
    ),
    ...(await Promise.all(forms.map(async (name) => ({ form: await readFile(join(directory, 'forms', name)), name })))),
  ];
  const deployed = await subject.sdk.deployResources(resources as never);
  formKeys = {};
  for (const deployment of deployed.deployments as unknown as { form?: { formId: string; formKey: string } }[]) {
    if (deployment.form) formKeys[deployment.form.formId] = deployment.form.formKey;
  }
});

/** Activates the one open user task of an instance (of any process) with the given element id. */
async function userTask(elementId: string, processInstanceKey?: string) {
  const jobs = await drive.activate(USER_TASK);
  const job = jobs.find((candidate) => candidate.elementId === elementId && (!processInstanceKey || candidate.processInstanceKey === processInstanceKey));
  // Give back the others: each test only takes its own task.
  for (const other of jobs) if (other !== job) await subject.sdk.failJob({ jobKey: other.key, retries: 1, errorMessage: 'not mine', retryBackOff: 0 });
  if (!job) throw new Error(`No user task '${elementId}'`);
  return job;
}

/** Completes the job of a type that belongs to the instance (a timer may have started other instances). */
async function completeFor(type: string, processInstanceKey: string, variables: Record<string, unknown> = {}) {
  const job = await eventually(async () => (await drive.activate(type)).find((candidate) => candidate.processInstanceKey === processInstanceKey));
  await complete(job, variables);
  return job;
}

async function complete(job: { key: string }, variables: Record<string, unknown> = {}) {
  await subject.sdk.completeJob({ jobKey: job.key, variables: variables as never });
}

describe('deployment', () => {
  it('all of bpmn/ deployed: five processes, the decision and its requirements, eight forms', async () => {
    expect(Object.keys(formKeys).sort()).toEqual([
      'action-plan-approval',
      'action-plan-draft-review',
      'assembly-resolution',
      'council-resolution',
      'district-chair-decision',
      'district-opinion',
      'intention-resubmission',
      'orp-need-declaration',
    ]);
    const evaluation = await subject.sdk.evaluateDecision({ decisionId: 'cofinancing-rate', variables: { serviceType: '60a', provisionForm: 'pobytova' } });
    expect(evaluation).toMatchObject({ decisionId: 'cofinancing-rate', decisionOutput: '0.1', failedDecisionId: '' });
  });
});

describe('intention-submission with orp-need-declaration', () => {
  it('checks, asks the ORP through the decision table and its form, and a withdrawal ends everything', async () => {
    const instance = await drive.run('intention-submission', { intentionId: 'I-100', providerId: 'p1', submittedBy: 'u1' });
    const check = await drive.completeOne('intention.check-completeness', {
      orpId: 'zidlochovice',
      districtId: 'brno-venkov',
      planYear: 2027,
      serviceType: '44',
      provisionForm: 'pobytova',
      intentionKind: 'new_service',
      yearlyCosts: 1_000_000,
    });
    expect(check.variables).toMatchObject({ intentionId: 'I-100' });
    // orp-need-declaration runs the cofinancing-rate table (§44 residential: 15 %), then asks the ORP officials.
    const declare = await userTask('declare');
    expect(declare.bpmnProcessId).toBe('orp-need-declaration');
    expect(declare.variables).toMatchObject({ requiredCofinancingRate: 0.15, intentionId: 'I-100', yearlyCosts: 1_000_000, districtQuestion: null });
    expect(declare.customHeaders).toMatchObject({
      'io.camunda.zeebe:candidateGroups': '["orp:zidlochovice"]',
      'io.camunda.zeebe:formKey': formKeys['orp-need-declaration'],
    });
    await subject.sdk.publishMessage({ name: 'intention-withdrawn', correlationKey: 'I-100', variables: { withdrawalReason: 'Poskytovatel odstoupil' }, timeToLive: 0 });
    expect(await isTerminated(subject, declare.processInstanceKey)).toBe(true);
    const status = await drive.completeOne('intention.set-status');
    expect(status.variables).toMatchObject({ intentionId: 'I-100', status: 'withdrawn', statusReason: 'Poskytovatel odstoupil' });
    expect(await isCompleted(subject, instance)).toBe(true);
    expect(await lifecycle(subject, instance, 'endWithdrawn')).toContain('ELEMENT_COMPLETED');
  });

  it('an incomplete intention goes back to the provider with the reasons', async () => {
    const instance = await drive.run('intention-submission', { intentionId: 'I-101', providerId: 'p2', submittedBy: 'u2' });
    const [check] = await drive.activate('intention.check-completeness', 1);
    await subject.sdk.throwError({
      jobKey: check.key,
      errorCode: 'INTENTION_INCOMPLETE',
      errorMessage: 'incomplete',
      variables: { incompletenessReasons: [{ field: 'capacity', code: 'REQUIRED', message: 'Chybí kapacita' }] },
    });
    const status = await drive.completeOne('intention.set-status');
    expect(status.variables).toMatchObject({ status: 'returned_for_completion', statusReason: 'Chybí kapacita' });
    const resubmit = await userTask('resubmit', instance);
    expect(resubmit.customHeaders).toMatchObject({
      'io.camunda.zeebe:assignee': 'u2',
      'io.camunda.zeebe:candidateGroups': '["provider:p2"]',
      'io.camunda.zeebe:formKey': formKeys['intention-resubmission'],
    });
    await subject.sdk.cancelProcessInstance(instance);
  });
});

describe('orp-need-declaration', () => {
  it('reminds the ORP officials seven days before the deadline, and a pledge below the required share sends them back', async () => {
    const instance = await drive.run('orp-need-declaration', {
      intentionId: 'I-200',
      orpId: 'blansko',
      intentionKind: 'new_service',
      serviceType: '49',
      provisionForm: 'terenni',
      yearlyCosts: 500_000,
      districtQuestion: null,
    });
    const declare = await userTask('declare', instance);
    expect(declare.variables.requiredCofinancingRate).toBe(0.1);
    await drive.passTime(23 * 24 * 3600_000 + 1000);
    const reminder = await eventually(async () => (await drive.activate('notification.send', 1))[0]);
    expect(reminder.variables).toMatchObject({ notificationTemplate: 'declaration-reminder', recipientGroups: ['orp:blansko'] });
    await complete(reminder);
    await complete(declare, { needDecision: 'declared', pledgedCofinancing: 10_000 });
    const [record] = await drive.activate('declaration.record', 1);
    await subject.sdk.throwError({
      jobKey: record.key,
      errorCode: 'PLEDGE_BELOW_REQUIRED',
      errorMessage: 'below',
      variables: { requiredCofinancingAmount: 50_000, pledgeRejection: 'Příslib je nižší než 50 000 Kč' },
    });
    const again = await userTask('declare', instance);
    expect(again.variables).toMatchObject({ requiredCofinancingAmount: 50_000, pledgeRejection: 'Příslib je nižší než 50 000 Kč' });
    await complete(again, { needDecision: 'refused', refusalReason: 'Není v komunitním plánu' });
    await drive.completeOne('declaration.record', { requiredCofinancingAmount: null, pledgeRejection: null });
    const status = await drive.completeOne('intention.set-status');
    expect(status.variables).toMatchObject({ status: 'need_refused', statusReason: 'Není v komunitním plánu' });
    expect(await isCompleted(subject, instance)).toBe(true);
  });
});

describe('district-review', () => {
  it('every member of the team gives an opinion in parallel; the opinions reach the summary in team order', async () => {
    const instance = await drive.run('district-review', { intentionId: 'I-300', districtId: 'brno-venkov' });
    await drive.completeOne('intention.set-status');
    await drive.completeOne('district-review.load-team', { districtTeam: ['anna', 'petr'] });
    const jobs = (await drive.activate(USER_TASK)).filter((job) => job.processInstanceKey === instance);
    expect(jobs.map((job) => job.customHeaders['io.camunda.zeebe:assignee'])).toEqual(['anna', 'petr']);
    expect(jobs[0].customHeaders).toMatchObject({ 'io.camunda.zeebe:candidateGroups': '["district:brno-venkov"]', 'io.camunda.zeebe:formKey': formKeys['district-opinion'] });
    const scores = (need: number) => ({ scoreNeed: need, scoreAvailability: 3, scoreCost: 3, scoreQuality: 4, scoreInterconnection: 2, opinionComment: 'Potřebná služba v regionu' });
    await complete(jobs[1], scores(5));
    await complete(jobs[0], scores(4));
    const summarize = await drive.completeOne('district-review.summarize-opinions', { districtScore: 3.5 });
    expect(summarize.variables.districtOpinions).toEqual([
      { member: 'anna', need: 4, availability: 3, cost: 3, quality: 4, interconnection: 2, comment: 'Potřebná služba v regionu' },
      { member: 'petr', need: 5, availability: 3, cost: 3, quality: 4, interconnection: 2, comment: 'Potřebná služba v regionu' },
    ]);
    const chair = await userTask('chairDecides', instance);
    await complete(chair, { chairDecision: 'recommend', chairReason: 'Doporučujeme k zařazení' });
    expect((await drive.completeOne('intention.set-status')).variables).toMatchObject({ status: 'recommended_by_district' });
    expect(await isCompleted(subject, instance)).toBe(true);
  });

  it('an empty team skips the opinions and the chair decides alone', async () => {
    const instance = await drive.run('district-review', { intentionId: 'I-301', districtId: 'hodonin' });
    await drive.completeOne('intention.set-status');
    await drive.completeOne('district-review.load-team', { districtTeam: [] });
    const summarize = await drive.completeOne('district-review.summarize-opinions', { districtScore: null });
    expect(summarize.variables.districtOpinions).toEqual([]);
    await complete(await userTask('chairDecides', instance), { chairDecision: 'return-to-orp', chairQuestion: 'Jaká je kapacita?', chairReason: 'Chybí údaje' });
    expect(await isCompleted(subject, instance)).toBe(true);
  });
});

describe('council-approval', () => {
  it('records the Council resolution; a rejected number goes back to the secretary', async () => {
    const instance = await drive.run('council-approval', { intentionId: 'I-400', districtScore: 4.2 });
    const council = await userTask('councilResolution', instance);
    expect(council.customHeaders).toMatchObject({ 'io.camunda.zeebe:candidateGroups': '["region:jmk:council-secretary"]', 'io.camunda.zeebe:formKey': formKeys['council-resolution'] });
    await complete(council, { councilDecision: 'recommends', councilResolutionNumber: '12/26/R1', councilResolutionDate: '2027-02-01' });
    const [record] = await drive.activate('resolution.record', 1);
    expect(record.variables).toMatchObject({ resolutionBody: 'council', resolutionSubject: 'intention', subjectId: 'I-400', resolutionNumber: '12/26/R1' });
    await subject.sdk.throwError({ jobKey: record.key, errorCode: 'RESOLUTION_REJECTED', errorMessage: 'year', variables: { resolutionRejection: 'Rok v čísle neodpovídá datu' } });
    const retry = await userTask('councilResolution', instance);
    expect(retry.variables.resolutionRejection).toBe('Rok v čísle neodpovídá datu');
    await subject.sdk.cancelProcessInstance(instance);
  });
});

describe('action-plan', () => {
  it('opens the call, waits for its closing date, assembles and approves the plan, and announces each included intention', async () => {
    const instance = await drive.run('action-plan', { planYear: 2027, budgetCeiling: 5_000_000 });
    const closing = new Date(subject.engine.clock.now() + 10 * 24 * 3600_000).toISOString().replace('Z', '+00:00');
    await completeFor('action-plan.open-call', instance, { callClosingDate: closing });
    expect(await lifecycle(subject, instance, 'callClosed')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    await drive.passTime(10 * 24 * 3600_000 + 1000);
    await completeFor('action-plan.assemble-draft', instance, { includedIntentionIds: ['I-1', 'I-2'], reserveIntentionIds: [], draftItems: [], draftTotal: 900_000 });
    await complete(await userTask('reviewDraft', instance), { draftDecision: 'submit' });
    await complete(await userTask('approvePlan', instance), { planDecision: 'approved', planResolutionNumber: '5/27/Z1', planResolutionDate: '2027-04-20' });
    expect((await completeFor('resolution.record', instance, { resolutionRejection: null })).variables).toMatchObject({ resolutionSubject: 'action-plan', subjectId: '2027' });
    await completeFor('action-plan.publish', instance);
    const announcements = (await drive.activate('action-plan.announce-inclusion')).filter((job) => job.processInstanceKey === instance);
    expect(announcements.map((job) => job.variables.includedIntentionId)).toEqual(['I-1', 'I-2']);
    for (const job of announcements) await complete(job);
    expect(await isCompleted(subject, instance)).toBe(true);
    expect(await incidentsOf(subject, instance)).toEqual([]);
  });

  it('the yearly timer start event opens the next plan on 4 January', async () => {
    // The cycle starts on 4 January 2027 at 07:00 UTC (a start already passed fires at once, as in Zeebe).
    const first = Date.parse('2027-01-04T07:00:00Z');
    if (subject.engine.clock.now() < first) await drive.passTime(first - subject.engine.clock.now() + 1000);
    const startedByTimer = async () =>
      (
        await subject.query<{ key: string }>(
          `SELECT value->>'processInstanceKey' AS key FROM engine.records WHERE value_type = 'PROCESS_INSTANCE' AND intent = 'ELEMENT_COMPLETED' AND value->>'bpmnProcessId' = 'action-plan' AND value->>'elementId' = 'yearly'`,
        )
      ).map((row) => row.key);
    const [started] = await eventually(async () => {
      const keys = await startedByTimer();
      return keys.length === 1 && keys;
    });
    const job = await eventually(async () => (await drive.activate('action-plan.open-call')).find((candidate) => candidate.processInstanceKey === started));
    expect(job.variables).toEqual({});
  });
});
