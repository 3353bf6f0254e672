import { describe, expect, it } from '@jest/globals';
import { bpmn, chain, dmn, end, incidentsOf, instancesOf, oneTask, serviceTask, useEngineUnderTest, type EngineDriver, type EngineUnderTest } from './support.js';

/** DeleteResource: process definitions, decision requirements and forms. */
let subject: EngineUnderTest;
let drive: EngineDriver;
useEngineUnderTest((started) => ({ subject, drive } = started));

const processKeyOf = (response: { deployments: unknown[] }) => (response.deployments[0] as { process: { processDefinitionKey: string } }).process.processDefinitionKey;

describe('process definitions', () => {
  it('a deleted version is gone: creating it is NOT_FOUND, the previous version is the latest again, and its version number is never reused', async () => {
    const v1 = processKeyOf(await drive.deploy('deletable', oneTask('deletable', 'del-v1')));
    const v2 = processKeyOf(await drive.deploy('deletable', oneTask('deletable', 'del-v2')));
    await subject.sdk.deleteResource({ resourceKey: v2 });
    await expect(subject.sdk.createProcessInstance({ bpmnProcessId: 'deletable', version: 2, variables: {} })).rejects.toThrow(
      "Expected to find process definition with process ID 'deletable' and version '2', but none found",
    );
    const instance = await subject.sdk.createProcessInstance({ bpmnProcessId: 'deletable', variables: {} });
    expect(instance).toMatchObject({ processDefinitionKey: v1, version: 1 });
    const v3 = await drive.deploy('deletable', oneTask('deletable', 'del-v3'));
    expect((v3.deployments[0] as unknown as { process: { version: number } }).process.version).toBe(3);
  });

  it('a process definition with running instances cannot be deleted', async () => {
    const key = processKeyOf(await drive.deploy('busy', oneTask('busy', 'del-busy')));
    await drive.run('busy');
    await expect(subject.sdk.deleteResource({ resourceKey: key })).rejects.toThrow(
      new RegExp(`FAILED_PRECONDITION[\\s\\S]*Expected to delete resource with key \`${key}\` but there are still running instances`),
    );
  });

  it('deleting the latest version brings back the previous version\'s start events', async () => {
    const withMessageStart = bpmn(
      'startAgain',
      `<bpmn:startEvent id="start"><bpmn:messageEventDefinition messageRef="m"/></bpmn:startEvent>${serviceTask('work', 'del-start-again')}${end()}${chain('start', 'work', 'end')}`,
      '<bpmn:message id="m" name="del-start-again"/>',
    );
    await drive.deploy('startAgain', withMessageStart);
    const v2 = processKeyOf(await drive.deploy('startAgain', bpmn('startAgain', `<bpmn:startEvent id="start"/>${end()}${chain('start', 'end')}`)));
    await subject.sdk.publishMessage({ name: 'del-start-again', correlationKey: '', variables: {}, timeToLive: 0 });
    expect(await instancesOf(subject, 'startAgain')).toEqual([]);
    await subject.sdk.deleteResource({ resourceKey: v2 });
    await subject.sdk.publishMessage({ name: 'del-start-again', correlationKey: '', variables: {}, timeToLive: 0 });
    expect(await instancesOf(subject, 'startAgain')).toHaveLength(1);
  });

  it('an unknown key is NOT_FOUND', async () => {
    await expect(subject.sdk.deleteResource({ resourceKey: '2251799813999999' })).rejects.toThrow(
      /NOT_FOUND[\s\S]*Expected to delete resource but no resource found with key `2251799813999999`/,
    );
  });
});

describe('decision requirements and forms', () => {
  const table = (output: string) =>
    dmn('deletableRates', `<decision id="deletable-rate" name="Rate"><literalExpression id="e"><text>${output}</text></literalExpression></decision>`);

  it('deleting a DRG deletes its decisions: the previous version answers, and without any an evaluation is NOT_FOUND', async () => {
    const first = await subject.sdk.deployResource({ decision: table('1'), name: 'rates.dmn' });
    const second = await subject.sdk.deployResource({ decision: table('2'), name: 'rates.dmn' });
    const drgKey = (response: typeof first) => (response.deployments[1] as unknown as { decisionRequirements: { decisionRequirementsKey: string } }).decisionRequirements.decisionRequirementsKey;
    expect((await subject.sdk.evaluateDecision({ decisionId: 'deletable-rate', variables: {} })).decisionOutput).toBe('2');
    await subject.sdk.deleteResource({ resourceKey: drgKey(second) });
    expect(await subject.sdk.evaluateDecision({ decisionId: 'deletable-rate', variables: {} })).toMatchObject({ decisionOutput: '1', decisionVersion: 1 });
    await subject.sdk.deleteResource({ resourceKey: drgKey(first) });
    await expect(subject.sdk.evaluateDecision({ decisionId: 'deletable-rate', variables: {} })).rejects.toThrow(/NOT_FOUND/);
  });

  it('after its form is deleted, a user task that links it raises FORM_NOT_FOUND', async () => {
    const deployed = await subject.sdk.deployResource({ form: Buffer.from(JSON.stringify({ id: 'deletableForm', type: 'default', components: [] })), name: 'deletable.form' } as never);
    const formKey = (deployed.deployments[0] as unknown as { form: { formKey: string } }).form.formKey;
    const task = '<bpmn:userTask id="fill"><bpmn:extensionElements><zeebe:formDefinition formId="deletableForm"/></bpmn:extensionElements></bpmn:userTask>';
    await drive.deploy('withForm', bpmn('withForm', `<bpmn:startEvent id="start"/>${task}${end()}${chain('start', 'fill', 'end')}`));
    await subject.sdk.deleteResource({ resourceKey: formKey });
    const instance = await drive.run('withForm');
    expect((await incidentsOf(subject, instance))[0]).toMatchObject({ errorType: 'FORM_NOT_FOUND', elementId: 'fill' });
  });
});
