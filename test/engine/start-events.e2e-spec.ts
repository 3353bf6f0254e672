import { describe, expect, it } from '@jest/globals';
import {
  bpmn,
  chain,
  end,
  eventually,
  incidentsOf,
  instancesOf,
  isCompleted,
  serviceTask,
  useEngineUnderTest,
  variablesOf,
  type EngineDriver,
  type EngineUnderTest,
} from './support.js';

/** Message, timer and signal start events: per deployed version, replaced by a new version. */
let subject: EngineUnderTest;
let drive: EngineDriver;
useEngineUnderTest((started) => ({ subject, drive } = started));

const messageRoot = (id: string, name: string) => `<bpmn:message id="${id}" name="${name}"/>`;

function startedBy(processId: string, startDefinition: string, taskType: string, roots = ''): Buffer {
  return bpmn(processId, `<bpmn:startEvent id="start">${startDefinition}</bpmn:startEvent>${serviceTask('work', taskType)}${end()}${chain('start', 'work', 'end')}`, roots);
}

describe('message start event', () => {
  const definition = '<bpmn:messageEventDefinition messageRef="applied"/>';

  it('a published message starts an instance with its variables; a message published before the deployment does not', async () => {
    await subject.sdk.publishMessage({ name: 'ms-applied', correlationKey: 'early', variables: {}, timeToLive: 600_000 });
    await drive.deploy('msStart', startedBy('msStart', definition, 'ms-work', messageRoot('applied', 'ms-applied')));
    expect(await instancesOf(subject, 'msStart')).toEqual([]);
    await subject.sdk.publishMessage({ name: 'ms-applied', correlationKey: 'A-1', variables: { applicant: 'Domov' }, timeToLive: 0 });
    const [instance] = await instancesOf(subject, 'msStart');
    expect(await variablesOf(subject, instance)).toEqual({ applicant: 'Domov' });
    const job = await drive.completeOne('ms-work');
    expect(job.processInstanceKey).toBe(instance);
  });

  it('while an instance a message started is active, a message with the same correlation key starts none; once it ends, the buffered one does', async () => {
    await drive.deploy('msUnique', startedBy('msUnique', '<bpmn:messageEventDefinition messageRef="once"/>', 'ms-unique-work', messageRoot('once', 'ms-once')));
    await subject.sdk.publishMessage({ name: 'ms-once', correlationKey: 'K', variables: { round: 1 }, timeToLive: 0 });
    await subject.sdk.publishMessage({ name: 'ms-once', correlationKey: 'K', variables: { round: 2 }, timeToLive: 600_000 });
    await subject.sdk.publishMessage({ name: 'ms-once', correlationKey: 'other', variables: { round: 3 }, timeToLive: 0 });
    expect(await instancesOf(subject, 'msUnique')).toHaveLength(2);
    const jobs = await drive.activate('ms-unique-work');
    expect(jobs.map((job) => job.variables.round).sort()).toEqual([1, 3]);
    await subject.sdk.completeJob({ jobKey: jobs.find((job) => job.variables.round === 1)!.key, variables: {} });
    const [next] = await drive.activate('ms-unique-work');
    expect(next.variables).toEqual({ round: 2 });
  });

  it('messages without a correlation key start an instance each', async () => {
    await drive.deploy('msNoKey', startedBy('msNoKey', '<bpmn:messageEventDefinition messageRef="nokey"/>', 'ms-nokey-work', messageRoot('nokey', 'ms-nokey')));
    for (let i = 0; i < 3; i++) await subject.zbc.publishMessage({ name: 'ms-nokey', correlationKey: '', variables: {}, timeToLive: 0 });
    expect(await instancesOf(subject, 'msNoKey')).toHaveLength(3);
  });

  it('a new version without the message start event closes the subscription', async () => {
    await drive.deploy('msReplaced', startedBy('msReplaced', '<bpmn:messageEventDefinition messageRef="r"/>', 'ms-replaced', messageRoot('r', 'ms-replaced')));
    await drive.deploy('msReplaced', bpmn('msReplaced', `<bpmn:startEvent id="start"/>${end()}${chain('start', 'end')}`));
    await subject.sdk.publishMessage({ name: 'ms-replaced', correlationKey: 'x', variables: {}, timeToLive: 0 });
    expect(await instancesOf(subject, 'msReplaced')).toEqual([]);
  });

  it('a process with only event start events cannot be created by CreateProcessInstance, nor called', async () => {
    await expect(drive.run('msStart')).rejects.toThrow(/Expected to create instance of process with none start event, but there is no such event/);
    await drive.deploy('msCaller', bpmn('msCaller', `<bpmn:startEvent id="start"/><bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="msStart"/></bpmn:extensionElements></bpmn:callActivity>${end()}${chain('start', 'call', 'end')}`));
    const caller = await drive.run('msCaller');
    expect((await incidentsOf(subject, caller))[0]).toMatchObject({
      errorType: 'CALLED_ELEMENT_ERROR',
      errorMessage: "Expected process with BPMN process id 'msStart' to have a none start event, but not found.",
    });
  });
});

describe('timer start event', () => {
  it('date: starts one instance when the clock passes it', async () => {
    const date = new Date(subject.engine.clock.now() + 2 * 24 * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
    await drive.deploy('tsDate', startedBy('tsDate', `<bpmn:timerEventDefinition><bpmn:timeDate>${date}</bpmn:timeDate></bpmn:timerEventDefinition>`, 'ts-date'));
    await drive.passTime(24 * 3600_000);
    expect(await instancesOf(subject, 'tsDate')).toEqual([]);
    await drive.passTime(24 * 3600_000 + 1000);
    await eventually(async () => (await instancesOf(subject, 'tsDate')).length === 1);
  });

  it('duration: Camunda 8.8 refuses it on a process\'s timer start event (an event sub-process may have one)', async () => {
    const model = startedBy('tsDuration', '<bpmn:timerEventDefinition><bpmn:timeDuration>PT2H</bpmn:timeDuration></bpmn:timerEventDefinition>', 'ts-duration');
    await expect(drive.deploy('tsDuration', model)).rejects.toThrow(/- Element: start\n\s+- ERROR: Property <timeDuration> not allowed \(bpmnlint camunda-compat\/timer\)/);
  });

  it('repeating cycle: one instance per interval, as many as the cycle repeats; each completes on its own', async () => {
    await drive.deploy('tsCycle', startedBy('tsCycle', '<bpmn:timerEventDefinition><bpmn:timeCycle>R2/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition>', 'ts-cycle'));
    for (let hour = 0; hour < 3; hour++) await drive.passTime(3600_000 + 1000);
    await eventually(async () => (await instancesOf(subject, 'tsCycle')).length === 2);
    const jobs = await drive.activate('ts-cycle');
    expect(jobs).toHaveLength(2);
    for (const job of jobs) await subject.sdk.completeJob({ jobKey: job.key, variables: {} });
    for (const instance of await instancesOf(subject, 'tsCycle')) expect(await isCompleted(subject, instance)).toBe(true);
  });

  it('cron: starts an instance at each matching time', async () => {
    await drive.deploy('tsCron', startedBy('tsCron', '<bpmn:timerEventDefinition><bpmn:timeCycle>0 0 * * * *</bpmn:timeCycle></bpmn:timerEventDefinition>', 'ts-cron'));
    await drive.passTime(3600_000);
    await eventually(async () => (await instancesOf(subject, 'tsCron')).length === 1);
    await drive.passTime(3600_000);
    await eventually(async () => (await instancesOf(subject, 'tsCron')).length === 2);
    // Stop it: the next version has no timer.
    await drive.deploy('tsCron', bpmn('tsCron', `<bpmn:startEvent id="start"/>${end()}${chain('start', 'end')}`));
  });

  it('a new version replaces the previous version\'s timer', async () => {
    const cycle = (interval: string) => `<bpmn:timerEventDefinition><bpmn:timeCycle>R/${interval}</bpmn:timeCycle></bpmn:timerEventDefinition>`;
    await drive.deploy('tsReplaced', startedBy('tsReplaced', cycle('PT1H'), 'ts-replaced-v1'));
    await drive.deploy('tsReplaced', startedBy('tsReplaced', cycle('PT3H'), 'ts-replaced-v2'));
    await drive.passTime(3600_000 + 1000);
    expect(await instancesOf(subject, 'tsReplaced')).toEqual([]);
    await drive.passTime(2 * 3600_000);
    await eventually(async () => (await instancesOf(subject, 'tsReplaced')).length === 1);
    const [job] = await drive.activate('ts-replaced-v2');
    expect(job).toMatchObject({ bpmnProcessId: 'tsReplaced', processDefinitionVersion: 2 });
    expect(await drive.activate('ts-replaced-v1')).toEqual([]);
    await drive.deploy('tsReplaced', bpmn('tsReplaced', `<bpmn:startEvent id="start"/>${end()}${chain('start', 'end')}`));
  });

  it('an invalid static timer is rejected at deploy time', async () => {
    const model = startedBy('tsInvalid', '<bpmn:timerEventDefinition><bpmn:timeCycle>every monday</bpmn:timeCycle></bpmn:timerEventDefinition>', 'ts-invalid');
    await expect(drive.deploy('tsInvalid', model)).rejects.toThrow(/start[\s\S]*every monday/);
  });
});

describe('signal start event', () => {
  it('BroadcastSignal starts an instance of each process waiting for it, with the signal variables', async () => {
    const definition = '<bpmn:signalEventDefinition signalRef="s"/>';
    const signal = '<bpmn:signal id="s" name="ss-new-year"/>';
    await drive.deploy('ssFirst', startedBy('ssFirst', definition, 'ss-first', signal));
    await drive.deploy('ssSecond', startedBy('ssSecond', definition, 'ss-second', signal));
    await subject.sdk.broadcastSignal({ signalName: 'ss-new-year', variables: { year: 2027 } });
    expect((await drive.completeOne('ss-first')).variables).toEqual({ year: 2027 });
    expect((await drive.completeOne('ss-second')).variables).toEqual({ year: 2027 });
  });
});
