import { describe, expect, it } from '@jest/globals';
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
  type EngineDriver,
  type EngineUnderTest,
} from './support.js';

/** Event-based and inclusive gateways, signal, escalation and link events. */
let subject: EngineUnderTest;
let drive: EngineDriver;
useEngineUnderTest((started) => ({ subject, drive } = started));

describe('event-based gateway', () => {
  const model = bpmn(
    'eventGateway',
    `${start()}<bpmn:eventBasedGateway id="wait"/>
     <bpmn:intermediateCatchEvent id="answered"><bpmn:messageEventDefinition messageRef="answer"/></bpmn:intermediateCatchEvent>
     <bpmn:intermediateCatchEvent id="timedOut"><bpmn:timerEventDefinition><bpmn:timeDuration>P7D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
     <bpmn:intermediateCatchEvent id="cancelled"><bpmn:signalEventDefinition signalRef="cancel"/></bpmn:intermediateCatchEvent>
     ${serviceTask('onAnswer', 'ebg-answer')}${serviceTask('onTimeout', 'ebg-timeout')}${end('e1')}${end('e2')}${end('e3')}
     ${chain('start', 'wait')}${chain('wait', 'answered', 'onAnswer', 'e1')}${chain('wait', 'timedOut', 'onTimeout', 'e2')}${chain('wait', 'cancelled', 'e3')}`,
    `${message('answer', 'ebg-answer', '=caseId')}<bpmn:signal id="cancel" name="ebg-cancel"/>`,
  );

  it('the message that arrives first wins, with its variables; the timer no longer fires', async () => {
    await drive.deploy('eventGateway', model);
    const instance = await drive.run('eventGateway', { caseId: 'E-1' });
    await subject.sdk.publishMessage({ name: 'ebg-answer', correlationKey: 'E-1', variables: { answer: 'yes' }, timeToLive: 0 });
    expect((await drive.completeOne('ebg-answer')).variables).toMatchObject({ answer: 'yes' });
    await drive.passTime(8 * 24 * 3600_000);
    expect(await drive.activate('ebg-timeout')).toEqual([]);
    expect(await isCompleted(subject, instance)).toBe(true);
    expect(await lifecycle(subject, instance, 'timedOut')).toEqual([]);
  });

  it('the timer wins when no message comes in time; a later message finds no subscription', async () => {
    const instance = await drive.run('eventGateway', { caseId: 'E-2' });
    await drive.passTime(7 * 24 * 3600_000 + 1000);
    await eventually(async () => (await drive.activate('ebg-timeout', 1))[0]);
    await subject.sdk.publishMessage({ name: 'ebg-answer', correlationKey: 'E-2', variables: {}, timeToLive: 0 });
    expect(await drive.activate('ebg-answer')).toEqual([]);
    expect(await lifecycle(subject, instance, 'wait')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
  });

  it('a signal can win too', async () => {
    const instance = await drive.run('eventGateway', { caseId: 'E-3' });
    await subject.sdk.broadcastSignal({ signalName: 'ebg-cancel', variables: {} });
    expect(await isCompleted(subject, instance)).toBe(true);
    expect(await lifecycle(subject, instance, 'cancelled')).toContain('ELEMENT_COMPLETED');
  });

  it('an event-based gateway followed by a task is rejected at deploy time', async () => {
    const invalid = bpmn('ebgInvalid', `${start()}<bpmn:eventBasedGateway id="wait"/>${serviceTask('a', 'x')}${serviceTask('b', 'y')}${chain('start', 'wait', 'a')}${chain('wait', 'b')}`);
    await expect(drive.deploy('ebgInvalid', invalid)).rejects.toThrow(/wait[\s\S]*message, timer or signal intermediate catch events/);
  });
});

describe('inclusive gateway', () => {
  const fork = (processId: string, joinFlows = true) =>
    bpmn(
      processId,
      `${start()}<bpmn:inclusiveGateway id="fork" default="toDefault"/>${serviceTask('health', `${processId}-health`)}${serviceTask('social', `${processId}-social`)}${serviceTask('other', `${processId}-other`)}
       <bpmn:inclusiveGateway id="join"/>${serviceTask('after', `${processId}-after`)}${end()}
       ${flow('start', 'fork')}${flow('fork', 'health', '=needsHealth')}${flow('fork', 'social', '=needsSocial')}${flow('fork', 'other', undefined, 'toDefault')}
       ${joinFlows ? `${flow('health', 'join')}${flow('social', 'join')}${flow('other', 'join')}` : ''}${chain('join', 'after', 'end')}`,
    );

  it('forks into every flow whose condition holds and joins exactly those', async () => {
    await drive.deploy('inclusive', fork('inclusive'));
    const instance = await drive.run('inclusive', { needsHealth: true, needsSocial: true });
    await drive.completeOne('inclusive-health', { health: 'ok' });
    expect(await drive.activate('inclusive-after')).toEqual([]);
    await drive.completeOne('inclusive-social', { social: 'ok' });
    await drive.completeOne('inclusive-after');
    expect(await isCompleted(subject, instance)).toBe(true);
    expect(await lifecycle(subject, instance, 'join')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
  });

  it('with one branch taken, the join does not wait for the others', async () => {
    const instance = await drive.run('inclusive', { needsHealth: false, needsSocial: true });
    await drive.completeOne('inclusive-social');
    await drive.completeOne('inclusive-after');
    expect(await isCompleted(subject, instance)).toBe(true);
  });

  it('takes the default flow when no condition holds; an incident without a default', async () => {
    const instance = await drive.run('inclusive', { needsHealth: false, needsSocial: false });
    await drive.completeOne('inclusive-other');
    await drive.completeOne('inclusive-after');
    expect(await isCompleted(subject, instance)).toBe(true);
    const noDefault = bpmn(
      'inclusiveNoDefault',
      `${start()}<bpmn:inclusiveGateway id="fork"/>${end('a')}${end('b')}${flow('start', 'fork')}${flow('fork', 'a', '=x = 1')}${flow('fork', 'b', '=x = 2')}`,
    );
    await drive.deploy('inclusiveNoDefault', noDefault);
    const failing = await drive.run('inclusiveNoDefault', { x: 3 });
    expect((await incidentsOf(subject, failing))[0]).toMatchObject({
      errorType: 'CONDITION_ERROR',
      elementId: 'fork',
      errorMessage: 'Expected at least one condition to evaluate to true, or to have a default flow',
    });
  });

  it('the join goes on once a token that could still reach it ends elsewhere', async () => {
    const model = bpmn(
      'inclusiveDead',
      `${start()}<bpmn:parallelGateway id="split"/>${serviceTask('a', 'dead-a')}${serviceTask('b', 'dead-b')}<bpmn:exclusiveGateway id="route" default="toJoin"/>${end('elsewhere')}
       <bpmn:inclusiveGateway id="join"/>${serviceTask('after', 'dead-after')}${end()}
       ${chain('start', 'split', 'a', 'join')}${chain('split', 'b', 'route')}${flow('route', 'elsewhere', '=stop')}${flow('route', 'join', undefined, 'toJoin')}${chain('join', 'after', 'end')}`,
    );
    await drive.deploy('inclusiveDead', model);
    await drive.run('inclusiveDead');
    await drive.completeOne('dead-a');
    expect(await drive.activate('dead-after')).toEqual([]);
    await drive.completeOne('dead-b', { stop: true });
    expect(await drive.activate('dead-after')).toHaveLength(1);
  });
});

describe('signal events', () => {
  const signal = '<bpmn:signal id="published" name="sig-plan-published"/>';

  it('an intermediate catch event waits for the signal; BroadcastSignal (zeebe-node) reaches every waiting instance with its variables', async () => {
    await drive.deploy('sigCatch', bpmn('sigCatch', `${start()}<bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="published"/></bpmn:intermediateCatchEvent>${end()}${chain('start', 'wait', 'end')}`, signal));
    const first = await drive.run('sigCatch');
    const second = await drive.run('sigCatch');
    await subject.zbc.broadcastSignal({ signalName: 'sig-plan-published', variables: { year: 2027 } });
    for (const instance of [first, second]) {
      expect(await isCompleted(subject, instance)).toBe(true);
      expect(await finalVariables(subject, instance)).toEqual({ year: 2027 });
    }
  });

  it('boundary events: an interrupting one cancels the task, a non-interrupting one runs beside it each time', async () => {
    const model = bpmn(
      'sigBoundary',
      `${start()}${serviceTask('task', 'sig-task')}${end()}${end('cancelled')}${serviceTask('note', 'sig-note')}${end('noted')}
       <bpmn:boundaryEvent id="stop" attachedToRef="task"><bpmn:signalEventDefinition signalRef="stopSignal"/></bpmn:boundaryEvent>
       <bpmn:boundaryEvent id="info" attachedToRef="task" cancelActivity="false"><bpmn:signalEventDefinition signalRef="infoSignal"/></bpmn:boundaryEvent>
       ${chain('start', 'task', 'end')}${chain('stop', 'cancelled')}${chain('info', 'note', 'noted')}`,
      '<bpmn:signal id="stopSignal" name="sig-stop"/><bpmn:signal id="infoSignal" name="sig-info"/>',
    );
    await drive.deploy('sigBoundary', model);
    const instance = await drive.run('sigBoundary');
    await subject.sdk.broadcastSignal({ signalName: 'sig-info', variables: {} });
    await subject.sdk.broadcastSignal({ signalName: 'sig-info', variables: {} });
    expect(await drive.activate('sig-note')).toHaveLength(2);
    await subject.sdk.broadcastSignal({ signalName: 'sig-stop', variables: {} });
    expect(await lifecycle(subject, instance, 'task')).toContain('ELEMENT_TERMINATED');
    expect(await lifecycle(subject, instance, 'cancelled')).toContain('ELEMENT_COMPLETED');
  });

  it('throw and end events broadcast the signal with their input mappings as variables', async () => {
    await drive.deploy('sigListener', bpmn('sigListener', `${start()}<bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="done"/></bpmn:intermediateCatchEvent>${end()}${chain('start', 'wait', 'end')}`, '<bpmn:signal id="done" name="sig-done"/>'));
    const listener = await drive.run('sigListener');
    const thrower = bpmn(
      'sigThrower',
      `${start()}<bpmn:intermediateThrowEvent id="announce"><bpmn:extensionElements>${io({ plan: '=planYear' })}</bpmn:extensionElements><bpmn:signalEventDefinition signalRef="done"/></bpmn:intermediateThrowEvent>
       <bpmn:endEvent id="finish"><bpmn:signalEventDefinition signalRef="finished"/></bpmn:endEvent>${chain('start', 'announce', 'finish')}`,
      '<bpmn:signal id="done" name="sig-done"/><bpmn:signal id="finished" name="sig-finished"/>',
    );
    await drive.deploy('sigThrower', thrower);
    const instance = await drive.run('sigThrower', { planYear: 2027, secret: 'x' });
    expect(await isCompleted(subject, instance)).toBe(true);
    expect(await isCompleted(subject, listener)).toBe(true);
    expect(await finalVariables(subject, listener)).toEqual({ plan: 2027 });
  });
});

describe('escalation events', () => {
  const escalation = '<bpmn:escalation id="late" escalationCode="LATE"/>';
  const subWithThrow = (throwElement: string) =>
    `<bpmn:subProcess id="sub">${start('s')}${throwElement}${serviceTask('inner', 'esc-inner')}${end('subEnd')}${chain('s', 'raise', 'inner', 'subEnd')}</bpmn:subProcess>`;

  it('a non-interrupting boundary event catches it; the thrower and the sub-process go on', async () => {
    const model = bpmn(
      'escNonInterrupting',
      `${start()}${subWithThrow('<bpmn:intermediateThrowEvent id="raise"><bpmn:escalationEventDefinition escalationRef="late"/></bpmn:intermediateThrowEvent>')}
       <bpmn:boundaryEvent id="caught" attachedToRef="sub" cancelActivity="false"><bpmn:escalationEventDefinition escalationRef="late"/></bpmn:boundaryEvent>
       ${serviceTask('notify', 'esc-notify')}${end()}${end('notified')}${chain('start', 'sub', 'end')}${chain('caught', 'notify', 'notified')}`,
      escalation,
    );
    await drive.deploy('escNonInterrupting', model);
    const instance = await drive.run('escNonInterrupting');
    await drive.completeOne('esc-notify');
    await drive.completeOne('esc-inner');
    expect(await isCompleted(subject, instance)).toBe(true);
    const [record] = await subject.query<{ intent: string; value: { catchElementId: string; escalationCode: string } }>(
      `SELECT intent, value FROM engine.records WHERE value_type = 'ESCALATION' AND value->>'processInstanceKey' = $1`,
      [instance],
    );
    expect(record).toMatchObject({ intent: 'ESCALATED', value: { catchElementId: 'caught', escalationCode: 'LATE' } });
  });

  it('an interrupting boundary event on a call activity catches an escalation end event of the called process', async () => {
    await drive.deploy('escChild', bpmn('escChild', `${start()}<bpmn:endEvent id="raise"><bpmn:escalationEventDefinition escalationRef="late"/></bpmn:endEvent>${chain('start', 'raise')}`, escalation));
    const model = bpmn(
      'escParent',
      `${start()}<bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="escChild"/></bpmn:extensionElements></bpmn:callActivity>
       <bpmn:boundaryEvent id="caught" attachedToRef="call"><bpmn:escalationEventDefinition/></bpmn:boundaryEvent>${end()}${end('escalated')}
       ${chain('start', 'call', 'end')}${chain('caught', 'escalated')}`,
    );
    await drive.deploy('escParent', model);
    const instance = await drive.run('escParent');
    expect(await isCompleted(subject, instance)).toBe(true);
    expect(await lifecycle(subject, instance, 'escalated')).toContain('ELEMENT_COMPLETED');
    expect(await lifecycle(subject, instance, 'call')).toContain('ELEMENT_TERMINATED');
  });

  it('an escalation nothing catches is no incident: the throw event and the end event complete', async () => {
    const model = bpmn(
      'escUncaught',
      `${start()}<bpmn:intermediateThrowEvent id="raise"><bpmn:escalationEventDefinition escalationRef="late"/></bpmn:intermediateThrowEvent>
       <bpmn:endEvent id="finish"><bpmn:escalationEventDefinition escalationRef="late"/></bpmn:endEvent>${chain('start', 'raise', 'finish')}`,
      escalation,
    );
    await drive.deploy('escUncaught', model);
    const instance = await drive.run('escUncaught');
    expect(await isCompleted(subject, instance)).toBe(true);
    expect(await incidentsOf(subject, instance)).toEqual([]);
    const records = await subject.query<{ intent: string }>(`SELECT intent FROM engine.records WHERE value_type = 'ESCALATION' AND value->>'processInstanceKey' = $1`, [instance]);
    expect(records.map((record) => record.intent)).toEqual(['NOT_ESCALATED', 'NOT_ESCALATED']);
  });

  it('an interrupting event sub-process catches it and terminates the thrower', async () => {
    const model = bpmn(
      'escEsp',
      `${start()}<bpmn:parallelGateway id="split"/>${serviceTask('longWork', 'esc-long')}<bpmn:intermediateThrowEvent id="raise"><bpmn:escalationEventDefinition escalationRef="late"/></bpmn:intermediateThrowEvent>
       ${end('e1')}${end('e2')}${chain('start', 'split', 'longWork', 'e1')}${chain('split', 'raise', 'e2')}
       <bpmn:subProcess id="handler" triggeredByEvent="true"><bpmn:startEvent id="hs"><bpmn:escalationEventDefinition escalationRef="late"/></bpmn:startEvent>${end('he')}${chain('hs', 'he')}</bpmn:subProcess>`,
      escalation,
    );
    await drive.deploy('escEsp', model);
    const instance = await drive.run('escEsp');
    expect(await isCompleted(subject, instance)).toBe(true);
    expect(await lifecycle(subject, instance, 'longWork')).toContain('ELEMENT_TERMINATED');
    expect(await lifecycle(subject, instance, 'e2')).toEqual([]);
  });
});

describe('link events', () => {
  it('a link throw event continues at the catch event of the same name', async () => {
    const model = bpmn(
      'links',
      `${start()}<bpmn:intermediateThrowEvent id="goTo"><bpmn:linkEventDefinition name="review"/></bpmn:intermediateThrowEvent>
       <bpmn:intermediateCatchEvent id="arrive"><bpmn:linkEventDefinition name="review"/></bpmn:intermediateCatchEvent>${serviceTask('review', 'link-review')}${end()}
       ${chain('start', 'goTo')}${chain('arrive', 'review', 'end')}`,
    );
    await drive.deploy('links', model);
    const instance = await drive.run('links');
    await drive.completeOne('link-review');
    expect(await isCompleted(subject, instance)).toBe(true);
    expect(await lifecycle(subject, instance, 'arrive')).toContain('ELEMENT_COMPLETED');
  });

  it('a link throw event without a matching catch event is rejected at deploy time', async () => {
    const model = bpmn('linksBroken', `${start()}<bpmn:intermediateThrowEvent id="goTo"><bpmn:linkEventDefinition name="nowhere"/></bpmn:intermediateThrowEvent>${chain('start', 'goTo')}`);
    await expect(drive.deploy('linksBroken', model)).rejects.toThrow(/goTo[\s\S]*Can't find an catch link event for the throw link event with the name 'nowhere'/);
  });
});

describe('cancelling an instance', () => {
  it('cancelling an instance ends its event sub-process subscriptions', async () => {
    const model = bpmn(
      'espCancel',
      `${start()}${serviceTask('work', 'esp-cancel-work')}${end()}${chain('start', 'work', 'end')}
       <bpmn:subProcess id="h" triggeredByEvent="true"><bpmn:startEvent id="hs"><bpmn:signalEventDefinition signalRef="s"/></bpmn:startEvent>${end('he')}${chain('hs', 'he')}</bpmn:subProcess>`,
      '<bpmn:signal id="s" name="esp-cancel-signal"/>',
    );
    await drive.deploy('espCancel', model);
    const instance = await drive.run('espCancel');
    await subject.sdk.cancelProcessInstance(instance);
    expect(await isTerminated(subject, instance)).toBe(true);
    const open = await subject.query(`SELECT key FROM engine.signal_subscriptions WHERE data->>'processInstanceKey' = $1`, [instance]);
    expect(open).toEqual([]);
  });
});
