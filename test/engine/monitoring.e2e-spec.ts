import { beforeAll, describe, expect, it } from '@jest/globals';
import { bpmn, chain, end, io, serviceTask, start, useEngineUnderTest, type EngineDriver, type EngineUnderTest } from './support.js';

/** The element-instance view monitoring reads in-process (Engine.processInstanceView), while the instance is driven over gRPC. */
let subject: EngineUnderTest;
let drive: EngineDriver;
useEngineUnderTest((started) => ({ subject, drive } = started));
beforeAll(async () => {
  await drive.deploy('monitoredChild', bpmn('monitoredChild', `${start()}${serviceTask('childWork', 'mon-child')}${end()}${chain('start', 'childWork', 'end')}`));
  await drive.deploy(
    'monitored',
    bpmn(
      'monitored',
      `<bpmn:startEvent id="start" name="Začátek"/>
       <bpmn:subProcess id="review" name="Posouzení"><bpmn:extensionElements>${io({ reviewRound: '=1' })}</bpmn:extensionElements>
         ${start('reviewStart')}${serviceTask('score', 'mon-score')}${end('reviewEnd')}${chain('reviewStart', 'score', 'reviewEnd')}</bpmn:subProcess>
       <bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="monitoredChild"/></bpmn:extensionElements></bpmn:callActivity>
       ${serviceTask('publish', 'mon-publish')}${end()}${chain('start', 'review', 'call', 'publish', 'end')}`,
    ),
  );
});

const view = (key: string) => subject.engine.engine.processInstanceView(key);

describe('process instance view', () => {
  it('shows the active and completed elements with timestamps, variables by scope and open incidents', async () => {
    const instance = await drive.run('monitored', { intentionId: 'I-1' });
    const running = await view(instance);
    expect(running).toMatchObject({ processInstanceKey: instance, bpmnProcessId: 'monitored', version: 1, state: 'ACTIVE', parentProcessInstanceKey: '-1' });
    expect(running!.elements.map((element) => [element.elementId, element.elementType, element.state])).toEqual([
      ['monitored', 'PROCESS', 'ACTIVE'],
      ['start', 'START_EVENT', 'COMPLETED'],
      ['review', 'SUB_PROCESS', 'ACTIVE'],
      ['reviewStart', 'START_EVENT', 'COMPLETED'],
      ['score', 'SERVICE_TASK', 'ACTIVE'],
    ]);
    const [startEvent, review] = running!.elements.slice(1, 3);
    expect(startEvent).toMatchObject({ elementName: 'Začátek', flowScopeKey: instance });
    expect(Date.parse(startEvent.startedAt)).toBeLessThanOrEqual(Date.parse(startEvent.endedAt!));
    expect(running!.variables).toEqual([
      { scopeKey: instance, elementId: 'monitored', variables: { intentionId: 'I-1' } },
      { scopeKey: review.key, elementId: 'review', variables: { reviewRound: 1 } },
    ]);

    const [score] = await drive.activate('mon-score');
    await subject.sdk.failJob({ jobKey: score.key, retries: 0, errorMessage: 'database down', retryBackOff: 0 });
    const failing = await view(instance);
    expect(failing!.incidents).toEqual([
      expect.objectContaining({ errorType: 'JOB_NO_RETRIES', errorMessage: 'database down', elementId: 'score', elementInstanceKey: score.elementInstanceKey, jobKey: score.key }),
    ]);
    await subject.sdk.updateJobRetries({ jobKey: score.key, retries: 1 });
    await subject.sdk.resolveIncident({ incidentKey: failing!.incidents[0].key });
    expect((await view(instance))!.incidents).toEqual([]);

    await drive.completeOne('mon-score', { score: 4 });
    const calling = await view(instance);
    const call = calling!.elements.find((element) => element.elementId === 'call')!;
    expect(call).toMatchObject({ elementType: 'CALL_ACTIVITY', state: 'ACTIVE' });
    const child = await view(call.calledProcessInstanceKey!);
    expect(child).toMatchObject({ bpmnProcessId: 'monitoredChild', parentProcessInstanceKey: instance, parentElementInstanceKey: call.key, state: 'ACTIVE' });

    await drive.completeOne('mon-child');
    await drive.completeOne('mon-publish');
    const done = await view(instance);
    expect(done).toMatchObject({ state: 'COMPLETED' });
    expect(done!.endedAt).toBeDefined();
    expect(done!.elements.every((element) => element.state === 'COMPLETED')).toBe(true);
    // A scope that ended keeps the variables it had.
    expect(done!.variables.find((scope) => scope.elementId === 'review')!.variables).toEqual({ reviewRound: 1 });
    expect(done!.variables.find((scope) => scope.elementId === 'monitored')!.variables).toEqual({ intentionId: 'I-1', score: 4 });
  });

  it('shows terminated elements of a cancelled instance, and nothing for an unknown key', async () => {
    const instance = await drive.run('monitored');
    await subject.sdk.cancelProcessInstance(instance);
    const cancelled = await view(instance);
    expect(cancelled!.state).toBe('TERMINATED');
    expect(cancelled!.elements.filter((element) => element.state === 'TERMINATED').map((element) => element.elementId)).toEqual(['monitored', 'review', 'score']);
    expect(await view('2251799813999999')).toBeUndefined();
  });
});
