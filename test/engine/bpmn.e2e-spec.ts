import { describe, expect, it } from '@jest/globals';
import { engineControlClient } from '@app/engine';
import {
  bpmn,
  chain,
  end,
  eventually,
  finalVariables,
  flow,
  incidentsOf,
  io,
  isCompleted,
  isTerminated,
  lifecycle,
  message,
  serviceTask,
  start,
  useEngineUnderTest,
  variablesOf,
  type EngineUnderTest,
} from './support.js';

/** The BPMN elements of the engine, each run end to end through @camunda8/sdk (zeebe-node where noted). */
let subject: EngineUnderTest;
useEngineUnderTest((started) => ({ subject } = started));

async function deploy(processId: string, model: Buffer): Promise<void> {
  await subject.sdk.deployResource({ process: model, name: `${processId}.bpmn` });
}

async function run(processId: string, variables: Record<string, unknown> = {}): Promise<string> {
  return (await subject.sdk.createProcessInstance({ bpmnProcessId: processId, variables: variables as never })).processInstanceKey;
}

async function activate(type: string) {
  return subject.sdk.activateJobs({ type, worker: 'bpmn-test', maxJobsToActivate: 50, timeout: 60_000, requestTimeout: -1 });
}

async function completeOne(type: string, variables: Record<string, unknown> = {}) {
  const [job] = await activate(type);
  expect(job).toBeDefined();
  await subject.sdk.completeJob({ jobKey: job.key, variables: variables as never });
  return job;
}

/** Moves the engine's clock and waits for the timers it made due. */
async function passTime(ms: number): Promise<void> {
  subject.engine.clock.increaseTime(ms);
  await new Promise((resolve) => setTimeout(resolve, 150));
}

describe('events and tasks', () => {
  it('none start and end events: the instance completes at once', async () => {
    await deploy('startEnd', bpmn('startEnd', `${start()}${end()}${chain('start', 'end')}`));
    const result = await subject.sdk.createProcessInstanceWithResult({ bpmnProcessId: 'startEnd', variables: { x: 1 } });
    expect(result.variables).toEqual({ x: 1 });
    expect(await lifecycle(subject, result.processInstanceKey, 'end')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
  });

  it('service task: type and retries from FEEL, task headers', async () => {
    const task = `<bpmn:serviceTask id="task"><bpmn:extensionElements><zeebe:taskDefinition type="=&quot;svc-&quot; + kind" retries="=tries"/>
      <zeebe:taskHeaders><zeebe:header key="template" value="notice"/></zeebe:taskHeaders></bpmn:extensionElements></bpmn:serviceTask>`;
    await deploy('serviceTask', bpmn('serviceTask', `${start()}${task}${end()}${chain('start', 'task', 'end')}`));
    await run('serviceTask', { kind: 'mail', tries: 5 });
    const [job] = await activate('svc-mail');
    expect(job).toMatchObject({ retries: 5, customHeaders: { template: 'notice' }, elementId: 'task' });
  });

  it('user task: a job of type io.camunda.zeebe:userTask with Zeebe headers and one retry', async () => {
    const task = `<bpmn:userTask id="review"><bpmn:extensionElements>
      <zeebe:assignmentDefinition assignee="=owner" candidateGroups="orp:zidlochovice, district:brno-venkov" candidateUsers="=[&quot;anna&quot;]"/>
      <zeebe:taskSchedule dueDate="=due" followUpDate="2026-12-01T10:00:00+01:00"/>
      <zeebe:formDefinition formKey="camunda-forms:bpmn:reviewForm"/>
      <zeebe:taskHeaders><zeebe:header key="step" value="review"/></zeebe:taskHeaders></bpmn:extensionElements></bpmn:userTask>`;
    await deploy('userTask', bpmn('userTask', `${start()}${task}${end()}${chain('start', 'review', 'end')}`));
    const instance = await run('userTask', { owner: 'petr', due: '2026-12-24T12:00:00+01:00' });
    const [job] = await activate('io.camunda.zeebe:userTask');
    expect(job.retries).toBe(1);
    expect(job.customHeaders).toEqual({
      step: 'review',
      'io.camunda.zeebe:assignee': 'petr',
      'io.camunda.zeebe:candidateGroups': '["orp:zidlochovice","district:brno-venkov"]',
      'io.camunda.zeebe:candidateUsers': '["anna"]',
      'io.camunda.zeebe:dueDate': '2026-12-24T12:00:00+01:00',
      'io.camunda.zeebe:followUpDate': '2026-12-01T10:00:00+01:00',
      'io.camunda.zeebe:formKey': 'camunda-forms:bpmn:reviewForm',
    });
    await subject.sdk.completeJob({ jobKey: job.key, variables: { approved: true } });
    expect(await isCompleted(subject, instance)).toBe(true);
  });

  it('user task with a linked form: the formKey header is the deployed form key', async () => {
    const form = JSON.stringify({ id: 'intentionForm', type: 'default', components: [] });
    const deployed = await subject.sdk.deployResource({ form: Buffer.from(form), name: 'intention.form' } as never);
    const formKey = (deployed.deployments[0] as unknown as { form: { formKey: string } }).form.formKey;
    const task = `<bpmn:userTask id="fill"><bpmn:extensionElements><zeebe:formDefinition formId="intentionForm"/></bpmn:extensionElements></bpmn:userTask>`;
    await deploy('linkedForm', bpmn('linkedForm', `${start()}${task}${end()}${chain('start', 'fill', 'end')}`));
    await run('linkedForm');
    const jobs = await activate('io.camunda.zeebe:userTask');
    expect(jobs.find((job) => job.bpmnProcessId === 'linkedForm')?.customHeaders).toEqual({ 'io.camunda.zeebe:formKey': formKey });
  });

  it('an unsupported element is rejected at deploy time, naming it', async () => {
    const model = bpmn('unsupported', `${start()}<bpmn:scriptTask id="script"/>${end()}${chain('start', 'script', 'end')}`);
    await expect(subject.sdk.deployResource({ process: model, name: 'unsupported.bpmn' })).rejects.toThrow(/script/);
  });
});

describe('gateways', () => {
  const routing = bpmn(
    'routing',
    `${start()}<bpmn:exclusiveGateway id="split" default="split_other"/>${serviceTask('big', 'route-big')}${serviceTask('other', 'route-other')}
     ${end('endBig')}${end('endOther')}${flow('start', 'split')}${flow('split', 'big', '=amount > 1000')}${flow('split', 'other', undefined, 'split_other')}
     ${chain('big', 'endBig')}${chain('other', 'endOther')}`,
  );

  it('exclusive gateway: the first true condition, else the default flow', async () => {
    await deploy('routing', routing);
    await run('routing', { amount: 5000 });
    await run('routing', { amount: 10 });
    expect(await activate('route-big')).toHaveLength(1);
    expect(await activate('route-other')).toHaveLength(1);
  });

  it('exclusive gateway without a matching condition or default raises an incident, resolved after fixing variables', async () => {
    const model = bpmn(
      'noMatch',
      `${start()}<bpmn:exclusiveGateway id="split"/>${serviceTask('yes', 'no-match-yes')}${end('e1')}${end('e2')}
       ${flow('start', 'split')}${flow('split', 'yes', '=approved = true')}${flow('split', 'e2', '=approved = false')}${chain('yes', 'e1')}`,
    );
    await deploy('noMatch', model);
    const instance = await run('noMatch', {});
    const [incident] = await incidentsOf(subject, instance);
    expect(incident).toMatchObject({ errorType: 'CONDITION_ERROR', elementId: 'split' });
    expect(incident.errorMessage).toBe('Expected at least one condition to evaluate to true, or to have a default flow');
    await subject.sdk.setVariables({ elementInstanceKey: instance, variables: { approved: true }, local: false });
    await subject.sdk.resolveIncident({ incidentKey: incident.key });
    expect(await activate('no-match-yes')).toHaveLength(1);
  });

  it('parallel gateway: forks into every branch and joins them all', async () => {
    const model = bpmn(
      'parallel',
      `${start()}<bpmn:parallelGateway id="fork"/>${serviceTask('a', 'par-a')}${serviceTask('b', 'par-b')}<bpmn:parallelGateway id="join"/>${serviceTask('after', 'par-after')}${end()}
       ${chain('start', 'fork', 'a', 'join', 'after', 'end')}${chain('fork', 'b', 'join')}`,
    );
    await deploy('parallel', model);
    const instance = await run('parallel');
    await completeOne('par-a', { a: 1 });
    expect(await activate('par-after')).toEqual([]);
    await completeOne('par-b', { b: 2 });
    await completeOne('par-after');
    expect(await isCompleted(subject, instance)).toBe(true);
    expect(await finalVariables(subject, instance)).toEqual({ a: 1, b: 2 });
  });
});

describe('scopes and variables', () => {
  it('embedded sub-process: runs inside its own scope and completes its parent afterwards', async () => {
    const model = bpmn(
      'embedded',
      `${start()}<bpmn:subProcess id="sub"><bpmn:extensionElements>${io({ localCopy: '=n * 2' })}</bpmn:extensionElements>
         ${start('subStart')}${serviceTask('inner', 'embedded-inner')}${end('subEnd')}${chain('subStart', 'inner', 'subEnd')}</bpmn:subProcess>
       ${end()}${chain('start', 'sub', 'end')}`,
    );
    await deploy('embedded', model);
    const instance = await run('embedded', { n: 21 });
    const [job] = await activate('embedded-inner');
    expect(job.variables).toEqual({ n: 21, localCopy: 42 });
    await subject.sdk.completeJob({ jobKey: job.key, variables: { result: 'ok' } });
    expect(await isCompleted(subject, instance)).toBe(true);
    // The sub-process' local variable stayed in its scope; the job's new variable reached the root.
    expect(await finalVariables(subject, instance)).toEqual({ n: 21, result: 'ok' });
  });

  it('input and output mappings: inputs are local, outputs alone leave the element', async () => {
    const model = bpmn(
      'mappings',
      `${start()}${serviceTask('task', 'mapped', io({ applicant: '=request.name', limit: '=100' }, { 'decision.approved': '=ok', 'decision.by': '="worker"' }))}
       ${serviceTask('next', 'mapped-next')}${end()}${chain('start', 'task', 'next', 'end')}`,
    );
    await deploy('mappings', model);
    const instance = await run('mappings', { request: { name: 'Domov Hustopeče' } });
    const [job] = await activate('mapped');
    expect(job.variables).toEqual({ request: { name: 'Domov Hustopeče' }, applicant: 'Domov Hustopeče', limit: 100 });
    await subject.sdk.completeJob({ jobKey: job.key, variables: { ok: true, noise: 'dropped' } });
    const [next] = await activate('mapped-next');
    expect(next.variables).toEqual({ request: { name: 'Domov Hustopeče' }, decision: { approved: true, by: 'worker' } });
    expect(await variablesOf(subject, instance)).toEqual(next.variables);
  });

  it('variable propagation: a completed job updates the scope that holds a variable, else the root', async () => {
    const model = bpmn(
      'propagation',
      `${start()}<bpmn:subProcess id="sub"><bpmn:extensionElements>${io({ counter: '=0' })}</bpmn:extensionElements>
         ${start('s2')}${serviceTask('inner', 'propagate')}${serviceTask('check', 'propagate-check')}${end('e2')}${chain('s2', 'inner', 'check', 'e2')}</bpmn:subProcess>
       ${end()}${chain('start', 'sub', 'end')}`,
    );
    await deploy('propagation', model);
    const instance = await run('propagation', { total: 1 });
    await completeOne('propagate', { counter: 5, total: 2, fresh: 'root' });
    const [check] = await activate('propagate-check');
    const subKey = (await subject.query<{ key: string }>(`SELECT key::text FROM engine.element_instances WHERE data->>'elementId' = 'sub' AND data->>'processInstanceKey' = $1`, [instance]))[0].key;
    expect(await variablesOf(subject, subKey)).toEqual({ counter: 5 });
    expect(await variablesOf(subject, instance)).toEqual({ total: 2, fresh: 'root' });
    expect(check.variables).toEqual({ total: 2, fresh: 'root', counter: 5 });
  });
});

describe('FEEL', () => {
  it('Camunda built-ins in mappings and conditions, with now() and today() on the engine clock', async () => {
    const model = bpmn(
      'feel',
      `${start()}${serviceTask('task', 'feel-task', io({ reviewBy: '=string(today() + duration("P30D"))', owner: '=get or else(owner, "unassigned")', groups: '=string join(groups, ";")' }))}
       <bpmn:exclusiveGateway id="late" default="late_onTime"/>${end('onTime')}${end('overdue')}
       ${flow('start', 'task')}${flow('task', 'late')}${flow('late', 'overdue', '=is defined(deadline) and now() > date and time(deadline)')}${flow('late', 'onTime', undefined, 'late_onTime')}`,
    );
    await deploy('feel', model);
    subject.engine.clock.increaseTime(400 * 24 * 3600_000);
    const today = new Date(subject.engine.clock.now());
    const instance = await run('feel', { groups: ['orp', 'district'], deadline: new Date(Date.now() + 24 * 3600_000).toISOString() });
    const [job] = await activate('feel-task');
    const expected = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 30)).toISOString().slice(0, 10);
    expect(job.variables).toMatchObject({ reviewBy: expected, owner: 'unassigned', groups: 'orp;district' });
    await subject.sdk.completeJob({ jobKey: job.key, variables: {} });
    // The deadline is a day after the wall clock, but the engine clock is 400 days ahead.
    expect(await lifecycle(subject, instance, 'overdue')).toContain('ELEMENT_COMPLETED');
  });
});

describe('messages', () => {
  const messages = message('approval', 'approval-decided', '=caseId');

  it('intermediate message catch event: correlates by the correlation key and merges the message variables', async () => {
    await deploy(
      'catchMessage',
      bpmn('catchMessage', `${start()}<bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="approval"/></bpmn:intermediateCatchEvent>${end()}${chain('start', 'wait', 'end')}`, messages),
    );
    const first = await run('catchMessage', { caseId: 'A-1' });
    const second = await run('catchMessage', { caseId: 'A-2' });
    await subject.sdk.publishMessage({ name: 'approval-decided', correlationKey: 'A-2', variables: { decision: 'yes' }, timeToLive: 0 });
    expect(await isCompleted(subject, second)).toBe(true);
    expect(await isCompleted(subject, first)).toBe(false);
    expect(await finalVariables(subject, second)).toEqual({ caseId: 'A-2', decision: 'yes' });
  });

  it('receive task: waits for its message, published through zeebe-node', async () => {
    await deploy('receive', bpmn('receive', `${start()}<bpmn:receiveTask id="awaitDecision" messageRef="approval"/>${end()}${chain('start', 'awaitDecision', 'end')}`, messages));
    const instance = await run('receive', { caseId: 42 });
    await subject.zbc.publishMessage({ name: 'approval-decided', correlationKey: '42', variables: {}, timeToLive: 0 });
    expect(await isCompleted(subject, instance)).toBe(true);
  });

  it('interrupting message boundary event: cancels the task and takes the boundary path', async () => {
    const model = bpmn(
      'msgBoundary',
      `${start()}${serviceTask('task', 'msg-boundary-task')}${end()}${end('withdrawn')}
       <bpmn:boundaryEvent id="withdraw" attachedToRef="task"><bpmn:messageEventDefinition messageRef="approval"/></bpmn:boundaryEvent>
       ${chain('start', 'task', 'end')}${chain('withdraw', 'withdrawn')}`,
      messages,
    );
    await deploy('msgBoundary', model);
    const instance = await run('msgBoundary', { caseId: 'B-1' });
    await subject.sdk.publishMessage({ name: 'approval-decided', correlationKey: 'B-1', variables: { why: 'withdrawn' }, timeToLive: 0 });
    expect(await isCompleted(subject, instance)).toBe(true);
    expect(await lifecycle(subject, instance, 'task')).toContain('ELEMENT_TERMINATED');
    expect(await lifecycle(subject, instance, 'withdrawn')).toContain('ELEMENT_COMPLETED');
    expect(await activate('msg-boundary-task')).toEqual([]);
  });

  it('non-interrupting message boundary event: the task keeps running', async () => {
    const model = bpmn(
      'msgBoundaryNI',
      `${start()}${serviceTask('task', 'msg-ni-task')}${end()}${serviceTask('notify', 'msg-ni-notify')}${end('notified')}
       <bpmn:boundaryEvent id="remind" attachedToRef="task" cancelActivity="false"><bpmn:messageEventDefinition messageRef="approval"/></bpmn:boundaryEvent>
       ${chain('start', 'task', 'end')}${chain('remind', 'notify', 'notified')}`,
      messages,
    );
    await deploy('msgBoundaryNI', model);
    const instance = await run('msgBoundaryNI', { caseId: 'C-1' });
    await subject.sdk.publishMessage({ name: 'approval-decided', correlationKey: 'C-1', variables: {}, timeToLive: 0 });
    await completeOne('msg-ni-notify');
    expect(await isCompleted(subject, instance)).toBe(false);
    await completeOne('msg-ni-task');
    expect(await isCompleted(subject, instance)).toBe(true);
  });
});

describe('timers', () => {
  it('timer intermediate catch event with a duration fires when the clock passes it', async () => {
    await deploy(
      'timerCatch',
      bpmn('timerCatch', `${start()}<bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>${end()}${chain('start', 'wait', 'end')}`),
    );
    const instance = await run('timerCatch');
    await passTime(30 * 60_000);
    expect(await isCompleted(subject, instance)).toBe(false);
    await passTime(31 * 60_000);
    await eventually(() => isCompleted(subject, instance));
  });

  it('timer intermediate catch event with a date from FEEL, moved by the EngineControl IncreaseTime call', async () => {
    await deploy(
      'timerDate',
      bpmn('timerDate', `${start()}<bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDate>=deadline</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>${end()}${chain('start', 'wait', 'end')}`),
    );
    const deadline = new Date(subject.engine.clock.now() + 2 * 24 * 3600_000).toISOString();
    const instance = await run('timerDate', { deadline });
    const control = engineControlClient(subject.engine.address);
    try {
      await new Promise<void>((resolve, reject) =>
        (control.IncreaseTime as (request: object, callback: (error: Error | null) => void) => void)({ milliseconds: 2 * 24 * 3600_000 + 1000 }, (error) =>
          error ? reject(error) : resolve(),
        ),
      );
    } finally {
      control.close();
    }
    await eventually(() => isCompleted(subject, instance));
  });

  it('interrupting timer boundary event: escalates a task that took too long', async () => {
    const model = bpmn(
      'timerBoundary',
      `${start()}${serviceTask('task', 'timer-boundary-task')}${end()}${end('late')}
       <bpmn:boundaryEvent id="tooLate" attachedToRef="task"><bpmn:timerEventDefinition><bpmn:timeDuration>P14D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
       ${chain('start', 'task', 'end')}${chain('tooLate', 'late')}`,
    );
    await deploy('timerBoundary', model);
    const instance = await run('timerBoundary');
    await passTime(15 * 24 * 3600_000);
    await eventually(() => isCompleted(subject, instance));
    expect(await lifecycle(subject, instance, 'late')).toContain('ELEMENT_COMPLETED');
    expect(await activate('timer-boundary-task')).toEqual([]);
  });

  it('non-interrupting timer boundary event with a cycle: reminds repeatedly while the task runs', async () => {
    const model = bpmn(
      'timerCycle',
      `${start()}${serviceTask('task', 'cycle-task')}${end()}${end('reminded')}
       <bpmn:boundaryEvent id="remind" attachedToRef="task" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeCycle>R2/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>
       ${chain('start', 'task', 'end')}${chain('remind', 'reminded')}`,
    );
    await deploy('timerCycle', model);
    const instance = await run('timerCycle');
    for (let hour = 0; hour < 3; hour++) await passTime(3600_000 + 1000);
    const reminders = await eventually(async () => {
      const intents = await lifecycle(subject, instance, 'reminded');
      return intents.filter((intent) => intent === 'ELEMENT_COMPLETED').length === 2 && intents;
    });
    expect(reminders).toBeDefined();
    await completeOne('cycle-task');
    expect(await isCompleted(subject, instance)).toBe(true);
  });
});

describe('errors', () => {
  it('error end event in a sub-process is caught by the error boundary event on the sub-process', async () => {
    const model = bpmn(
      'errorEnd',
      `${start()}<bpmn:subProcess id="sub">${start('s2')}<bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="err"/></bpmn:endEvent>${chain('s2', 'fail')}</bpmn:subProcess>
       <bpmn:boundaryEvent id="caught" attachedToRef="sub"><bpmn:errorEventDefinition/></bpmn:boundaryEvent>
       ${end()}${end('handled')}${chain('start', 'sub', 'end')}${chain('caught', 'handled')}`,
      '<bpmn:error id="err" errorCode="NOT_ELIGIBLE"/>',
    );
    await deploy('errorEnd', model);
    const instance = await run('errorEnd');
    expect(await isCompleted(subject, instance)).toBe(true);
    expect(await lifecycle(subject, instance, 'handled')).toContain('ELEMENT_COMPLETED');
    expect(await lifecycle(subject, instance, 'sub')).toContain('ELEMENT_TERMINATED');
  });

  it('an error end event nothing catches raises an incident', async () => {
    const model = bpmn(
      'errorUncaught',
      `${start()}<bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="err"/></bpmn:endEvent>${chain('start', 'fail')}`,
      '<bpmn:error id="err" errorCode="LOST"/>',
    );
    await deploy('errorUncaught', model);
    const instance = await run('errorUncaught');
    const [incident] = await incidentsOf(subject, instance);
    expect(incident).toMatchObject({ errorType: 'UNHANDLED_ERROR_EVENT', elementId: 'fail' });
  });

  it('a job error (zeebe-node) is caught by the boundary event whose code matches, not the catch-all', async () => {
    const model = bpmn(
      'errorCodes',
      `${start()}${serviceTask('task', 'error-codes')}${end()}${end('specific')}${end('generic')}
       <bpmn:boundaryEvent id="onRejected" attachedToRef="task"><bpmn:errorEventDefinition errorRef="rejected"/></bpmn:boundaryEvent>
       <bpmn:boundaryEvent id="onAny" attachedToRef="task"><bpmn:errorEventDefinition/></bpmn:boundaryEvent>
       ${chain('start', 'task', 'end')}${chain('onRejected', 'specific')}${chain('onAny', 'generic')}`,
      '<bpmn:error id="rejected" errorCode="REJECTED"/>',
    );
    await deploy('errorCodes', model);
    const instance = await run('errorCodes');
    const [job] = await subject.zbc.activateJobs({ type: 'error-codes', worker: 'w', maxJobsToActivate: 1, timeout: 10_000, requestTimeout: -1 });
    await subject.zbc.throwError({ jobKey: job.key, errorCode: 'REJECTED', errorMessage: 'no' });
    expect(await lifecycle(subject, instance, 'specific')).toContain('ELEMENT_COMPLETED');
    expect(await lifecycle(subject, instance, 'generic')).toEqual([]);
  });
});

describe('call activity', () => {
  const child = bpmn('child', `${start()}${serviceTask('work', 'child-work')}${end()}${chain('start', 'work', 'end')}`);

  it('passes all variables down and propagates all child variables up by default', async () => {
    await deploy('child', child);
    await deploy(
      'parent',
      bpmn('parent', `${start()}<bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="child"/></bpmn:extensionElements></bpmn:callActivity>${end()}${chain('start', 'call', 'end')}`),
    );
    const instance = await run('parent', { region: 'jmk' });
    const [job] = await activate('child-work');
    expect(job.bpmnProcessId).toBe('child');
    expect(job.variables).toEqual({ region: 'jmk' });
    await subject.sdk.completeJob({ jobKey: job.key, variables: { capacity: 12 } });
    expect(await isCompleted(subject, instance)).toBe(true);
    expect(await finalVariables(subject, instance)).toEqual({ region: 'jmk', capacity: 12 });
  });

  it('propagateAllChildVariables=false with mappings: only mapped variables cross', async () => {
    await deploy('child', child);
    const call = `<bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="=&quot;child&quot;" propagateAllChildVariables="false"/>
      ${io({ input: '=region' }, { childCapacity: '=capacity' })}</bpmn:extensionElements></bpmn:callActivity>`;
    await deploy('parentMapped', bpmn('parentMapped', `${start()}${call}${end()}${chain('start', 'call', 'end')}`));
    const instance = await run('parentMapped', { region: 'jmk' });
    const jobs = await activate('child-work');
    const job = jobs.find((candidate) => candidate.variables.input === 'jmk')!;
    await subject.sdk.completeJob({ jobKey: job.key, variables: { capacity: 7, secret: 'stays' } });
    expect(await isCompleted(subject, instance)).toBe(true);
    expect(await finalVariables(subject, instance)).toEqual({ region: 'jmk', childCapacity: 7 });
  });

  it('an error thrown in the called process is caught by an error boundary event on the call activity', async () => {
    await deploy(
      'childFails',
      bpmn('childFails', `${start()}<bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="err"/></bpmn:endEvent>${chain('start', 'fail')}`, '<bpmn:error id="err" errorCode="NOT_ELIGIBLE"/>'),
    );
    await deploy(
      'parentCatches',
      bpmn(
        'parentCatches',
        `${start()}<bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="childFails"/></bpmn:extensionElements></bpmn:callActivity>
         <bpmn:boundaryEvent id="caught" attachedToRef="call"><bpmn:errorEventDefinition errorRef="err"/></bpmn:boundaryEvent>
         ${end()}${end('handled')}${chain('start', 'call', 'end')}${chain('caught', 'handled')}`,
        '<bpmn:error id="err" errorCode="NOT_ELIGIBLE"/>',
      ),
    );
    const instance = await run('parentCatches');
    expect(await isCompleted(subject, instance)).toBe(true);
    expect(await lifecycle(subject, instance, 'handled')).toContain('ELEMENT_COMPLETED');
    expect(await lifecycle(subject, instance, 'call')).toContain('ELEMENT_TERMINATED');
  });

  it('cancelling the parent cancels the child; a missing called process raises an incident', async () => {
    await deploy('child', child);
    await deploy(
      'parentCancel',
      bpmn('parentCancel', `${start()}<bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="=target"/></bpmn:extensionElements></bpmn:callActivity>${end()}${chain('start', 'call', 'end')}`),
    );
    const instance = await run('parentCancel', { target: 'child' });
    const [job] = await activate('child-work');
    await subject.sdk.cancelProcessInstance(instance);
    expect(await isTerminated(subject, job.processInstanceKey)).toBe(true);
    const missing = await run('parentCancel', { target: 'nowhere' });
    const [incident] = await incidentsOf(subject, missing);
    expect(incident).toMatchObject({ errorType: 'CALLED_ELEMENT_ERROR', elementId: 'call' });
    expect(incident.errorMessage).toBe("Expected process with BPMN process id 'nowhere' to be deployed, but not found.");
  });
});
