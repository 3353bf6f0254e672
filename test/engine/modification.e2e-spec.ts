import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  bpmn,
  chain,
  end,
  eventually,
  isCompleted,
  isTerminated,
  lifecycle,
  serviceTask,
  start,
  useEngineUnderTest,
  variablesOf,
  type EngineDriver,
  type EngineUnderTest,
} from './support.js';

/** ModifyProcessInstance: activate and terminate instructions with variable instructions, and Zeebe's rejections. */
let subject: EngineUnderTest;
let drive: EngineDriver;
useEngineUnderTest((started) => ({ subject, drive } = started));
beforeAll(async () => {
  await drive.deploy(
    'modify',
    bpmn(
      'modify',
      `${start()}${serviceTask('check', 'mod-check')}${serviceTask('approve', 'mod-approve')}
       <bpmn:subProcess id="review">${start('reviewStart')}${serviceTask('prepare', 'mod-prepare')}${serviceTask('score', 'mod-score')}${end('reviewEnd')}${chain('reviewStart', 'prepare', 'score', 'reviewEnd')}</bpmn:subProcess>
       <bpmn:boundaryEvent id="late" attachedToRef="approve"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
       ${end()}${end('lateEnd')}${chain('start', 'check', 'approve', 'review', 'end')}${chain('late', 'lateEnd')}`,
    ),
  );
});

async function elementInstanceOf(processInstanceKey: string, elementId: string): Promise<string> {
  const rows = await subject.query<{ key: string }>(`SELECT key::text FROM engine.element_instances WHERE data->>'processInstanceKey' = $1 AND data->>'elementId' = $2`, [processInstanceKey, elementId]);
  return rows[0].key;
}

describe('activate and terminate', () => {
  it('moves a token: activates a later element with global variables and terminates the current one', async () => {
    const instance = await drive.run('modify', { applicant: 'Domov' });
    const [check] = await drive.activate('mod-check');
    await subject.sdk.modifyProcessInstance({
      processInstanceKey: instance,
      activateInstructions: [{ elementId: 'approve', ancestorElementInstanceKey: '-1', variableInstructions: [{ variables: { skipped: true }, scopeId: '' }] }],
      terminateInstructions: [{ elementInstanceKey: await elementInstanceOf(instance, 'check') }],
    });
    const approve = await drive.completeOne('mod-approve');
    expect(approve.variables).toEqual({ applicant: 'Domov', skipped: true });
    await expect(subject.sdk.completeJob({ jobKey: check.key, variables: {} })).rejects.toThrow(/NOT_FOUND/);
    expect(await lifecycle(subject, instance, 'check')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    const [modified] = await subject.query<{ intent: string }>(`SELECT intent FROM engine.records WHERE value_type = 'PROCESS_INSTANCE_MODIFICATION' AND value->>'processInstanceKey' = $1`, [instance]);
    expect(modified.intent).toBe('MODIFIED');
    await subject.sdk.cancelProcessInstance(instance);
  });

  it('an element activated by modification gets its boundary events', async () => {
    const instance = await drive.run('modify');
    await subject.sdk.modifyProcessInstance({
      processInstanceKey: instance,
      activateInstructions: [{ elementId: 'approve', ancestorElementInstanceKey: '-1', variableInstructions: [] }],
      terminateInstructions: [{ elementInstanceKey: await elementInstanceOf(instance, 'check') }],
    });
    await drive.passTime(24 * 3600_000 + 1000);
    await eventually(() => isCompleted(subject, instance));
    expect(await lifecycle(subject, instance, 'lateEnd')).toContain('ELEMENT_COMPLETED');
  });

  it('activates inside a sub-process that is not active yet: the sub-process is entered without its start event (zeebe-node)', async () => {
    const instance = await drive.run('modify');
    await subject.zbc.modifyProcessInstance({
      processInstanceKey: instance,
      activateInstructions: [{ elementId: 'score', ancestorElementInstanceKey: '-1', variableInstructions: [{ variables: { reviewer: 'anna' }, scopeId: 'review' }] }],
      terminateInstructions: [{ elementInstanceKey: await elementInstanceOf(instance, 'check') }],
    } as never);
    // The variables of the instruction's scope are local to the entered sub-process.
    expect(await variablesOf(subject, await elementInstanceOf(instance, 'review'))).toEqual({ reviewer: 'anna' });
    expect(await variablesOf(subject, instance)).toEqual({});
    const score = await drive.completeOne('mod-score');
    expect(score.variables).toEqual({ reviewer: 'anna' });
    expect(await lifecycle(subject, instance, 'reviewStart')).toEqual([]);
    expect(await lifecycle(subject, instance, 'prepare')).toEqual([]);
    expect(await isCompleted(subject, instance)).toBe(true);
  });

  it('terminating the last active element terminates the empty scopes above it, up to the process instance', async () => {
    const instance = await drive.run('modify');
    await subject.sdk.modifyProcessInstance({
      processInstanceKey: instance,
      activateInstructions: [],
      terminateInstructions: [{ elementInstanceKey: await elementInstanceOf(instance, 'check') }],
    });
    expect(await isTerminated(subject, instance)).toBe(true);
  });

  it('with two instances of the flow scope the ancestor must be named', async () => {
    const model = bpmn(
      'modifyTwice',
      `${start()}<bpmn:parallelGateway id="fork"/>
       <bpmn:subProcess id="sub">${start('s')}${serviceTask('inner', 'mod-twice-inner')}${serviceTask('next', 'mod-twice-next')}${end('e')}${chain('s', 'inner', 'next', 'e')}</bpmn:subProcess>
       ${end()}${chain('start', 'fork', 'sub', 'end')}<bpmn:sequenceFlow id="again" sourceRef="fork" targetRef="sub"/>`,
    );
    await drive.deploy('modifyTwice', model);
    const instance = await drive.run('modifyTwice');
    const activateNext = (ancestorElementInstanceKey: string) =>
      subject.sdk.modifyProcessInstance({ processInstanceKey: instance, activateInstructions: [{ elementId: 'next', ancestorElementInstanceKey, variableInstructions: [] }], terminateInstructions: [] });
    await expect(activateNext('-1')).rejects.toThrow(
      "Expected to modify instance of process 'modifyTwice' but it contains one or more activate instructions for an element that has a flow scope with more than one active instance: 'sub'.",
    );
    const subs = await subject.query<{ key: string }>(`SELECT key::text FROM engine.element_instances WHERE data->>'processInstanceKey' = $1 AND data->>'elementId' = 'sub' ORDER BY key`, [instance]);
    await activateNext(subs[1].key);
    const [next] = await drive.activate('mod-twice-next');
    const flowScope = await subject.query<{ scope: string }>(`SELECT data->>'flowScopeKey' AS scope FROM engine.element_instances WHERE key = $1`, [next.elementInstanceKey]);
    expect(flowScope[0].scope).toBe(subs[1].key);
  });
});

describe('rejections', () => {
  const modify = (request: object) => subject.sdk.modifyProcessInstance({ activateInstructions: [], terminateInstructions: [], ...request } as never);

  it('an unknown process instance is NOT_FOUND', async () => {
    await expect(modify({ processInstanceKey: '2251799813999999' })).rejects.toThrow(
      /NOT_FOUND[\s\S]*Expected to modify process instance but no process instance found with key '2251799813999999'/,
    );
  });

  it('unknown elements, unsupported elements, unknown element instances and misplaced variable scopes are INVALID_ARGUMENT, and nothing changes', async () => {
    const instance = await drive.run('modify');
    const activate = (elementId: string, variableInstructions: object[] = []) => ({ elementId, ancestorElementInstanceKey: '-1', variableInstructions });
    await expect(modify({ processInstanceKey: instance, activateInstructions: [activate('nowhere')] })).rejects.toThrow(
      "Expected to modify instance of process 'modify' but it contains one or more activate instructions with an element that could not be found: 'nowhere'",
    );
    await expect(modify({ processInstanceKey: instance, activateInstructions: [activate('late')] })).rejects.toThrow(
      "Expected to modify instance of process 'modify' but it contains one or more activate instructions for elements that are unsupported: 'late'. The activation of elements with type 'BOUNDARY_EVENT' is not supported.",
    );
    await expect(modify({ processInstanceKey: instance, terminateInstructions: [{ elementInstanceKey: '2251799813999998' }] })).rejects.toThrow(
      "Expected to modify instance of process 'modify' but it contains one or more terminate instructions with an element instance that could not be found: '2251799813999998'",
    );
    await expect(modify({ processInstanceKey: instance, activateInstructions: [activate('approve', [{ scopeId: 'review', variables: {} }])] })).rejects.toThrow(
      "Expected to modify instance of process 'modify' but it contains one or more variable instructions with a scope element that doesn't belong to the activating element's flow scope.",
    );
    expect(await lifecycle(subject, instance, 'approve')).toEqual([]);
    expect(await drive.activate('mod-check')).toHaveLength(1);
  });

  it('an instance created by a call activity cannot be emptied by modification', async () => {
    await drive.deploy('modifyParent', bpmn('modifyParent', `${start()}<bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="modify"/></bpmn:extensionElements></bpmn:callActivity>${end()}${chain('start', 'call', 'end')}`));
    await drive.run('modifyParent');
    const child = (await subject.query<{ key: string }>(`SELECT key::text FROM engine.element_instances WHERE data->>'bpmnProcessId' = 'modify' AND data->>'elementType' = 'PROCESS' AND data->>'parentProcessInstanceKey' <> '-1'`))[0].key;
    await expect(modify({ processInstanceKey: child, terminateInstructions: [{ elementInstanceKey: await elementInstanceOf(child, 'check') }] })).rejects.toThrow(
      "Expected to modify instance of process 'modify' but the given instructions would terminate the instance. The instance was created by a call activity in the parent process.",
    );
  });
});

describe('CreateProcessInstance start instructions', () => {
  it('start the instance at the given elements instead of its start event, entering their flow scope once', async () => {
    const created = await subject.sdk.createProcessInstance({
      bpmnProcessId: 'modify',
      variables: { resumed: true },
      startInstructions: [{ elementId: 'prepare' }, { elementId: 'score' }],
    });
    const instance = created.processInstanceKey;
    expect(await lifecycle(subject, instance, 'start')).toEqual([]);
    expect(await lifecycle(subject, instance, 'reviewStart')).toEqual([]);
    const [prepare] = await drive.activate('mod-prepare');
    const [score] = await drive.activate('mod-score');
    expect(prepare.variables).toEqual({ resumed: true });
    const scopes = await subject.query<{ scope: string }>(`SELECT data->>'flowScopeKey' AS scope FROM engine.element_instances WHERE key IN ($1, $2)`, [prepare.elementInstanceKey, score.elementInstanceKey]);
    expect(new Set(scopes.map((row) => row.scope)).size).toBe(1);
    await subject.sdk.cancelProcessInstance(instance);
  });

  it('unknown and unsupported elements are refused with Zeebe\'s reasons', async () => {
    await expect(subject.sdk.createProcessInstance({ bpmnProcessId: 'modify', variables: {}, startInstructions: [{ elementId: 'nowhere' }] })).rejects.toThrow(
      "Expected to create instance of process with start instructions but no element found with id 'nowhere'.",
    );
    await expect(subject.sdk.createProcessInstance({ bpmnProcessId: 'modify', variables: {}, startInstructions: [{ elementId: 'reviewStart' }] })).rejects.toThrow(
      "Expected to create instance of process with start instructions but the element with id 'reviewStart' targets unsupported element type 'START_EVENT'.",
    );
  });
});
