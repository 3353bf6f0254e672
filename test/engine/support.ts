import { Camunda8 } from '@camunda8/sdk';
import { afterAll, beforeAll } from '@jest/globals';
import { startEngine, type RunningEngine } from '@app/engine';
import pg from 'pg';
import { ZBClient } from 'zeebe-node';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

export type SdkClient = ReturnType<Camunda8['getZeebeGrpcApiClient']>;

/** An engine on its own database, and the two real clients pointed at it. */
export interface EngineUnderTest {
  engine: RunningEngine;
  database: TestDatabase;
  sdk: SdkClient;
  zbc: ZBClient;
  /** Reads the engine's tables directly, for assertions the gateway cannot answer (incidents). */
  query<Row extends object>(sql: string, values?: unknown[]): Promise<Row[]>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export function sdkClient(port: number): SdkClient {
  return new Camunda8({
    ZEEBE_GRPC_ADDRESS: `grpc://127.0.0.1:${port}`,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    CAMUNDA_LOG_LEVEL: 'none',
    zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ZEEBE_GRPC_CLIENT_RETRY: false },
  } as never).getZeebeGrpcApiClient();
}

export function zeebeNodeClient(port: number): ZBClient {
  return new ZBClient(`127.0.0.1:${port}`, { useTLS: false, loglevel: 'NONE', retry: false });
}

/** Starts the engine first: clients retry an unreachable gateway forever. */
async function startEngineUnderTest(): Promise<EngineUnderTest> {
  const database = await createTestDatabase('engine');
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  let engine = await startEngine({ databaseUrl: database.url });
  const port = engine.port;
  const sdk = sdkClient(port);
  const zbc = zeebeNodeClient(port);
  const subject: EngineUnderTest = {
    engine,
    database,
    sdk,
    zbc,
    query: async <Row extends object>(sql: string, values?: unknown[]) => (await pool.query(sql, values)).rows as Row[],
    restart: async () => {
      await engine.stop();
      // The same clock, as a broker restart does not turn back time.
      engine = await startEngine({ databaseUrl: database.url, port, clock: engine.clock });
      subject.engine = engine;
      // The clients' channels saw the gateway go away; wait until both reconnected.
      await eventually(() => sdk.topology().then(() => zbc.topology()).then(() => true, () => false), 15_000);
    },
    close: async () => {
      await Promise.allSettled([sdk.close(), zbc.close()]);
      await engine.stop();
      await pool.end();
      await database.drop();
    },
  };
  return subject;
}

/**
 * The test file's engine: started before its tests and closed after them. `started` receives
 * it, with its driver, for the file's own variables (later `beforeAll` hooks may use them).
 */
export function useEngineUnderTest(started: (engine: { subject: EngineUnderTest; drive: EngineDriver }) => void): void {
  let subject: EngineUnderTest | undefined;
  beforeAll(async () => {
    subject = await startEngineUnderTest();
    started({ subject, drive: driver(subject) });
  });
  afterAll(() => subject?.close());
}

export interface Incident {
  key: string;
  errorType: string;
  errorMessage: string;
  elementId: string;
  jobKey: string;
}

export async function incidentsOf(subject: EngineUnderTest, processInstanceKey: string): Promise<Incident[]> {
  const rows = await subject.query<{ data: Incident }>('SELECT data FROM engine.incidents WHERE process_instance_key = $1 ORDER BY key', [processInstanceKey]);
  return rows.map((row) => row.data);
}

/** Intents of the PROCESS_INSTANCE records of an element, in order. */
export async function lifecycle(subject: EngineUnderTest, processInstanceKey: string, elementId: string): Promise<string[]> {
  const rows = await subject.query<{ intent: string }>(
    `SELECT intent FROM engine.records WHERE value_type = 'PROCESS_INSTANCE' AND (value->>'processInstanceKey') = $1 AND value->>'elementId' = $2 ORDER BY position`,
    [processInstanceKey, elementId],
  );
  return rows.map((row) => row.intent);
}

export async function isCompleted(subject: EngineUnderTest, processInstanceKey: string): Promise<boolean> {
  return (await lifecycle(subject, processInstanceKey, await processIdOf(subject, processInstanceKey))).includes('ELEMENT_COMPLETED');
}

export async function isTerminated(subject: EngineUnderTest, processInstanceKey: string): Promise<boolean> {
  return (await lifecycle(subject, processInstanceKey, await processIdOf(subject, processInstanceKey))).includes('ELEMENT_TERMINATED');
}

async function processIdOf(subject: EngineUnderTest, processInstanceKey: string): Promise<string> {
  const rows = await subject.query<{ id: string }>(
    // The latest record: a migration may have moved the instance to another process.
    `SELECT value->>'bpmnProcessId' AS id FROM engine.records WHERE key = $1 AND value_type = 'PROCESS_INSTANCE' ORDER BY position DESC LIMIT 1`,
    [processInstanceKey],
  );
  return rows[0].id;
}

/** Variables of a scope as the engine holds them now. */
export async function variablesOf(subject: EngineUnderTest, scopeKey: string): Promise<Record<string, unknown>> {
  const rows = await subject.query<{ data: { name: string; value: unknown } }>(`SELECT data FROM engine.variables WHERE (data->>'scopeKey') = $1`, [scopeKey]);
  return Object.fromEntries(rows.map((row) => [row.data.name, row.data.value]));
}

/** The last value of each variable a scope had, from the record log (scopes drop their variables when they end). */
export async function finalVariables(subject: EngineUnderTest, scopeKey: string): Promise<Record<string, unknown>> {
  const rows = await subject.query<{ name: string; value: string }>(
    `SELECT value->>'name' AS name, value->>'value' AS value FROM engine.records WHERE value_type = 'VARIABLE' AND (value->>'scopeKey') = $1 ORDER BY position`,
    [scopeKey],
  );
  return Object.fromEntries(rows.map((row) => [row.name, JSON.parse(row.value)]));
}

/** gRPC status codes the gateway answers with. */
export const INVALID_ARGUMENT = 3;
export const DEADLINE_EXCEEDED = 4;
export const NOT_FOUND = 5;
export const ALREADY_EXISTS = 6;
export const RESOURCE_EXHAUSTED = 8;
export const FAILED_PRECONDITION = 9;

/** The status code and details of a call that must fail. */
export async function grpcError(promise: Promise<unknown>): Promise<{ code: number; details: string }> {
  try {
    await promise;
  } catch (error) {
    const { code, details, message } = error as { code: number; details?: string; message: string };
    return { code, details: details ?? message };
  }
  throw new Error('Expected the call to fail');
}

/** Polls until the check holds; the engine works asynchronously to the client's replies only for timers and pushes. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result) return result;
    if (Date.now() > until) throw new Error('Condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// --- BPMN text, kept small so each test shows its whole model

const NAMESPACES =
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" targetNamespace="http://example.com/engine-tests"';

export function bpmn(processId: string, body: string, rootElements = ''): Buffer {
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions id="defs_${processId}" ${NAMESPACES}><bpmn:process id="${processId}" isExecutable="true">${body}</bpmn:process>${rootElements}</bpmn:definitions>`,
  );
}

/** Sequence flows through the given element ids in order (ids `a_b`). */
export function chain(...ids: string[]): string {
  return ids
    .slice(1)
    .map((id, index) => flow(ids[index], id))
    .join('');
}

export function flow(from: string, to: string, condition?: string, id = `${from}_${to}`): string {
  const body = condition ? `<bpmn:conditionExpression>${escape(condition)}</bpmn:conditionExpression>` : '';
  return `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}">${body}</bpmn:sequenceFlow>`;
}

export function serviceTask(id: string, type: string, extensions = ''): string {
  return `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="${escape(type)}"/>${extensions}</bpmn:extensionElements></bpmn:serviceTask>`;
}

export function io(inputs: Record<string, string>, outputs: Record<string, string> = {}): string {
  const input = Object.entries(inputs).map(([target, source]) => `<zeebe:input source="${escape(source)}" target="${target}"/>`);
  const output = Object.entries(outputs).map(([target, source]) => `<zeebe:output source="${escape(source)}" target="${target}"/>`);
  return `<zeebe:ioMapping>${input.join('')}${output.join('')}</zeebe:ioMapping>`;
}

export function message(id: string, name: string, correlationKey: string): string {
  return `<bpmn:message id="${id}" name="${name}"><bpmn:extensionElements><zeebe:subscription correlationKey="${escape(correlationKey)}"/></bpmn:extensionElements></bpmn:message>`;
}

export function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export const start = (id = 'start') => `<bpmn:startEvent id="${id}"/>`;
export const end = (id = 'end') => `<bpmn:endEvent id="${id}"/>`;

/** The simplest model: one service task of the given type. */
export function oneTask(processId: string, type: string, extensions = ''): Buffer {
  return bpmn(processId, `${start()}${serviceTask('task', type, extensions)}${end()}${chain('start', 'task', 'end')}`);
}

export type EngineDriver = ReturnType<typeof driver>;

/** The calls most element tests make, through @camunda8/sdk. */
export function driver(subject: EngineUnderTest) {
  const deploy = async (processId: string, model: Buffer) => subject.sdk.deployResource({ process: model, name: `${processId}.bpmn` });
  /** Deploys a process made of a body (and root elements such as messages) and answers its process definition key. */
  const deployProcess = async (processId: string, body: string, rootElements = '') =>
    (await deploy(processId, bpmn(processId, body, rootElements))).deployments[0].process.processDefinitionKey;
  const run = async (processId: string, variables: Record<string, unknown> = {}) =>
    (await subject.sdk.createProcessInstance({ bpmnProcessId: processId, variables: variables as never })).processInstanceKey;
  const activate = async (type: string, maxJobsToActivate = 50) =>
    subject.sdk.activateJobs({ type, worker: 'conformance', maxJobsToActivate, timeout: 60_000, requestTimeout: -1 });
  const completeOne = async (type: string, variables: Record<string, unknown> = {}) => {
    const [job] = await activate(type, 1);
    if (!job) throw new Error(`No job of type '${type}' to complete`);
    await subject.sdk.completeJob({ jobKey: job.key, variables: variables as never });
    return job;
  };
  /** Moves the engine's clock and waits until the timers it made due have fired. */
  const passTime = async (ms: number) => {
    subject.engine.clock.increaseTime(ms);
    await new Promise((resolve) => setTimeout(resolve, 150));
  };
  return { deploy, deployProcess, run, activate, completeOne, passTime };
}

/** Keys of the element instances of an element that reached the given intent, in order. */
export async function elementInstances(subject: EngineUnderTest, processInstanceKey: string, elementId: string, intent = 'ELEMENT_COMPLETED'): Promise<{ key: string; type: string }[]> {
  const rows = await subject.query<{ key: string; type: string }>(
    `SELECT key::text, value->>'bpmnElementType' AS type FROM engine.records WHERE value_type = 'PROCESS_INSTANCE' AND intent = $3 AND (value->>'processInstanceKey') = $1 AND value->>'elementId' = $2 ORDER BY position`,
    [processInstanceKey, elementId, intent],
  );
  return rows;
}

/** Process instances of a process, oldest first (for instances started by events). */
export async function instancesOf(subject: EngineUnderTest, bpmnProcessId: string): Promise<string[]> {
  const rows = await subject.query<{ key: string }>(
    `SELECT key::text FROM engine.records WHERE value_type = 'PROCESS_INSTANCE' AND intent = 'ELEMENT_ACTIVATING' AND value->>'bpmnElementType' = 'PROCESS' AND value->>'bpmnProcessId' = $1 ORDER BY position`,
    [bpmnProcessId],
  );
  return rows.map((row) => row.key);
}

export function dmn(definitionsId: string, body: string): Buffer {
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="${definitionsId}" name="${definitionsId}" namespace="http://camunda.org/schema/1.0/dmn">${body}</definitions>`,
  );
}
