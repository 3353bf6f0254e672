import { describe, expect, it } from '@jest/globals';
import {
  bpmn,
  chain,
  end,
  eventually,
  finalVariables,
  isCompleted,
  isTerminated,
  lifecycle,
  message,
  serviceTask,
  start,
  useEngineUnderTest,
  type EngineDriver,
  type EngineUnderTest,
} from './support.js';

/** Event sub-processes with message, timer, error, signal and escalation start events, interrupting and not. */
let subject: EngineUnderTest;
let drive: EngineDriver;
useEngineUnderTest((started) => ({ subject, drive } = started));

function eventSubProcess(id: string, startDefinition: string, handlerType: string, interrupting = true): string {
  return `<bpmn:subProcess id="${id}" triggeredByEvent="true">
    <bpmn:startEvent id="${id}Start" isInterrupting="${interrupting}">${startDefinition}</bpmn:startEvent>
    ${serviceTask(`${id}Handle`, handlerType)}<bpmn:endEvent id="${id}End"/>${chain(`${id}Start`, `${id}Handle`, `${id}End`)}
  </bpmn:subProcess>`;
}

const mainFlow = (type: string) => `${start()}${serviceTask('work', type)}${end()}${chain('start', 'work', 'end')}`;
const withdrawn = message('withdrawnMessage', 'esp-withdrawn', '=caseId');

describe('message start', () => {
  it('interrupting: terminates everything in the scope, including a called process, and runs with the message variables', async () => {
    await drive.deploy('espChild', bpmn('espChild', `${start()}${serviceTask('childWork', 'esp-child-work')}${end()}${chain('start', 'childWork', 'end')}`));
    const model = bpmn(
      'espInterrupt',
      `${start()}<bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="espChild"/></bpmn:extensionElements></bpmn:callActivity>${end()}${chain('start', 'call', 'end')}
       ${eventSubProcess('withdraw', '<bpmn:messageEventDefinition messageRef="withdrawnMessage"/>', 'esp-withdraw')}`,
      withdrawn,
    );
    await drive.deploy('espInterrupt', model);
    const instance = await drive.run('espInterrupt', { caseId: 'W-1' });
    const [childJob] = await drive.activate('esp-child-work');
    await subject.sdk.publishMessage({ name: 'esp-withdrawn', correlationKey: 'W-1', variables: { withdrawalReason: 'changed plans' }, timeToLive: 0 });
    expect(await isTerminated(subject, childJob.processInstanceKey)).toBe(true);
    expect(await lifecycle(subject, instance, 'call')).toContain('ELEMENT_TERMINATED');
    const handler = await drive.completeOne('esp-withdraw');
    expect(handler.variables).toMatchObject({ caseId: 'W-1', withdrawalReason: 'changed plans' });
    expect(await isCompleted(subject, instance)).toBe(true);
    expect(await lifecycle(subject, instance, 'withdraw')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    await expect(subject.sdk.completeJob({ jobKey: childJob.key, variables: {} })).rejects.toThrow(/NOT_FOUND/);
  });

  it('a message buffered before the instance reached its scope interrupts it as soon as the subscription opens', async () => {
    await drive.deploy('espBuffered', bpmn('espBuffered', `${mainFlow('esp-buffered-work')}${eventSubProcess('withdraw', '<bpmn:messageEventDefinition messageRef="withdrawnMessage"/>', 'esp-buffered-handle')}`, withdrawn));
    await subject.sdk.publishMessage({ name: 'esp-withdrawn', correlationKey: 'B-1', variables: {}, timeToLive: 60_000 });
    const instance = await drive.run('espBuffered', { caseId: 'B-1' });
    expect(await lifecycle(subject, instance, 'work')).toContain('ELEMENT_TERMINATED');
    expect(await drive.activate('esp-buffered-handle')).toHaveLength(1);
  });

  it('non-interrupting: runs alongside the main flow, once per message, and the scope waits for it', async () => {
    await drive.deploy('espNonInterrupting', bpmn('espNonInterrupting', `${mainFlow('esp-ni-work')}${eventSubProcess('note', '<bpmn:messageEventDefinition messageRef="withdrawnMessage"/>', 'esp-ni-note', false)}`, withdrawn));
    const instance = await drive.run('espNonInterrupting', { caseId: 'N-1' });
    await subject.sdk.publishMessage({ name: 'esp-withdrawn', correlationKey: 'N-1', variables: { n: 1 }, timeToLive: 0 });
    await subject.sdk.publishMessage({ name: 'esp-withdrawn', correlationKey: 'N-1', variables: { n: 2 }, timeToLive: 0 });
    const notes = await drive.activate('esp-ni-note');
    expect(notes).toHaveLength(2);
    await drive.completeOne('esp-ni-work');
    expect(await isCompleted(subject, instance)).toBe(false);
    for (const note of notes) await subject.sdk.completeJob({ jobKey: note.key, variables: {} });
    expect(await isCompleted(subject, instance)).toBe(true);
  });

  it('once an interrupting event sub-process started, the scope takes no other event', async () => {
    const model = bpmn(
      'espOnce',
      `${mainFlow('esp-once-work')}${eventSubProcess('first', '<bpmn:messageEventDefinition messageRef="withdrawnMessage"/>', 'esp-once-first')}
       ${eventSubProcess('second', '<bpmn:messageEventDefinition messageRef="otherMessage"/>', 'esp-once-second', false)}`,
      `${withdrawn}${message('otherMessage', 'esp-other', '=caseId')}`,
    );
    await drive.deploy('espOnce', model);
    await drive.run('espOnce', { caseId: 'O-1' });
    await subject.sdk.publishMessage({ name: 'esp-withdrawn', correlationKey: 'O-1', variables: {}, timeToLive: 0 });
    await subject.sdk.publishMessage({ name: 'esp-other', correlationKey: 'O-1', variables: {}, timeToLive: 0 });
    expect(await drive.activate('esp-once-first')).toHaveLength(1);
    expect(await drive.activate('esp-once-second')).toEqual([]);
  });
});

describe('timer start', () => {
  it('non-interrupting cycle: runs each time while the scope is active', async () => {
    const timer = '<bpmn:timerEventDefinition><bpmn:timeCycle>R2/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition>';
    await drive.deploy('espTimerCycle', bpmn('espTimerCycle', `${mainFlow('esp-cycle-work')}${eventSubProcess('remind', timer, 'esp-cycle-remind', false)}`));
    const instance = await drive.run('espTimerCycle');
    for (let hour = 0; hour < 3; hour++) await drive.passTime(3600_000 + 1000);
    const started = async () => (await lifecycle(subject, instance, 'remindStart')).filter((intent) => intent === 'ELEMENT_COMPLETED').length;
    await eventually(async () => (await started()) === 2);
    expect(await drive.activate('esp-cycle-remind')).toHaveLength(2);
    expect(await started()).toBe(2);
    expect(await drive.activate('esp-cycle-work')).toHaveLength(1);
  });

  it('interrupting duration: ends the main flow when it takes too long', async () => {
    const timer = '<bpmn:timerEventDefinition><bpmn:timeDuration>P30D</bpmn:timeDuration></bpmn:timerEventDefinition>';
    await drive.deploy('espTimeout', bpmn('espTimeout', `${mainFlow('esp-timeout-work')}${eventSubProcess('expire', timer, 'esp-timeout-expire')}`));
    const instance = await drive.run('espTimeout');
    await drive.passTime(31 * 24 * 3600_000);
    await eventually(async () => (await lifecycle(subject, instance, 'work')).includes('ELEMENT_TERMINATED'));
    expect(await drive.activate('esp-timeout-work')).toEqual([]);
    await drive.completeOne('esp-timeout-expire');
    expect(await isCompleted(subject, instance)).toBe(true);
  });
});

describe('error start', () => {
  it('catches an error thrown by a job in its scope, with the error variables (zeebe-node throws)', async () => {
    const errorStart = '<bpmn:errorEventDefinition errorRef="notEligible"/>';
    await drive.deploy('espError', bpmn('espError', `${mainFlow('esp-error-work')}${eventSubProcess('handleError', errorStart, 'esp-error-handle')}`, '<bpmn:error id="notEligible" errorCode="NOT_ELIGIBLE"/>'));
    const instance = await drive.run('espError');
    const [job] = await subject.zbc.activateJobs({ type: 'esp-error-work', worker: 'w', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: -1 });
    await subject.zbc.throwError({ jobKey: job.key, errorCode: 'NOT_ELIGIBLE', errorMessage: 'no', variables: { reason: 'capacity' } } as never);
    const handler = await drive.completeOne('esp-error-handle');
    expect(handler.variables).toMatchObject({ reason: 'capacity' });
    expect(await isCompleted(subject, instance)).toBe(true);
  });

  it('an event sub-process inside a sub-process catches before the boundary event of the sub-process', async () => {
    const inner = `<bpmn:subProcess id="sub">${start('s')}<bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="err"/></bpmn:endEvent>${chain('s', 'fail')}
      ${eventSubProcess('innerHandler', '<bpmn:errorEventDefinition/>', 'esp-inner-handle')}</bpmn:subProcess>
      <bpmn:boundaryEvent id="outer" attachedToRef="sub"><bpmn:errorEventDefinition/></bpmn:boundaryEvent>${end('outerEnd')}`;
    await drive.deploy('espNested', bpmn('espNested', `${start()}${inner}${end()}${chain('start', 'sub', 'end')}${chain('outer', 'outerEnd')}`, '<bpmn:error id="err" errorCode="X"/>'));
    const instance = await drive.run('espNested');
    await drive.completeOne('esp-inner-handle');
    expect(await isCompleted(subject, instance)).toBe(true);
    expect(await lifecycle(subject, instance, 'outerEnd')).toEqual([]);
    expect(await lifecycle(subject, instance, 'sub')).toContain('ELEMENT_COMPLETED');
  });
});

describe('signal and escalation start', () => {
  it('signal: BroadcastSignal (zeebe-node) starts a non-interrupting event sub-process with the signal variables', async () => {
    const signalStart = '<bpmn:signalEventDefinition signalRef="sig"/>';
    await drive.deploy('espSignal', bpmn('espSignal', `${mainFlow('esp-signal-work')}${eventSubProcess('onSignal', signalStart, 'esp-signal-handle', false)}`, '<bpmn:signal id="sig" name="esp-plan-published"/>'));
    await drive.run('espSignal');
    await subject.zbc.broadcastSignal({ signalName: 'esp-plan-published', variables: { year: 2027 } });
    expect((await drive.completeOne('esp-signal-handle')).variables).toMatchObject({ year: 2027 });
    expect(await drive.activate('esp-signal-work')).toHaveLength(1);
  });

  it('escalation: a non-interrupting one catches an escalation thrown in its scope and the thrower goes on', async () => {
    const throwEscalation = '<bpmn:intermediateThrowEvent id="raise"><bpmn:escalationEventDefinition escalationRef="late"/></bpmn:intermediateThrowEvent>';
    const model = bpmn(
      'espEscalation',
      `${start()}${throwEscalation}${serviceTask('work', 'esp-escalation-work')}${end()}${chain('start', 'raise', 'work', 'end')}
       ${eventSubProcess('onEscalation', '<bpmn:escalationEventDefinition escalationRef="late"/>', 'esp-escalation-handle', false)}`,
      '<bpmn:escalation id="late" escalationCode="LATE"/>',
    );
    await drive.deploy('espEscalation', model);
    const instance = await drive.run('espEscalation');
    await drive.completeOne('esp-escalation-handle');
    await drive.completeOne('esp-escalation-work');
    expect(await isCompleted(subject, instance)).toBe(true);
    expect(await finalVariables(subject, instance)).toEqual({});
  });
});
