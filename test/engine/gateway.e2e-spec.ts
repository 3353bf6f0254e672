import { beforeAll, describe, expect, it } from '@jest/globals';
import { startEngine } from '@app/engine';
import { createTestDatabase } from '../support/database.js';
import { ALREADY_EXISTS, bpmn, chain, DEADLINE_EXCEEDED, end, eventually, FAILED_PRECONDITION, finalVariables, grpcError, incidentsOf, INVALID_ARGUMENT, isCompleted, NOT_FOUND, oneTask, RESOURCE_EXHAUSTED, serviceTask, start, useEngineUnderTest, variablesOf, zeebeNodeClient, type EngineUnderTest } from './support.js';

/**
 * The gateway RPCs, each driven through both real clients. Only the calls the two
 * clients share are written once; the rest are in the SDK-only block at the end.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
type Client = Record<string, (...args: any[]) => Promise<any>>;

let subject: EngineUnderTest;
useEngineUnderTest((started) => ({ subject } = started));


describe.each([
  ['@camunda8/sdk', (s: EngineUnderTest) => s.sdk as unknown as Client],
  ['zeebe-node', (s: EngineUnderTest) => s.zbc as unknown as Client],
])('gateway RPCs with %s', (name, clientOf) => {
  let client: Client;
  // Ids per client so both runs share the engine without seeing each other's jobs.
  const id = (base: string) => `${base}-${name.replace(/\W/g, '')}`;

  beforeAll(() => {
    client = clientOf(subject);
  });

  async function deploy(processId: string, model: Buffer): Promise<any> {
    return client.deployResource({ process: model, name: `${processId}.bpmn` });
  }

  async function activate(type: string, extra: Record<string, unknown> = {}): Promise<any[]> {
    return client.activateJobs({ type, worker: 'test', maxJobsToActivate: 10, timeout: 60_000, requestTimeout: -1, ...extra });
  }

  it('Topology answers one broker leading one partition, gateway version 8.8.0', async () => {
    const topology = await client.topology();
    expect(topology).toMatchObject({ clusterSize: 1, partitionsCount: 1, replicationFactor: 1, gatewayVersion: '8.8.0' });
    expect(topology.brokers).toHaveLength(1);
    expect(topology.brokers[0].partitions).toEqual([expect.objectContaining({ partitionId: 1, role: 'LEADER' })]);
  });

  it('DeployResource versions a process and returns the existing version for an unchanged resource', async () => {
    const processId = id('deploy');
    const first = await deploy(processId, oneTask(processId, 'x'));
    const again = await deploy(processId, oneTask(processId, 'x'));
    const changed = await deploy(processId, oneTask(processId, 'y'));
    const metadata = (response: any) => response.deployments[0].process;
    expect(metadata(first)).toMatchObject({ bpmnProcessId: processId, version: 1, resourceName: `${processId}.bpmn` });
    expect(metadata(first).processDefinitionKey).toMatch(/^22517998136\d+$/);
    expect(metadata(again)).toEqual(metadata(first));
    expect(metadata(changed).version).toBe(2);
    expect(BigInt(first.key) >> 51n).toBe(1n);
  });

  it('DeployResource rejects an invalid model with INVALID_ARGUMENT naming the element, deploying nothing', async () => {
    const processId = id('invalid');
    const model = bpmn(processId, `${start()}<bpmn:serviceTask id="noType"/>${end()}${chain('start', 'noType', 'end')}`);
    const error = await grpcError(deploy(processId, model));
    expect(error.code).toBe(INVALID_ARGUMENT);
    expect(error.details).toContain("Command 'CREATE' rejected with code 'INVALID_ARGUMENT': Expected to deploy new resources, but encountered the following errors:");
    expect(error.details).toContain('noType');
    const unparsable = await grpcError(client.deployResource({ process: Buffer.from('<bpmn:definitions'), name: 'broken.bpmn' }));
    expect(unparsable.code).toBe(INVALID_ARGUMENT);
    const missing = await grpcError(client.createProcessInstance({ bpmnProcessId: processId, variables: {} }));
    expect(missing.code).toBe(NOT_FOUND);
  });

  it('a tenant other than the default is refused: multi-tenancy is off', async () => {
    const error = await grpcError(client.publishMessage({ name: id('tenant'), correlationKey: 'x', variables: {}, timeToLive: 0, tenantId: 'kraj' }));
    expect(error.code).toBe(INVALID_ARGUMENT);
    expect(error.details).toContain("Expected to handle gRPC request PublishMessage with tenant identifier 'kraj', but multi-tenancy is disabled");
  });

  it('CreateProcessInstance starts the latest version or a given version', async () => {
    const processId = id('create');
    const v1 = (await deploy(processId, oneTask(processId, id('create-v1')))).deployments[0].process;
    const v2 = (await deploy(processId, oneTask(processId, id('create-v2')))).deployments[0].process;
    const latest = await client.createProcessInstance({ bpmnProcessId: processId, variables: { n: 1 } });
    expect(latest).toMatchObject({ bpmnProcessId: processId, version: 2, processDefinitionKey: v2.processDefinitionKey });
    const byVersion = await client.createProcessInstance({ bpmnProcessId: processId, version: 1, variables: {} });
    expect(byVersion.processDefinitionKey).toBe(v1.processDefinitionKey);
    expect(typeof latest.processInstanceKey).toBe('string');
    expect(await variablesOf(subject, latest.processInstanceKey)).toEqual({ n: 1 });
    const error = await grpcError(client.createProcessInstance({ bpmnProcessId: processId, version: 7, variables: {} }));
    expect(error.code).toBe(NOT_FOUND);
    expect(error.details).toBe(
      `Command 'CREATE' rejected with code 'NOT_FOUND': Expected to find process definition with process ID '${processId}' and version '7', but none found`,
    );
    const unknown = await grpcError(client.createProcessInstance({ bpmnProcessId: id('nope'), variables: {} }));
    expect(unknown.details).toContain(`Expected to find process definition with process ID '${id('nope')}', but none found`);
  });

  it('CreateProcessInstanceWithResult answers the variables at completion, or DEADLINE_EXCEEDED', async () => {
    const processId = id('result');
    await deploy(processId, bpmn(processId, `${start()}${end()}${chain('start', 'end')}`));
    const result = await client.createProcessInstanceWithResult({ bpmnProcessId: processId, variables: { a: 1, b: 2 } });
    expect(result.variables).toEqual({ a: 1, b: 2 });
    const fetched = await client.createProcessInstanceWithResult({ bpmnProcessId: processId, variables: { a: 1, b: 2 }, fetchVariables: ['b'] });
    expect(fetched.variables).toEqual({ b: 2 });
    const waiting = id('result-wait');
    await deploy(waiting, oneTask(waiting, id('never')));
    const error = await grpcError(client.createProcessInstanceWithResult({ bpmnProcessId: waiting, variables: {}, requestTimeout: 300 }));
    expect(error.code).toBe(DEADLINE_EXCEEDED);
  });

  it('CancelProcessInstance terminates an instance; an unknown key is NOT_FOUND', async () => {
    const processId = id('cancel');
    await deploy(processId, oneTask(processId, id('cancel')));
    const { processInstanceKey } = await client.createProcessInstance({ bpmnProcessId: processId, variables: {} });
    await client.cancelProcessInstance(processInstanceKey);
    expect(await activate(id('cancel'))).toEqual([]);
    const error = await grpcError(client.cancelProcessInstance(processInstanceKey));
    expect(error.code).toBe(NOT_FOUND);
    expect(error.details).toBe(
      `Command 'CANCEL' rejected with code 'NOT_FOUND': Expected to cancel a process instance with key '${processInstanceKey}', but no such process was found`,
    );
  });

  it('ActivateJobs hands out up to maxJobsToActivate jobs with variables, headers and deadline', async () => {
    const processId = id('activate');
    const type = id('activate');
    await deploy(processId, oneTask(processId, type, '<zeebe:taskHeaders><zeebe:header key="region" value="jmk"/></zeebe:taskHeaders>'));
    for (let i = 0; i < 3; i++) await client.createProcessInstance({ bpmnProcessId: processId, variables: { i, other: 'x' } });
    const jobs = await activate(type, { maxJobsToActivate: 2, fetchVariable: ['i'] });
    expect(jobs).toHaveLength(2);
    expect(jobs[0]).toMatchObject({ type, bpmnProcessId: processId, elementId: 'task', retries: 3, worker: 'test', customHeaders: { region: 'jmk' } });
    expect(jobs.map((job) => job.variables)).toEqual([{ i: 0 }, { i: 1 }]);
    expect(Number(jobs[0].deadline)).toBeGreaterThan(Date.now() + 50_000);
    expect(await activate(type)).toHaveLength(1);
    expect(await activate(type)).toEqual([]);
  });

  it('ActivateJobs long-polls until a job is created', async () => {
    const processId = id('longpoll');
    const type = id('longpoll');
    await deploy(processId, oneTask(processId, type));
    const polling = activate(type, { requestTimeout: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await client.createProcessInstance({ bpmnProcessId: processId, variables: {} });
    const jobs = await polling;
    expect(jobs).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('an activated job whose timeout passes can be activated again', async () => {
    const processId = id('timeout');
    const type = id('timeout');
    await deploy(processId, oneTask(processId, type));
    await client.createProcessInstance({ bpmnProcessId: processId, variables: {} });
    const [job] = await activate(type, { timeout: 1000 });
    expect(await activate(type)).toEqual([]);
    subject.engine.clock.increaseTime(1500);
    const [again] = await eventually(async () => {
      const jobs = await activate(type);
      return jobs.length > 0 && jobs;
    });
    expect(again.key).toBe(job.key);
  });

  it('CompleteJob merges variables into the process; completing twice is NOT_FOUND', async () => {
    const processId = id('complete');
    const type = id('complete');
    await deploy(processId, oneTask(processId, type));
    const { processInstanceKey } = await client.createProcessInstance({ bpmnProcessId: processId, variables: { a: 1 } });
    const [job] = await activate(type);
    await client.completeJob({ jobKey: job.key, variables: { a: 2, b: 'x' } });
    expect(await isCompleted(subject, processInstanceKey)).toBe(true);
    expect(await finalVariables(subject, processInstanceKey)).toEqual({ a: 2, b: 'x' });
    const error = await grpcError(client.completeJob({ jobKey: job.key, variables: {} }));
    expect(error.code).toBe(NOT_FOUND);
    expect(error.details).toContain(`Command 'COMPLETE' rejected with code 'NOT_FOUND': Expected to complete job with key '${job.key}', but no such job was found`);
  });

  it('FailJob with retries left makes the job activatable again, after the back-off', async () => {
    const processId = id('fail');
    const type = id('fail');
    await deploy(processId, oneTask(processId, type));
    await client.createProcessInstance({ bpmnProcessId: processId, variables: {} });
    const [job] = await activate(type);
    await client.failJob({ jobKey: job.key, retries: 2, errorMessage: 'try again' });
    const [retried] = await activate(type);
    expect(retried).toMatchObject({ key: job.key, retries: 2 });
    await client.failJob({ jobKey: job.key, retries: 1, errorMessage: 'later', retryBackOff: 60_000 });
    expect(await activate(type)).toEqual([]);
    subject.engine.clock.increaseTime(61_000);
    const [afterBackOff] = await eventually(async () => {
      const jobs = await activate(type);
      return jobs.length > 0 && jobs;
    });
    expect(afterBackOff).toMatchObject({ key: job.key, retries: 1 });
  });

  it('FailJob without retries raises an incident; UpdateJobRetries and ResolveIncident let it run again', async () => {
    const processId = id('incident');
    const type = id('incident');
    await deploy(processId, oneTask(processId, type));
    const { processInstanceKey } = await client.createProcessInstance({ bpmnProcessId: processId, variables: {} });
    const [job] = await activate(type);
    await client.failJob({ jobKey: job.key, retries: 0, errorMessage: 'database down' });
    const [incident] = await incidentsOf(subject, processInstanceKey);
    expect(incident).toMatchObject({ errorType: 'JOB_NO_RETRIES', errorMessage: 'database down', elementId: 'task', jobKey: job.key });
    expect(await activate(type)).toEqual([]);
    const notActivatable = await grpcError(client.completeJob({ jobKey: job.key, variables: {} }));
    expect(notActivatable.code).toBe(FAILED_PRECONDITION);
    expect(notActivatable.details).toContain("but it is in state 'FAILED'");
    const noRetries = await grpcError(client.resolveIncident({ incidentKey: incident.key }));
    expect(noRetries.code).toBe(FAILED_PRECONDITION);
    expect(noRetries.details).toContain(`but job with key '${job.key}' has no retries left. Please update the job retries and retry resolving the incident`);
    await client.updateJobRetries({ jobKey: job.key, retries: 1 });
    await client.resolveIncident({ incidentKey: incident.key });
    const [again] = await activate(type);
    expect(again).toMatchObject({ key: job.key, retries: 1 });
    expect(await incidentsOf(subject, processInstanceKey)).toEqual([]);
    const unknown = await grpcError(client.resolveIncident({ incidentKey: incident.key }));
    expect(unknown.code).toBe(NOT_FOUND);
    expect(unknown.details).toBe(`Command 'RESOLVE' rejected with code 'NOT_FOUND': Expected to resolve incident with key '${incident.key}', but no such incident was found`);
  });

  it('UpdateJobRetries refuses a non-positive amount and an unknown job', async () => {
    const processId = id('retries');
    const type = id('retries');
    await deploy(processId, oneTask(processId, type));
    await client.createProcessInstance({ bpmnProcessId: processId, variables: {} });
    const [job] = await activate(type);
    const negative = await grpcError(client.updateJobRetries({ jobKey: job.key, retries: 0 }));
    expect(negative.code).toBe(INVALID_ARGUMENT);
    await client.updateJobRetries({ jobKey: job.key, retries: 5 });
    await client.failJob({ jobKey: job.key, retries: 5, errorMessage: '' });
    expect((await activate(type))[0].retries).toBe(5);
    const missing = await grpcError(client.updateJobRetries({ jobKey: '2251799813685248', retries: 1 }));
    expect(missing.code).toBe(NOT_FOUND);
  });

  it('ThrowError is caught by a matching error boundary event, with its variables', async () => {
    const processId = id('error');
    const type = id('error');
    const model = bpmn(
      processId,
      `${start()}${serviceTask('task', type)}${end()}
       <bpmn:boundaryEvent id="caught" attachedToRef="task"><bpmn:errorEventDefinition errorRef="rejected"/></bpmn:boundaryEvent>
       <bpmn:endEvent id="rejectedEnd"/>${chain('start', 'task', 'end')}${chain('caught', 'rejectedEnd')}`,
      '<bpmn:error id="rejected" errorCode="REJECTED"/>',
    );
    await deploy(processId, model);
    const { processInstanceKey } = await client.createProcessInstance({ bpmnProcessId: processId, variables: {} });
    const [job] = await activate(type);
    await client.throwError({ jobKey: job.key, errorCode: 'REJECTED', errorMessage: 'not eligible', variables: { reason: 'capacity' } });
    expect(await isCompleted(subject, processInstanceKey)).toBe(true);
    const records = await subject.query<{ id: string }>(
      `SELECT value->>'elementId' AS id FROM engine.records WHERE intent = 'ELEMENT_COMPLETED' AND (value->>'processInstanceKey') = $1 ORDER BY position`,
      [processInstanceKey],
    );
    expect(records.map((record) => record.id)).toEqual(['start', 'caught', 'rejectedEnd', processId]);
    expect(await finalVariables(subject, processInstanceKey)).toEqual({ reason: 'capacity' });
  });

  it('ThrowError that nothing catches raises an incident', async () => {
    const processId = id('uncaught');
    const type = id('uncaught');
    await deploy(processId, oneTask(processId, type));
    const { processInstanceKey } = await client.createProcessInstance({ bpmnProcessId: processId, variables: {} });
    const [job] = await activate(type);
    await client.throwError({ jobKey: job.key, errorCode: 'NOPE', errorMessage: 'boom' });
    const [incident] = await incidentsOf(subject, processInstanceKey);
    expect(incident.errorType).toBe('UNHANDLED_ERROR_EVENT');
    expect(incident.errorMessage).toBe(
      "Expected to throw an error event with the code 'NOPE' with message 'boom', but it was not caught. No error events are available in the scope.",
    );
  });

  it('SetVariables sets local variables or propagates them; an unknown scope is NOT_FOUND', async () => {
    const processId = id('setvars');
    const type = id('setvars');
    await deploy(processId, oneTask(processId, type));
    const { processInstanceKey } = await client.createProcessInstance({ bpmnProcessId: processId, variables: { a: 1 } });
    const [job] = await activate(type);
    await client.setVariables({ elementInstanceKey: job.elementInstanceKey, variables: { local: true }, local: true });
    await client.setVariables({ elementInstanceKey: job.elementInstanceKey, variables: { a: 2, b: 3 }, local: false });
    expect(await variablesOf(subject, job.elementInstanceKey)).toEqual({ local: true });
    expect(await variablesOf(subject, processInstanceKey)).toEqual({ a: 2, b: 3 });
    const error = await grpcError(client.setVariables({ elementInstanceKey: '2251799813685248', variables: {}, local: false }));
    expect(error.code).toBe(NOT_FOUND);
    expect(error.details).toContain("Expected to update variables for element with key '2251799813685248', but no such element was found");
  });

  it('PublishMessage buffers a message for its time to live and refuses a duplicate message id', async () => {
    const processId = id('message');
    const model = bpmn(
      processId,
      `${start()}<bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="msg"/></bpmn:intermediateCatchEvent>${end()}${chain('start', 'wait', 'end')}`,
      `<bpmn:message id="msg" name="${id('decided')}"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseId"/></bpmn:extensionElements></bpmn:message>`,
    );
    await deploy(processId, model);
    const published = await client.publishMessage({ name: id('decided'), correlationKey: 'c-1', timeToLive: 60_000, messageId: id('m-1'), variables: { ok: true } });
    expect(published.key).toMatch(/^\d+$/);
    const duplicate = await grpcError(client.publishMessage({ name: id('decided'), correlationKey: 'c-1', timeToLive: 60_000, messageId: id('m-1'), variables: {} }));
    expect(duplicate.code).toBe(ALREADY_EXISTS);
    expect(duplicate.details).toContain(`Expected to publish a new message with id '${id('m-1')}', but a message with that id was already published`);
    const { processInstanceKey } = await client.createProcessInstance({ bpmnProcessId: processId, variables: { caseId: 'c-1' } });
    expect(await isCompleted(subject, processInstanceKey)).toBe(true);
    expect(await finalVariables(subject, processInstanceKey)).toEqual({ caseId: 'c-1', ok: true });
    // A message whose time to live passed no longer correlates.
    await client.publishMessage({ name: id('decided'), correlationKey: 'c-2', timeToLive: 1000, variables: {} });
    subject.engine.clock.increaseTime(2000);
    await eventually(async () => (await subject.query(`SELECT 1 FROM engine.messages WHERE data->>'correlationKey' = 'c-2'`)).length === 0);
    const late = await client.createProcessInstance({ bpmnProcessId: processId, variables: { caseId: 'c-2' } });
    expect(await isCompleted(subject, late.processInstanceKey)).toBe(false);
  });

  it('BroadcastSignal answers a key', async () => {
    const response = await client.broadcastSignal({ signalName: id('signal'), variables: {} });
    expect(response.key).toMatch(/^\d+$/);
  });

  it('DeployResource takes a DMN resource; EvaluateDecision evaluates its latest version', async () => {
    const drgId = id('capacity');
    const decisionId = `${drgId}-check`;
    const deployed = await client.deployResource({ decision: capacityDmn(drgId, decisionId), name: `${drgId}.dmn` });
    expect(deployed.deployments).toEqual([
      { decision: expect.objectContaining({ dmnDecisionId: decisionId, dmnDecisionName: 'Capacity check', version: 1, dmnDecisionRequirementsId: drgId }) },
      { decisionRequirements: expect.objectContaining({ dmnDecisionRequirementsId: drgId, version: 1, resourceName: `${drgId}.dmn` }) },
    ].map((expected) => expect.objectContaining(expected)));
    const large = await client.evaluateDecision({ decisionId, variables: { beds: 12 } });
    expect(large).toMatchObject({ decisionId, decisionName: 'Capacity check', decisionVersion: 1, decisionOutput: '"large"', failedDecisionId: '' });
    expect(large.evaluatedDecisions[0].matchedRules[0].ruleId).toBe('large');
    const small = await client.evaluateDecision({ decisionId, variables: { beds: 3 } });
    expect(small.decisionOutput).toBe('"small"');
    const missing = await grpcError(client.evaluateDecision({ decisionId: id('nope'), variables: {} }));
    expect(missing.code).toBe(NOT_FOUND);
    expect(missing.details).toContain(`Expected to evaluate decision '${id('nope')}', but no decision found for id '${id('nope')}'`);
  });
});

describe('gateway behaviour only zeebe-node can reach', () => {
  // @camunda8/sdk refuses non-object variables before sending them.
  it('CreateProcessInstance refuses variables that are not a JSON object', async () => {
    await subject.zbc.deployResource({ process: oneTask('nodeVars', 'node-vars'), name: 'nodeVars.bpmn' });
    const error = await grpcError(subject.zbc.createProcessInstance({ bpmnProcessId: 'nodeVars', variables: [1, 2] as never }));
    expect(error.code).toBe(INVALID_ARGUMENT);
    expect(error.details).toContain("Expected document to be a root level object, but was 'ARRAY'");
  });

  it('DeployProcess, the deprecated RPC, still deploys', async () => {
    const response = await subject.zbc.deployProcess({ definition: oneTask('nodeDeprecated', 'node-deprecated'), name: 'nodeDeprecated.bpmn' });
    expect(response.processes).toEqual([expect.objectContaining({ bpmnProcessId: 'nodeDeprecated', version: 1, resourceName: 'nodeDeprecated.bpmn' })]);
  });
});

describe('gateway RPCs only @camunda8/sdk offers', () => {
  // Every Gateway RPC is served; migration has its own specs (migration*.e2e-spec.ts). zeebe-node 8.3 has no call for it.
  it('MigrateProcessInstance of an unknown instance answers NOT_FOUND with Zeebe\'s reason', async () => {
    const error = await grpcError(
      subject.sdk.migrateProcessInstance({ processInstanceKey: '2251799813685248', migrationPlan: { targetProcessDefinitionKey: '2251799813685249', mappingInstructions: [] } }),
    );
    expect(error.code).toBe(NOT_FOUND);
    expect(error.details).toContain("Expected to migrate process instance but no process instance found with key '2251799813685248'");
  });

  it('UpdateJobTimeout moves the deadline of an activated job; an inactive job is FAILED_PRECONDITION', async () => {
    const type = 'sdk-update-timeout';
    await subject.sdk.deployResource({ process: oneTask('sdkTimeout', type), name: 'sdkTimeout.bpmn' });
    await subject.sdk.createProcessInstance({ bpmnProcessId: 'sdkTimeout', variables: {} });
    const [job] = await subject.sdk.activateJobs({ type, worker: 'w', maxJobsToActivate: 1, timeout: 1000, requestTimeout: -1 });
    await subject.sdk.updateJobTimeout({ jobKey: job.key, timeout: 600_000 });
    subject.engine.clock.increaseTime(5000);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await subject.sdk.activateJobs({ type, worker: 'w', maxJobsToActivate: 1, timeout: 1000, requestTimeout: -1 })).toEqual([]);
    await subject.sdk.failJob({ jobKey: job.key, retries: 1, errorMessage: 'x', retryBackOff: 0 });
    const error = await grpcError(subject.sdk.updateJobTimeout({ jobKey: job.key, timeout: 1000 }));
    expect(error.code).toBe(FAILED_PRECONDITION);
    expect(error.details).toContain(`Expected to update the timeout of job with key '${job.key}', but it is not active`);
  });

  it('StreamActivatedJobs pushes jobs to an open stream as they are created', async () => {
    const type = 'sdk-stream';
    await subject.sdk.deployResource({ process: oneTask('sdkStream', type), name: 'sdkStream.bpmn' });
    const seen: string[] = [];
    const worker = await subject.sdk.streamJobs({
      type,
      worker: 'streamer',
      timeout: 30_000,
      tenantIds: [],
      taskHandler: async (job) => {
        seen.push(job.processInstanceKey);
        return job.complete({ streamed: true });
      },
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const instances = await Promise.all([1, 2, 3].map(() => subject.sdk.createProcessInstance({ bpmnProcessId: 'sdkStream', variables: {} })));
      await eventually(async () => seen.length === 3);
      for (const instance of instances) await eventually(() => isCompleted(subject, instance.processInstanceKey));
      expect(seen.sort()).toEqual(instances.map((instance) => instance.processInstanceKey).sort());
    } finally {
      worker.close();
    }
  });
});

describe('back-pressure', () => {
  it('answers RESOURCE_EXHAUSTED when more commands wait for their commit than the engine admits', async () => {
    const database = await createTestDatabase('engine');
    const engine = await startEngine({ databaseUrl: database.url, maxInFlight: 2 });
    const client = zeebeNodeClient(engine.port);
    try {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) => client.publishMessage({ name: 'flood', correlationKey: String(i), variables: {}, timeToLive: 0 })),
      );
      const refused = outcomes.filter((outcome) => outcome.status === 'rejected').map((outcome) => (outcome as PromiseRejectedResult).reason as { code: number });
      expect(refused.length).toBeGreaterThan(0);
      expect(refused.every((error) => error.code === RESOURCE_EXHAUSTED)).toBe(true);
      expect(outcomes.some((outcome) => outcome.status === 'fulfilled')).toBe(true);
    } finally {
      await client.close();
      await engine.stop();
      await database.drop();
    }
  });
});

function capacityDmn(drgId: string, decisionId: string): Buffer {
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="${drgId}" name="Capacity" namespace="http://camunda.org/schema/1.0/dmn">
  <decision id="${decisionId}" name="Capacity check">
    <decisionTable id="table" hitPolicy="FIRST">
      <input id="beds" label="Beds"><inputExpression id="bedsExpression" typeRef="number"><text>beds</text></inputExpression></input>
      <output id="verdict" label="Verdict" name="verdict" typeRef="string"/>
      <rule id="large"><inputEntry id="largeBeds"><text>&gt;= 10</text></inputEntry><outputEntry id="largeVerdict"><text>"large"</text></outputEntry></rule>
      <rule id="small"><inputEntry id="smallBeds"><text>-</text></inputEntry><outputEntry id="smallVerdict"><text>"small"</text></outputEntry></rule>
    </decisionTable>
  </decision>
</definitions>`);
}
