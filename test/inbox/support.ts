import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import request from 'supertest';
import type { Role } from '@app/auth';
import { loadConfig, type AppConfig } from '@app/config';
import { ModelDeployer } from '@app/deployment';
import { TaskModels } from '@app/inbox';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import type { UserSpec } from '../factories/user.js';
import { startTestApi, TEST_JWT_SECRET, type SignedInUser, type TestApi } from '../support/api.js';

/** The api and the real worker app on one fresh database, with the embedded engine, as the product runs them. */
export interface InboxTestContext {
  api: TestApi;
  worker: INestApplicationContext;
  sql: pg.Client;
  http(): ReturnType<typeof request>;
  signIn(role: Role, overrides?: Partial<UserSpec>): Promise<SignedInUser>;
  /** Deploys the product's models (bpmn/: processes, the decision, the forms) as the worker does at start. */
  deployShipped(): Promise<void>;
  /** Deploys a model of the test's own and tells both apps' task models about it. */
  deployModel(xml: string): Promise<void>;
  /** Starts an instance of a process; returns its key. */
  start(bpmnProcessId: string, variables: Record<string, unknown>): Promise<string>;
  /** The id of the open task of an instance, once the worker has created it. */
  taskOf(processInstanceKey: string, elementId?: string): Promise<string>;
  /** Waits until a condition on the database holds. */
  eventually<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

export async function startInbox(config: Partial<AppConfig> = {}): Promise<InboxTestContext> {
  const api = await startTestApi(config);
  const worker = await NestFactory.createApplicationContext(
    WorkerModule.forRoot({
      ...loadConfig({ LOG_LEVEL: 'silent', AUTH_JWT_SECRET: TEST_JWT_SECRET }),
      ...config,
      databaseUrl: api.database.url,
      zeebeGrpcAddress: api.engine.address,
    }),
    { logger: false },
  );
  await worker.init();
  const sql = new pg.Client({ connectionString: api.database.url });
  await sql.connect();
  const eventually = async <T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 10_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  return {
    api,
    worker,
    sql,
    http: () => request(api.app.getHttpServer()),
    signIn: (role, overrides) => api.signIn(role, overrides),
    deployShipped: async () => {
      await worker.get(ModelDeployer).deployIfChanged('bpmn');
    },
    deployModel: async (xml) => {
      await api.engine.zeebe.deployResource({ process: Buffer.from(xml), name: 'test-model.bpmn' });
      await api.app.get(TaskModels).addModel(xml);
      await worker.get(TaskModels).addModel(xml);
    },
    start: async (bpmnProcessId, variables) => (await api.engine.zeebe.createProcessInstance({ bpmnProcessId, variables: variables as never })).processInstanceKey,
    taskOf: (processInstanceKey, elementId) =>
      eventually(async () => {
        const { rows } = await sql.query(
          `SELECT id::text FROM task WHERE process_instance_key = $1 AND state = 'CREATED' AND ($2::text IS NULL OR element_id = $2) ORDER BY id DESC LIMIT 1`,
          [processInstanceKey, elementId ?? null],
        );
        return rows[0]?.id as string | undefined;
      }, `a task of instance ${processInstanceKey}`),
    eventually,
    close: async () => {
      await sql.end();
      await worker.close();
      await api.close();
    },
  };
}

export interface UserTaskOptions {
  processId?: string;
  name?: string;
  formId?: string | null;
  /** FEEL for the candidate groups; by default the variable `groups`. */
  candidateGroups?: string;
  candidateUsers?: string;
  assignee?: string;
  dueDate?: string;
  followUpDate?: string;
  headers?: Record<string, string>;
}

/** A process with one job-based user task, as the models of bpmn/ have them. */
export function aUserTaskProcess(options: UserTaskOptions = {}): string {
  const processId = options.processId ?? 'inbox-test';
  const attribute = (name: string, value: string | undefined) => (value === undefined ? '' : ` ${name}="${value.replace(/"/g, '&quot;')}"`);
  const headers = Object.entries(options.headers ?? {})
    .map(([key, value]) => `<zeebe:header key="${key}" value="${value}" />`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="${processId}-definitions" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${processId}" name="Testovací proces" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="toTask" sourceRef="start" targetRef="task" />
    <bpmn:userTask id="task" name="${options.name ?? 'Posudek člena okresního týmu'}">
      <bpmn:extensionElements>
        <zeebe:assignmentDefinition${attribute('candidateGroups', options.candidateGroups ?? '=groups')}${attribute('candidateUsers', options.candidateUsers)}${attribute('assignee', options.assignee)} />
        ${options.dueDate || options.followUpDate ? `<zeebe:taskSchedule${attribute('dueDate', options.dueDate)}${attribute('followUpDate', options.followUpDate)} />` : ''}
        ${options.formId === null ? '' : `<zeebe:formDefinition formId="${options.formId ?? 'district-opinion'}" />`}
        ${headers ? `<zeebe:taskHeaders>${headers}</zeebe:taskHeaders>` : ''}
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="toEnd" sourceRef="task" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;
}
