import { describe, expect, it } from '@jest/globals';
import {
  bpmn,
  chain,
  elementInstances,
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

/** Multi-instance activities (parallel and sequential), through @camunda8/sdk and zeebe-node. */
let subject: EngineUnderTest;
let drive: EngineDriver;
useEngineUnderTest((started) => ({ subject, drive } = started));

interface Loop {
  sequential?: boolean;
  inputCollection?: string;
  inputElement?: string;
  outputCollection?: string;
  outputElement?: string;
  completionCondition?: string;
}

function loop({ sequential, inputCollection = '=items', inputElement = 'item', outputCollection, outputElement, completionCondition }: Loop): string {
  const attributes = [
    `inputCollection="${escape(inputCollection)}"`,
    `inputElement="${inputElement}"`,
    outputCollection ? `outputCollection="${outputCollection}"` : '',
    outputElement ? `outputElement="${escape(outputElement)}"` : '',
  ].join(' ');
  const condition = completionCondition ? `<bpmn:completionCondition>${escape(completionCondition)}</bpmn:completionCondition>` : '';
  return `<bpmn:multiInstanceLoopCharacteristics${sequential ? ' isSequential="true"' : ''}><bpmn:extensionElements><zeebe:loopCharacteristics ${attributes}/></bpmn:extensionElements>${condition}</bpmn:multiInstanceLoopCharacteristics>`;
}

function miTask(type: string, characteristics: Loop, extensions = ''): string {
  return `<bpmn:serviceTask id="task"><bpmn:extensionElements><zeebe:taskDefinition type="${type}"/>${extensions}</bpmn:extensionElements>${loop(characteristics)}</bpmn:serviceTask>`;
}

function miProcess(processId: string, activity: string): Buffer {
  return bpmn(processId, `${start()}${activity}<bpmn:serviceTask id="after"><bpmn:extensionElements><zeebe:taskDefinition type="${processId}-after"/></bpmn:extensionElements></bpmn:serviceTask>${end()}${chain('start', 'task', 'after', 'end')}`);
}

describe('parallel multi-instance', () => {
  it('creates one instance per item with the item and loopCounter from 1, and collects the output in input order', async () => {
    await drive.deploy('miParallel', miProcess('miParallel', miTask('mi-par', { outputCollection: 'results', outputElement: '=result' })));
    const instance = await drive.run('miParallel', { items: ['a', 'b', 'c'] });
    const jobs = await drive.activate('mi-par');
    expect(jobs.map((job) => [job.variables.item, job.variables.loopCounter])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
    // Completed out of order: the output still follows the input.
    for (const index of [2, 0, 1]) await subject.sdk.completeJob({ jobKey: jobs[index].key, variables: { result: `done-${jobs[index].variables.item}` } });
    const [after] = await drive.activate('miParallel-after');
    expect(after.variables).toEqual({ items: ['a', 'b', 'c'], results: ['done-a', 'done-b', 'done-c'] });
    // The body is Zeebe's MULTI_INSTANCE_BODY with the activity's id; its instances are SERVICE_TASKs.
    const completed = await elementInstances(subject, instance, 'task');
    expect(completed.map((row) => row.type)).toEqual(['SERVICE_TASK', 'SERVICE_TASK', 'SERVICE_TASK', 'MULTI_INSTANCE_BODY']);
  });

  it('an empty input collection skips the activity, with an empty output collection', async () => {
    await drive.deploy('miEmpty', miProcess('miEmpty', miTask('mi-empty', { outputCollection: 'results', outputElement: '=result' })));
    const instance = await drive.run('miEmpty', { items: [] });
    const [after] = await drive.activate('miEmpty-after');
    expect(after.variables).toEqual({ items: [], results: [] });
    expect(await drive.activate('mi-empty')).toEqual([]);
    expect(await lifecycle(subject, instance, 'task')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
  });

  it('the completion condition sees the instance counters and terminates the remaining instances', async () => {
    const characteristics = { outputCollection: 'votes', outputElement: '=vote', completionCondition: '=numberOfCompletedInstances >= 2' };
    await drive.deploy('miCondition', miProcess('miCondition', miTask('mi-vote', characteristics)));
    const instance = await drive.run('miCondition', { items: [1, 2, 3, 4] });
    const jobs = await drive.activate('mi-vote');
    expect(jobs).toHaveLength(4);
    await subject.sdk.completeJob({ jobKey: jobs[3].key, variables: { vote: 'yes' } });
    await subject.sdk.completeJob({ jobKey: jobs[1].key, variables: { vote: 'no' } });
    const [after] = await drive.activate('miCondition-after');
    expect(after.variables.votes).toEqual([null, 'no', null, 'yes']);
    expect(await elementInstances(subject, instance, 'task', 'ELEMENT_TERMINATED')).toHaveLength(2);
    await expect(subject.sdk.completeJob({ jobKey: jobs[0].key, variables: {} })).rejects.toThrow(/NOT_FOUND/);
  });

  it('input and output mappings apply to each instance; the output element reads the mapped variable locally', async () => {
    const mappings = io({ member: '=item.name' }, { opinion: '={member: member, score: score}' });
    await drive.deploy('miMapped', miProcess('miMapped', miTask('mi-opinion', { inputElement: 'item', outputCollection: 'opinions', outputElement: '=opinion' }, mappings)));
    const instance = await drive.run('miMapped', { items: [{ name: 'anna' }, { name: 'petr' }] });
    const jobs = await drive.activate('mi-opinion');
    expect(jobs.map((job) => job.variables.member)).toEqual(['anna', 'petr']);
    await subject.sdk.completeJob({ jobKey: jobs[1].key, variables: { score: 4 } });
    await subject.sdk.completeJob({ jobKey: jobs[0].key, variables: { score: 2 } });
    const [after] = await drive.activate('miMapped-after');
    expect(after.variables).toEqual({ items: [{ name: 'anna' }, { name: 'petr' }], opinions: [{ member: 'anna', score: 2 }, { member: 'petr', score: 4 }] });
    // Neither the job's variables nor the mapped opinion leaked out of the instances.
    expect(Object.keys(await finalVariables(subject, instance)).sort()).toEqual(['items', 'opinions']);
  });

  it('an input collection that is not a list is an incident on the body', async () => {
    await drive.deploy('miNotList', miProcess('miNotList', miTask('mi-not-list', {})));
    const instance = await drive.run('miNotList', { items: 'abc' });
    const [incident] = await incidentsOf(subject, instance);
    expect(incident).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'task' });
    expect(incident.errorMessage).toBe("Expected result of the expression 'items' to be 'ARRAY', but was 'STRING'.");
    await subject.sdk.setVariables({ elementInstanceKey: instance, variables: { items: ['x'] }, local: false });
    await subject.sdk.resolveIncident({ incidentKey: incident.key });
    expect(await drive.activate('mi-not-list')).toHaveLength(1);
  });

  it('an interrupting boundary event on a multi-instance activity terminates all its instances (zeebe-node completes the jobs)', async () => {
    const model = bpmn(
      'miBoundary',
      `${start()}${miTask('mi-boundary', {})}${end()}${end('timedOut')}
       <bpmn:boundaryEvent id="late" attachedToRef="task"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
       ${chain('start', 'task', 'end')}${chain('late', 'timedOut')}`,
    );
    await drive.deploy('miBoundary', model);
    const instance = await drive.run('miBoundary', { items: [1, 2] });
    const [first] = await subject.zbc.activateJobs({ type: 'mi-boundary', worker: 'w', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: -1 });
    await subject.zbc.completeJob({ jobKey: first.key, variables: {} });
    await drive.passTime(3600_000 + 1000);
    expect(await isCompleted(subject, instance)).toBe(true);
    expect(await lifecycle(subject, instance, 'timedOut')).toContain('ELEMENT_COMPLETED');
    expect(await elementInstances(subject, instance, 'task', 'ELEMENT_TERMINATED')).toEqual([
      expect.objectContaining({ type: 'SERVICE_TASK' }),
      expect.objectContaining({ type: 'MULTI_INSTANCE_BODY' }),
    ]);
  });
});

describe('sequential multi-instance', () => {
  it('runs one instance after the other, in input order', async () => {
    await drive.deploy('miSequential', miProcess('miSequential', miTask('mi-seq', { sequential: true, outputCollection: 'results', outputElement: '=loopCounter * 10' })));
    await drive.run('miSequential', { items: ['x', 'y'] });
    const [first, none] = await drive.activate('mi-seq');
    expect(none).toBeUndefined();
    expect(first.variables).toMatchObject({ item: 'x', loopCounter: 1 });
    await subject.sdk.completeJob({ jobKey: first.key, variables: {} });
    const [second] = await drive.activate('mi-seq');
    expect(second.variables).toMatchObject({ item: 'y', loopCounter: 2 });
    await subject.sdk.completeJob({ jobKey: second.key, variables: {} });
    const [after] = await drive.activate('miSequential-after');
    expect(after.variables.results).toEqual([10, 20]);
  });

  it('a completion condition stops before the remaining items', async () => {
    await drive.deploy('miSeqStop', miProcess('miSeqStop', miTask('mi-seq-stop', { sequential: true, completionCondition: '=found = true' })));
    await drive.run('miSeqStop', { items: ['a', 'b', 'c'] });
    await drive.completeOne('mi-seq-stop', { found: false });
    await drive.completeOne('mi-seq-stop', { found: true });
    expect(await drive.activate('mi-seq-stop')).toEqual([]);
    expect(await drive.activate('miSeqStop-after')).toHaveLength(1);
  });
});

describe('multi-instance sub-processes and call activities', () => {
  it('an embedded sub-process runs once per item, each in its own scope', async () => {
    const sub = `<bpmn:subProcess id="task">${loop({ outputCollection: 'checked', outputElement: '=item + "!"' })}
      ${start('s')}<bpmn:serviceTask id="inner"><bpmn:extensionElements><zeebe:taskDefinition type="mi-sub-inner"/></bpmn:extensionElements></bpmn:serviceTask>${end('e')}${chain('s', 'inner', 'e')}</bpmn:subProcess>`;
    await drive.deploy('miSub', miProcess('miSub', sub));
    await drive.run('miSub', { items: ['p', 'q'] });
    const jobs = await drive.activate('mi-sub-inner');
    expect(jobs.map((job) => job.variables.item)).toEqual(['p', 'q']);
    for (const job of jobs) await subject.sdk.completeJob({ jobKey: job.key, variables: {} });
    const [after] = await drive.activate('miSub-after');
    expect(after.variables.checked).toEqual(['p!', 'q!']);
  });

  it('a call activity calls the process once per item', async () => {
    await drive.deploy('miChild', bpmn('miChild', `${start()}<bpmn:serviceTask id="work"><bpmn:extensionElements><zeebe:taskDefinition type="mi-child"/></bpmn:extensionElements></bpmn:serviceTask>${end()}${chain('start', 'work', 'end')}`));
    const call = `<bpmn:callActivity id="task"><bpmn:extensionElements><zeebe:calledElement processId="miChild" propagateAllChildVariables="false" propagateAllParentVariables="false"/>${io({ intentionId: '=item' }, { answer: '=answer' })}</bpmn:extensionElements>${loop({ sequential: true, outputCollection: 'answers', outputElement: '=answer' })}</bpmn:callActivity>`;
    await drive.deploy('miCall', miProcess('miCall', call));
    await drive.run('miCall', { items: ['I-1', 'I-2'] });
    const first = await drive.completeOne('mi-child', { answer: 'A1' });
    // The child sees the call activity's local variables: its loop variables and its input mappings.
    expect(first.variables).toEqual({ intentionId: 'I-1', item: 'I-1', answer: null, loopCounter: 1 });
    await drive.completeOne('mi-child', { answer: 'A2' });
    const [after] = await drive.activate('miCall-after');
    expect(after.variables.answers).toEqual(['A1', 'A2']);
  });
});

describe('deploy-time checks', () => {
  it('a multi-instance activity without inputCollection, or with an output collection but no output element, is rejected', async () => {
    const missing = miProcess('miInvalid', miTask('x', { inputCollection: '' }).replace(' inputCollection=""', ''));
    await expect(drive.deploy('miInvalid', missing)).rejects.toThrow(/task[\s\S]*Attribute 'inputCollection' must be present and not empty/);
    const unpaired = miProcess('miInvalid', miTask('x', { outputCollection: 'out' }));
    await expect(drive.deploy('miInvalid', unpaired)).rejects.toThrow(/Attribute 'outputElement' must be present if the attribute 'outputCollection' is set/);
  });
});
