import { describe, expect, it } from '@jest/globals';
import { assembleEngineContext } from '../assembly.js';
import { EngineClock } from '../clock.js';
import { EngineState } from '../state/state.js';
import type { EngineContext } from './context.js';
import { createProcessInstance } from './create-instance.js';
import { deploy } from './deploy.js';
import { resolveIncident } from './incidents.js';
import { activateJobs, completeJob, failJob, updateJobRetries } from './jobs.js';
import { setVariables } from './variables.js';

// The command processors on an engine state in memory: no store, no gRPC; a command runs at once.

function memoryEngine(): EngineContext & { ended: string[] } {
  const ended: string[] = [];
  const engine = assembleEngineContext({
    state: new EngineState(),
    clock: new EngineClock(),
    models: new Map(),
    drgs: new Map(),
    resultWaiters: new Map(),
    events: {
      jobsAvailable: () => undefined,
      processInstanceCompleted: (key) => ended.push(key),
      processInstanceTerminated: (key) => ended.push(key),
    },
    run: async (command) => command(),
  });
  return Object.assign(engine, { ended });
}

const task = (id: string, type: string, extra = '') =>
  `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="${type}"/>${extra}</bpmn:extensionElements></bpmn:serviceTask>`;
const flow = (from: string, to: string, condition?: string) =>
  condition
    ? `<bpmn:sequenceFlow id="${from}_${to}" sourceRef="${from}" targetRef="${to}"><bpmn:conditionExpression>${condition}</bpmn:conditionExpression></bpmn:sequenceFlow>`
    : `<bpmn:sequenceFlow id="${from}_${to}" sourceRef="${from}" targetRef="${to}"/>`;
const bpmn = (id: string, body: string) =>
  Buffer.from(`<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d_${id}" targetNamespace="t"><bpmn:process id="${id}" isExecutable="true">${body}</bpmn:process></bpmn:definitions>`);

/** start → sub-process (start → work → end, input `inner`) → end */
const nested = bpmn(
  'nested',
  `<bpmn:startEvent id="s"/>
   <bpmn:subProcess id="sub"><bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=&quot;sub&quot;" target="inner"/></zeebe:ioMapping></bpmn:extensionElements>
     <bpmn:startEvent id="ss"/>${task('work', 'work')}<bpmn:endEvent id="se"/>${flow('ss', 'work')}${flow('work', 'se')}
   </bpmn:subProcess>
   <bpmn:endEvent id="e"/>${flow('s', 'sub')}${flow('sub', 'e')}`,
);

/** start → exclusive gateway (ok = true → end, no default) */
const gateway = bpmn('gateway', `<bpmn:startEvent id="s"/><bpmn:exclusiveGateway id="g"/><bpmn:endEvent id="e"/>${flow('s', 'g')}${flow('g', 'e', '=ok = true')}`);

async function started(engine: EngineContext, resource: Buffer, bpmnProcessId: string, variables: Record<string, unknown> = {}) {
  await deploy(engine, [{ name: `${bpmnProcessId}.bpmn`, content: resource }]);
  return createProcessInstance(engine, { bpmnProcessId, variables });
}

const records = (engine: EngineContext, valueType: string) => engine.state.pendingRecords.filter((record) => record.valueType === valueType).map((record) => record.intent);

describe('command processors on in-memory state', () => {
  it('runs a process instance to its end through its job', async () => {
    const engine = memoryEngine();
    const { processInstanceKey } = await started(engine, nested, 'nested', { outer: 1 });
    const [job] = await activateJobs(engine, { type: 'work', worker: 'w', timeoutMs: 1000, maxJobs: 10, fetchVariables: [] });
    expect(JSON.parse(job.variables)).toEqual({ outer: 1, inner: 'sub' });
    await completeJob(engine, job.key, { result: 'done' });
    expect(engine.ended).toEqual([processInstanceKey]);
    expect(engine.state.elementInstances.get(processInstanceKey)).toBeUndefined();
    expect(records(engine, 'JOB')).toEqual(['CREATED', 'ACTIVATED', 'COMPLETED']);
  });

  it('scopes variables: local to the element, or propagated to the scope that defines each one', async () => {
    const engine = memoryEngine();
    const { processInstanceKey } = await started(engine, nested, 'nested', { outer: 1 });
    const work = [...engine.state.elementInstances.values()].find((instance) => instance.elementId === 'work')!;
    const sub = engine.state.elementInstances.get(work.flowScopeKey)!;
    await setVariables(engine, work.key, { outer: 'local' }, true);
    await setVariables(engine, work.key, { inner: 'changed', fresh: true }, false);
    expect(engine.execution.variables.local(work.key)).toEqual({ outer: 'local' });
    expect(engine.execution.variables.local(sub.key)).toEqual({ inner: 'changed' });
    expect(engine.execution.variables.local(processInstanceKey)).toEqual({ outer: 1, fresh: true });
    expect(engine.execution.variables.visible(work.key)).toEqual({ outer: 'local', inner: 'changed', fresh: true });
    expect(records(engine, 'VARIABLE_DOCUMENT')).toEqual(['UPDATED', 'UPDATED']);
  });

  it('raises an incident for a job without retries and resolves it once the job has retries again', async () => {
    const engine = memoryEngine();
    await started(engine, nested, 'nested');
    const [job] = await activateJobs(engine, { type: 'work', worker: 'w', timeoutMs: 1000, maxJobs: 1, fetchVariables: [] });
    await failJob(engine, job.key, { retries: 0, errorMessage: 'boom', retryBackOffMs: 0, variables: {} });
    const [incident] = engine.state.incidents.values();
    expect(incident).toMatchObject({ errorType: 'JOB_NO_RETRIES', errorMessage: 'boom', elementId: 'work', jobKey: job.key, phase: 'JOB' });
    await expect(resolveIncident(engine, incident.key)).rejects.toMatchObject({ type: 'INVALID_STATE' });
    await updateJobRetries(engine, job.key, 2);
    await resolveIncident(engine, incident.key);
    expect([...engine.state.incidents.values()]).toEqual([]);
    expect(engine.state.jobs.get(job.key)).toMatchObject({ state: 'ACTIVATABLE', retries: 2 });
    expect(records(engine, 'INCIDENT')).toEqual(['CREATED', 'RESOLVED']);
  });

  it('retries the activation of an element whose incident is resolved after its cause is fixed', async () => {
    const engine = memoryEngine();
    const { processInstanceKey } = await started(engine, gateway, 'gateway', { ok: false });
    const [incident] = engine.state.incidents.values();
    expect(incident).toMatchObject({ errorType: 'CONDITION_ERROR', elementId: 'g', phase: 'ACTIVATE' });
    await setVariables(engine, processInstanceKey, { ok: true }, false);
    await resolveIncident(engine, incident.key);
    expect(engine.ended).toEqual([processInstanceKey]);
    expect(records(engine, 'INCIDENT')).toEqual(['CREATED', 'RESOLVED']);
  });
});
