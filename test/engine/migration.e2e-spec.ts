import { describe, expect, it } from '@jest/globals';
import { chain, end, escape, eventually, flow, incidentsOf, isCompleted, message, serviceTask, start, useEngineUnderTest, type EngineDriver, type EngineUnderTest } from './support.js';

/** MigrateProcessInstance (@camunda8/sdk; zeebe-node 8.3 has no call for it): instances move to another version and go on along its flow. */
let subject: EngineUnderTest;
let drive: EngineDriver;
useEngineUnderTest((started) => ({ subject, drive } = started));

const USER_TASK = 'io.camunda.zeebe:userTask';

function migrate(processInstanceKey: string, targetProcessDefinitionKey: string, mappings: [string, string][]) {
  const mappingInstructions = mappings.map(([sourceElementId, targetElementId]) => ({ sourceElementId, targetElementId }));
  return subject.sdk.migrateProcessInstance({ processInstanceKey, migrationPlan: { targetProcessDefinitionKey, mappingInstructions } });
}

function userTask(id: string, candidateGroups: string): string {
  return `<bpmn:userTask id="${id}"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="${candidateGroups}"/></bpmn:extensionElements></bpmn:userTask>`;
}

function headers(values: Record<string, string>): string {
  return `<zeebe:taskHeaders>${Object.entries(values).map(([key, value]) => `<zeebe:header key="${key}" value="${escape(value)}"/>`).join('')}</zeebe:taskHeaders>`;
}

/** The job row of an instance's element, as the engine holds it. */
async function jobRow(processInstanceKey: string): Promise<Record<string, unknown>> {
  const [row] = await subject.query<{ data: Record<string, unknown> }>(`SELECT data FROM engine.jobs WHERE data->>'processInstanceKey' = $1`, [processInstanceKey]);
  return row.data;
}

async function intents(processInstanceKey: string, valueType: string): Promise<string[]> {
  const rows = await subject.query<{ intent: string }>(
    `SELECT intent FROM engine.records WHERE value_type = $2 AND value->>'processInstanceKey' = $1 ORDER BY position`,
    [processInstanceKey, valueType],
  );
  return rows.map((row) => row.intent);
}

describe('migrating an instance to another version', () => {
  it('a job-based user task keeps its job, takes v2 definition data, survives a restart and goes on along v2', async () => {
    const v1 = await drive.deployProcess('migUser', `${start()}${userTask('review', 'orp:kurim')}${end()}${chain('start', 'review', 'end')}`);
    const instance = await drive.run('migUser', { intentionId: '7' });
    const v2 = await drive.deployProcess(
      'migUser',
      `${start()}${userTask('review', 'region:jmk:social-dept')}${serviceTask('archive', 'mig-user-archive')}${end()}${chain('start', 'review', 'archive', 'end')}`,
    );
    expect(v2).not.toBe(v1);
    const [task] = (await drive.activate(USER_TASK)).filter((job) => job.processInstanceKey === instance);

    await migrate(instance, v2, [['review', 'review']]);

    // As in Zeebe the job is not created again: same key and type, its headers as they were.
    expect(await jobRow(instance)).toMatchObject({
      key: task.key,
      type: USER_TASK,
      state: 'ACTIVATED',
      processDefinitionKey: v2,
      processDefinitionVersion: 2,
      bpmnProcessId: 'migUser',
      elementId: 'review',
      customHeaders: { 'io.camunda.zeebe:candidateGroups': '["orp:kurim"]' },
    });
    expect(await intents(instance, 'PROCESS_INSTANCE_MIGRATION')).toEqual(['MIGRATED']);
    expect(await intents(instance, 'JOB')).toContain('MIGRATED');

    await subject.restart();
    const view = await subject.engine.engine.processInstanceView(instance);
    expect(view).toMatchObject({ processDefinitionKey: v2, version: 2, state: 'ACTIVE' });
    expect(view?.elements.find((element) => element.elementId === 'review')).toMatchObject({ state: 'ACTIVE' });

    await subject.sdk.completeJob({ jobKey: task.key, variables: { approved: true } });
    const archive = await drive.completeOne('mig-user-archive');
    expect(archive).toMatchObject({ processInstanceKey: instance, processDefinitionKey: v2, processDefinitionVersion: 2 });
    expect(archive.variables).toEqual({ intentionId: '7', approved: true });
    expect(await isCompleted(subject, instance)).toBe(true);
  });

  it('a service task moves to an element of another id in another process; its job keeps its type', async () => {
    await drive.deployProcess('migSvcA', `${start()}${serviceTask('check', 'mig-check')}${end()}${chain('start', 'check', 'end')}`);
    const instance = await drive.run('migSvcA', { applicant: 'Domov' });
    const target = await drive.deployProcess(
      'migSvcB',
      `${start()}${serviceTask('verify', 'mig-verify')}${serviceTask('notify', 'mig-svc-notify')}${end()}${chain('start', 'verify', 'notify', 'end')}`,
    );

    await migrate(instance, target, [['check', 'verify']]);

    expect(await drive.activate('mig-verify')).toEqual([]);
    const job = await drive.completeOne('mig-check');
    expect(job).toMatchObject({ bpmnProcessId: 'migSvcB', processDefinitionKey: target, processDefinitionVersion: 1, elementId: 'verify' });
    expect(job.variables).toEqual({ applicant: 'Domov' });
    await drive.completeOne('mig-svc-notify');
    expect(await isCompleted(subject, instance)).toBe(true);
  });

  it("the SDK's own scenario: migrated at its checkpoint, the instance's next task comes from version 2", async () => {
    const model = (version: string) =>
      `${start('StartEvent_1')}${serviceTask('Activity_1fbznct', 'migrant-worker-task-1', headers({ ProcessVersion: version }))}${serviceTask('Activity_050vmrm', 'migration-checkpoint')}
       ${serviceTask('Activity_0wjb7yn', 'migrant-worker-task-2', headers({ ProcessVersion: version }))}${end('Event_0zwmdqk')}
       ${chain('StartEvent_1', 'Activity_1fbznct', 'Activity_050vmrm', 'Activity_0wjb7yn', 'Event_0zwmdqk')}`;
    await drive.deployProcess('migrant-work', model('1'));
    const instance = await subject.sdk.createProcessInstance({ bpmnProcessId: 'migrant-work', variables: {} });
    /** Completes one job of the type with a worker, as the SDK's test does, and answers its instance and ProcessVersion header. */
    const work = (taskType: string) =>
      new Promise<{ instanceKey: string; processVersion: unknown }>((resolve) => {
        const worker = subject.sdk.createWorker({
          taskType,
          pollInterval: 100,
          taskHandler: async (job) => {
            const outcome = await job.complete();
            await worker.close();
            resolve({ instanceKey: job.processInstanceKey, processVersion: job.customHeaders.ProcessVersion });
            return outcome;
          },
        });
      });
    expect(await work('migrant-worker-task-1')).toEqual({ instanceKey: instance.processInstanceKey, processVersion: '1' });

    const v2 = await drive.deployProcess('migrant-work', model('2'));
    await migrate(instance.processInstanceKey, v2, [['Activity_050vmrm', 'Activity_050vmrm']]);

    await work('migration-checkpoint');
    expect(await work('migrant-worker-task-2')).toEqual({ instanceKey: instance.processInstanceKey, processVersion: '2' });
    await eventually(() => isCompleted(subject, instance.processInstanceKey));
  });

  it('inside a sub-process and a parallel multi-instance: each instance moves and the flow goes on in the target scope', async () => {
    const loop = '<bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=[1,2,3]" inputElement="item"/></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>';
    const scoreTask = (id: string, type: string) => serviceTask(id, type).replace('</bpmn:serviceTask>', `${loop}</bpmn:serviceTask>`);
    await drive.deployProcess(
      'migSub',
      `${start()}<bpmn:subProcess id="review">${start('s')}${scoreTask('score', 'mig-score')}${end('e')}${chain('s', 'score', 'e')}</bpmn:subProcess>${end()}${chain('start', 'review', 'end')}`,
    );
    const instance = await drive.run('migSub');
    const v2 = await drive.deployProcess(
      'migSub',
      `${start()}<bpmn:subProcess id="review2">${start('s')}${scoreTask('score2', 'mig-score2')}${serviceTask('sign', 'mig-sign')}${end('e')}${chain('s', 'score2', 'sign', 'e')}</bpmn:subProcess>
       ${end()}${chain('start', 'review2', 'end')}`,
    );

    await migrate(instance, v2, [['review', 'review2'], ['score', 'score2']]);

    const jobs = await drive.activate('mig-score', 10);
    expect(jobs.map((job) => [job.elementId, job.processDefinitionVersion, job.variables.item])).toEqual([['score2', 2, 1], ['score2', 2, 2], ['score2', 2, 3]]);
    for (const job of jobs) await subject.sdk.completeJob({ jobKey: job.key, variables: {} });
    await drive.completeOne('mig-sign');
    expect(await isCompleted(subject, instance)).toBe(true);
  });
});

describe('catch events and incidents', () => {
  const timer = (id: string, attachedTo: string, duration: string) =>
    `<bpmn:boundaryEvent id="${id}" attachedToRef="${attachedTo}"><bpmn:timerEventDefinition><bpmn:timeDuration>${duration}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>`;

  it('a mapped timer boundary event keeps its due date; an unmapped one of the target is subscribed anew', async () => {
    await drive.deployProcess('migTimer', `${start()}${serviceTask('wait', 'mig-timer-wait')}${timer('late1', 'wait', 'P1D')}${end()}${end('lateEnd1')}${chain('start', 'wait', 'end')}${chain('late1', 'lateEnd1')}`);
    const instance = await drive.run('migTimer', { intentionId: '12' });
    const target = await drive.deployProcess(
      'migTimer',
      `${start()}${serviceTask('wait', 'mig-timer-wait')}${timer('late2', 'wait', 'P3D')}
       <bpmn:boundaryEvent id="withdrawn" attachedToRef="wait"><bpmn:messageEventDefinition messageRef="withdrawal"/></bpmn:boundaryEvent>
       ${serviceTask('escalate', 'mig-timer-escalate')}${end()}${end('withdrawnEnd')}${chain('start', 'wait', 'end')}${chain('late2', 'escalate', 'end')}${chain('withdrawn', 'withdrawnEnd')}`,
      message('withdrawal', 'mig-withdrawal', '=intentionId'),
    );

    await migrate(instance, target, [['wait', 'wait'], ['late1', 'late2']]);

    expect(await intents(instance, 'TIMER')).toEqual(['CREATED', 'MIGRATED']);
    const [subscription] = await subject.query<{ data: Record<string, unknown> }>(`SELECT data FROM engine.message_subscriptions WHERE data->>'processInstanceKey' = $1`, [instance]);
    expect(subscription.data).toMatchObject({ elementId: 'withdrawn', messageName: 'mig-withdrawal', correlationKey: '12' });
    // Due after one day, as the source's timer was, not after the target's three.
    await drive.passTime(24 * 3600_000 + 1000);
    await drive.completeOne('mig-timer-escalate');
    expect(await isCompleted(subject, instance)).toBe(true);
  });

  it('an instance with an incident migrates; resolving it retries on the corrected target model', async () => {
    const route = (variable: string) =>
      `${start()}<bpmn:exclusiveGateway id="route"/>${serviceTask('big', 'mig-fix-big')}${serviceTask('small', 'mig-fix-small')}${end()}${end('smallEnd')}
       ${flow('start', 'route')}${flow('route', 'big', `=${variable} > 100`)}${flow('route', 'small', `=${variable} <= 100`)}${chain('big', 'end')}${chain('small', 'smallEnd')}`;
    await drive.deployProcess('migFix', route('total'));
    const instance = await drive.run('migFix', { amount: 250 });
    const [incident] = await incidentsOf(subject, instance);
    expect(incident).toMatchObject({ errorType: 'CONDITION_ERROR', elementId: 'route' });
    const v2 = await drive.deployProcess('migFix', route('amount'));

    await migrate(instance, v2, [['route', 'route']]);

    expect((await incidentsOf(subject, instance))[0]).toMatchObject({ key: incident.key, processDefinitionKey: v2, elementId: 'route' });
    expect(await intents(instance, 'INCIDENT')).toEqual(['CREATED', 'MIGRATED']);
    await subject.sdk.resolveIncident({ incidentKey: incident.key });
    await drive.completeOne('mig-fix-big');
    expect(await isCompleted(subject, instance)).toBe(true);
  });
});
