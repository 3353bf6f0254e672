import { beforeAll, describe, expect, it } from '@jest/globals';
import { chain, end, FAILED_PRECONDITION, grpcError, INVALID_ARGUMENT, message, NOT_FOUND, serviceTask, start, useEngineUnderTest, type EngineDriver, type EngineUnderTest } from './support.js';

/**
 * MigrateProcessInstance refusals: Zeebe 8.8's rejection types (as gRPC status codes) and
 * texts, and a refused migration changes nothing.
 */
let subject: EngineUnderTest;
let drive: EngineDriver;
useEngineUnderTest((started) => ({ subject, drive } = started));

function migrate(processInstanceKey: string, targetProcessDefinitionKey: string, mappings: [string, string][]) {
  const mappingInstructions = mappings.map(([sourceElementId, targetElementId]) => ({ sourceElementId, targetElementId }));
  return grpcError(subject.sdk.migrateProcessInstance({ processInstanceKey, migrationPlan: { targetProcessDefinitionKey, mappingInstructions } }));
}

/** Migrates, expecting the status code and Zeebe's reason (what follows "Expected to migrate process instance '<key>' "). */
async function expectRejected(processInstanceKey: string, targetProcessDefinitionKey: string, mappings: [string, string][], code: number, reason: string): Promise<void> {
  const error = await migrate(processInstanceKey, targetProcessDefinitionKey, mappings);
  expect(error.code).toBe(code);
  expect(error.details).toContain(`Expected to migrate process instance '${processInstanceKey}' ${reason}`);
}

const LOOP = (sequential: boolean) =>
  `<bpmn:multiInstanceLoopCharacteristics isSequential="${sequential}"><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=[1,2]" inputElement="item"/></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>`;
const multiTask = (id: string, type: string, sequential = false) => serviceTask(id, type).replace('</bpmn:serviceTask>', `${LOOP(sequential)}</bpmn:serviceTask>`);
const messageBoundary = (id: string, attachedTo: string, messageRef: string) =>
  `<bpmn:boundaryEvent id="${id}" attachedToRef="${attachedTo}"><bpmn:messageEventDefinition messageRef="${messageRef}"/></bpmn:boundaryEvent>`;
const timerBoundary = (id: string, attachedTo: string) =>
  `<bpmn:boundaryEvent id="${id}" attachedToRef="${attachedTo}"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>`;
const oneStep = (task: string) => `${start()}${task}${end()}${chain('start', 'A', 'end')}`;

let instance: string;
const targets: Record<string, string> = {};

beforeAll(async () => {
  await drive.deployProcess('rejSource', oneStep(serviceTask('A', 'rej-a')));
  instance = await drive.run('rejSource');
  targets.same = await drive.deployProcess('rejSame', oneStep(serviceTask('A', 'rej-a')));
  targets.userTask = await drive.deployProcess('rejUser', oneStep('<bpmn:userTask id="A"/>'));
  targets.nested = await drive.deployProcess(
    'rejNested',
    `${start()}<bpmn:subProcess id="sub">${start('s')}${serviceTask('A', 'rej-a')}${end('e')}${chain('s', 'A', 'e')}</bpmn:subProcess>${end()}${chain('start', 'sub', 'end')}`,
  );
  targets.multi = await drive.deployProcess('rejMulti', oneStep(multiTask('A', 'rej-a')));
  targets.boundary = await drive.deployProcess(
    'rejBoundary',
    `${oneStep(serviceTask('A', 'rej-a'))}${messageBoundary('cancelled', 'A', 'cancel')}${end('cancelledEnd')}${chain('cancelled', 'cancelledEnd')}`,
    message('cancel', 'rej-cancel', '=customerId'),
  );
});

const expectUnchanged = async () => {
  const [job] = await subject.query<{ data: Record<string, unknown> }>(`SELECT data FROM engine.jobs WHERE data->>'processInstanceKey' = $1`, [instance]);
  expect(job.data).toMatchObject({ bpmnProcessId: 'rejSource', elementId: 'A', processDefinitionVersion: 1 });
  const migrated = await subject.query(`SELECT 1 FROM engine.records WHERE intent IN ('ELEMENT_MIGRATED', 'MIGRATED') AND value->>'processInstanceKey' = $1`, [instance]);
  expect(migrated).toEqual([]);
};

describe('the request and the plan', () => {
  it('an unknown process instance is NOT_FOUND', async () => {
    const error = await migrate('2251799813699999', targets.same, [['A', 'A']]);
    expect(error).toEqual({ code: NOT_FOUND, details: expect.stringContaining("Expected to migrate process instance but no process instance found with key '2251799813699999'") });
  });

  it('an unknown target process definition is NOT_FOUND', async () => {
    const error = await migrate(instance, '2251799813699998', [['A', 'A']]);
    expect(error.code).toBe(NOT_FOUND);
    expect(error.details).toContain("Expected to migrate process instance to process definition but no process definition found with key '2251799813699998'");
  });

  it.each([
    ['a duplicate source element id', 'same', [['A', 'A'], ['A', 'start']], INVALID_ARGUMENT, "but the mapping instructions contain duplicate source element ids '[A]'."],
    [
      'a source element id the instance’s process lacks',
      'same',
      [['B', 'A']],
      INVALID_ARGUMENT,
      "but mapping instructions contain a non-existing source element id 'B'. Elements provided in mapping instructions must exist in the source process definition.",
    ],
    [
      'a target element id the target process lacks',
      'same',
      [['A', 'B']],
      INVALID_ARGUMENT,
      "but mapping instructions contain a non-existing target element id 'B'. Elements provided in mapping instructions must exist in the target process definition.",
    ],
    ['an active element without a mapping instruction', 'same', [], FAILED_PRECONDITION, "but no mapping instruction defined for active element with id 'A'. Elements cannot be migrated without a mapping."],
    [
      'an element mapped to another type',
      'userTask',
      [['A', 'A']],
      FAILED_PRECONDITION,
      "but active element with id 'A' and type 'SERVICE_TASK' is mapped to an element with id 'A' and different type 'USER_TASK'. Elements must be mapped to elements of the same type.",
    ],
    [
      'an element mapped to a multi-instance activity',
      'multi',
      [['A', 'A']],
      FAILED_PRECONDITION,
      "but active element with id 'A' and type 'SERVICE_TASK' is mapped to an element with id 'A' and different type 'MULTI_INSTANCE_BODY'. Elements must be mapped to elements of the same type.",
    ],
    [
      'an element moved into a sub-process',
      'nested',
      [['A', 'A']],
      FAILED_PRECONDITION,
      "but the flow scope of active element with id 'A' is changed. The flow scope of the active element is expected to be 'rejNested' but was 'sub'. The flow scope of an element cannot be changed during migration yet.",
    ],
    [
      'a target catch event that cannot be subscribed',
      'boundary',
      [['A', 'A']],
      FAILED_PRECONDITION,
      "but active element with id 'A' is mapped to element with id 'A' that must be subscribed to a catch event. Failed to extract the correlation key for 'customerId': The value must be either a string or a number, but was 'NULL'.",
    ],
  ] as [string, string, [string, string][], number, string][])('%s is refused (status %#)', async (_case, target, mappings, code, reason) => {
    await expectRejected(instance, targets[target], mappings, code, reason);
    await expectUnchanged();
  });
});

describe('the active elements', () => {
  it('an element type Zeebe does not migrate: a message throw event waiting for its job', async () => {
    const throwing = '<bpmn:intermediateThrowEvent id="A"><bpmn:extensionElements><zeebe:taskDefinition type="rej-announce"/></bpmn:extensionElements><bpmn:messageEventDefinition/></bpmn:intermediateThrowEvent>';
    const target = await drive.deployProcess('rejThrow', oneStep(throwing));
    const waiting = await drive.run('rejThrow');
    await expectRejected(waiting, target, [['A', 'A']], FAILED_PRECONDITION, "but active element with id 'A' has an unsupported type. The migration of a INTERMEDIATE_THROW_EVENT is not supported.");
  });

  it('a parallel multi-instance activity mapped to a sequential one', async () => {
    await drive.deployProcess('rejParallel', oneStep(multiTask('A', 'rej-parallel')));
    const target = await drive.deployProcess('rejSequential', oneStep(multiTask('A', 'rej-parallel', true)));
    const looping = await drive.run('rejParallel');
    await expectRejected(looping, target, [['A', 'A']], FAILED_PRECONDITION, "but active element with id 'A' has a different loop characteristics than the target element with id 'A'. Both elements must have either sequential or parallel loop characteristics.");
  });

  it('a join waiting at a parallel gateway: the embedded engine refuses (Zeebe 8.8 migrates it with mapped gateway and flows)', async () => {
    const model = `${start()}<bpmn:parallelGateway id="split"/>${serviceTask('left', 'rej-left')}${serviceTask('right', 'rej-right')}<bpmn:parallelGateway id="join"/>${end()}
      ${chain('start', 'split', 'left', 'join', 'end')}${chain('split', 'right', 'join')}`;
    const target = await drive.deployProcess('rejJoin', model);
    const joining = await drive.run('rejJoin');
    await drive.completeOne('rej-left');
    await expectRejected(joining, target, [['right', 'right'], ['join', 'join'], ['left_join', 'left_join']], FAILED_PRECONDITION, "but active element with id 'rejJoin' has taken sequence flows waiting to join at gateway with id 'join'. The embedded engine cannot migrate a process instance while a parallel or inclusive gateway waits to join");
  });
});

describe('catch events', () => {
  const withBoundary = (boundaries: string) => `${oneStep(serviceTask('A', 'rej-msg'))}${serviceTask('C', 'rej-msg-c')}${boundaries}${end('boundaryEnd')}`;
  const flows = (...ids: string[]) => ids.map((id) => chain(id, 'boundaryEnd')).join('');
  const messages = message('cancel', 'rej-same-message', '=key') + message('other', 'rej-other-message', '=key');
  let waiting: string;

  beforeAll(async () => {
    await drive.deployProcess('rejMsgSource', withBoundary(`${messageBoundary('b1', 'A', 'cancel')}${flows('b1')}`), messages);
    targets.sameMessage = await drive.deployProcess('rejMsgTarget', withBoundary(`${messageBoundary('b2', 'A', 'cancel')}${flows('b2')}`), messages);
    targets.elsewhere = await drive.deployProcess('rejMsgElsewhere', withBoundary(`${messageBoundary('b2', 'A', 'other')}${messageBoundary('b3', 'C', 'cancel')}${flows('b2', 'b3')}`), messages);
    targets.timer = await drive.deployProcess('rejMsgTimer', withBoundary(`${timerBoundary('bt', 'A')}${flows('bt')}`), messages);
    waiting = await drive.run('rejMsgSource', { key: 'k-1' });
  });

  it.each([
    [
      'subscribing again to a message the element waits for',
      'sameMessage',
      [['A', 'A']],
      "but active element with id 'A' attempts to subscribe to a message it is already subscribed to with name 'rej-same-message'. Migrating active elements that subscribe to a message they are already subscribed to is not possible yet. Please provide a mapping instruction to message catch event with id 'b2' to migrate the respective message subscription.",
    ],
    [
      'a catch event mapped away from its element',
      'elsewhere',
      [['A', 'A'], ['b1', 'b3']],
      "but active element with id 'A' is mapped to an element with id 'A' and has a catch event with id 'b1' that is mapped to a catch event with id 'b3'. These mappings detach the catch event from the element in the target process. Catch events must stay attached to the same element instance.",
    ],
    [
      'a catch event mapped to one of another event type',
      'timer',
      [['A', 'A'], ['b1', 'bt']],
      "but active element with id 'A' has a catch event with id 'b1' that is mapped to a catch event with id 'bt'. These catch events have different event types: 'MESSAGE' and 'TIMER'.",
    ],
  ] as [string, string, [string, string][], string][])('%s is FAILED_PRECONDITION', async (_case, target, mappings, reason) => {
    await expectRejected(waiting, targets[target], mappings, FAILED_PRECONDITION, reason);
  });

  it('with the catch event mapped, its subscription moves and the message still interrupts along the target flow', async () => {
    await subject.sdk.migrateProcessInstance({
      processInstanceKey: waiting,
      migrationPlan: { targetProcessDefinitionKey: targets.sameMessage, mappingInstructions: [{ sourceElementId: 'A', targetElementId: 'A' }, { sourceElementId: 'b1', targetElementId: 'b2' }] },
    });
    const [subscription] = await subject.query<{ data: Record<string, unknown> }>(`SELECT data FROM engine.message_subscriptions WHERE data->>'processInstanceKey' = $1`, [waiting]);
    expect(subscription.data).toMatchObject({ elementId: 'b2', bpmnProcessId: 'rejMsgTarget', messageName: 'rej-same-message', correlationKey: 'k-1' });
    await subject.sdk.publishMessage({ name: 'rej-same-message', correlationKey: 'k-1', variables: {} });
    const ended = await subject.query(`SELECT 1 FROM engine.records WHERE intent = 'ELEMENT_COMPLETED' AND key = $1::bigint`, [waiting]);
    expect(ended).toHaveLength(1);
  });
});
