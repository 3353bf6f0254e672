import { expect, it } from '@jest/globals';
import { bpmn, chain, end, eventually, instancesOf, isCompleted, serviceTask, start, useEngineUnderTest, type EngineDriver, type EngineUnderTest } from './support.js';

/** A restart in the middle of multi-instance activities, event sub-processes, signal catch events and timer start events loses nothing. */
let subject: EngineUnderTest;
let drive: EngineDriver;
useEngineUnderTest((started) => ({ subject, drive } = started));

it('multi-instance progress, event sub-process and signal subscriptions, start timers and message start events survive a restart', async () => {
  const loop =
    '<bpmn:multiInstanceLoopCharacteristics isSequential="true"><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=items" inputElement="item" outputCollection="results" outputElement="=result"/></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>';
  await drive.deploy(
    'restartMany',
    bpmn(
      'restartMany',
      `${start()}<bpmn:serviceTask id="task"><bpmn:extensionElements><zeebe:taskDefinition type="rs-item"/></bpmn:extensionElements>${loop}</bpmn:serviceTask>
       <bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="go"/></bpmn:intermediateCatchEvent>${end()}${chain('start', 'task', 'wait', 'end')}
       <bpmn:subProcess id="withdraw" triggeredByEvent="true"><bpmn:startEvent id="ws" isInterrupting="false"><bpmn:messageEventDefinition messageRef="note"/></bpmn:startEvent>${serviceTask('noted', 'rs-noted')}${end('we')}${chain('ws', 'noted', 'we')}</bpmn:subProcess>`,
      '<bpmn:signal id="go" name="rs-go"/><bpmn:message id="note" name="rs-note"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseId"/></bpmn:extensionElements></bpmn:message>',
    ),
  );
  await drive.deploy(
    'restartTimer',
    bpmn('restartTimer', `<bpmn:startEvent id="start"><bpmn:timerEventDefinition><bpmn:timeCycle>R2/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>${end()}${chain('start', 'end')}`),
  );
  await drive.deploy(
    'restartMessage',
    bpmn('restartMessage', `<bpmn:startEvent id="start"><bpmn:messageEventDefinition messageRef="m"/></bpmn:startEvent>${end()}${chain('start', 'end')}`, '<bpmn:message id="m" name="rs-start"/>'),
  );
  const instance = await drive.run('restartMany', { items: ['a', 'b'], caseId: 'R-1' });
  await drive.completeOne('rs-item', { result: 'A' });

  await subject.restart();

  const second = await drive.completeOne('rs-item', { result: 'B' });
  expect(second.variables).toMatchObject({ item: 'b', loopCounter: 2 });
  await subject.sdk.publishMessage({ name: 'rs-note', correlationKey: 'R-1', variables: {}, timeToLive: 0 });
  await drive.completeOne('rs-noted');
  await subject.sdk.broadcastSignal({ signalName: 'rs-go', variables: {} });
  expect(await isCompleted(subject, instance)).toBe(true);
  await drive.passTime(3600_000 + 1000);
  await eventually(async () => (await instancesOf(subject, 'restartTimer')).length === 1);
  await subject.sdk.publishMessage({ name: 'rs-start', correlationKey: '', variables: {}, timeToLive: 0 });
  expect(await instancesOf(subject, 'restartMessage')).toHaveLength(1);
});
