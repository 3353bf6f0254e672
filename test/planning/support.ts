import { Module, type DynamicModule, type INestApplicationContext, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AuditLog } from '@app/audit';
import { AppConfigModule, loadConfig, type AppConfig } from '@app/config';
import { databaseModule, type AuditEntryEntity } from '@app/persistence';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { PlanningModule } from '@app/planning';
import { ZeebeModule } from '@app/zeebe';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestEngine, type TestEngine } from '../support/engine.js';

export interface PlanningTestContext {
  app: INestApplicationContext;
  dataSource: DataSource;
  database: TestDatabase;
  engine: TestEngine;
  get<T>(type: Type<T>): T;
  close(): Promise<void>;
}

/**
 * The planning use cases as the apps wire them, on a fresh migrated database with the
 * embedded engine. `providers` adds more (the workers, for worker tests).
 */
export function startPlanning(options: { providers?: Type[] } = {}): Promise<PlanningTestContext> {
  return startContext('planning', (config) => {
    @Module({
      imports: [AppConfigModule.forRoot(config), databaseModule(config.databaseUrl), ZeebeModule, PlanningModule],
      providers: options.providers ?? [],
    })
    class PlanningTestModule {}
    return PlanningTestModule;
  });
}

/** The real worker app (every job worker, on the one transport) on a fresh database, polling the embedded engine. */
export function startWorkers(): Promise<PlanningTestContext> {
  return startContext('workers', (config) => WorkerModule.forRoot(config));
}

type DatabaseConfig = AppConfig & { databaseUrl: string };

/** A Nest application context of the module made for a fresh database and its own engine; closing it drops both. */
async function startContext(prefix: string, moduleFor: (config: DatabaseConfig) => Type | DynamicModule): Promise<PlanningTestContext> {
  const database = await createTestDatabase(prefix);
  const engine = await startTestEngine(database);
  const config: DatabaseConfig = { ...loadConfig({ LOG_LEVEL: 'silent' }), databaseUrl: database.url, zeebeGrpcAddress: engine.address };
  const app = await NestFactory.createApplicationContext(moduleFor(config), { logger: false });
  await app.init();
  return {
    app,
    dataSource: app.get(DataSource),
    database,
    engine,
    get: (type) => app.get(type),
    close: async () => {
      await app.close();
      await engine.close();
      await database.drop();
    },
  };
}

/** The audit entries about an intention, oldest first, found as `GET /audit?intentionId=` finds them. */
export async function auditOf(context: PlanningTestContext, intentionId: string): Promise<AuditEntryEntity[]> {
  return (await context.get(AuditLog).search({ intentionId, limit: 100 })).items.reverse();
}

/** A BPMN process of the given id with the body's elements (flows included), for models the test deploys itself. */
export function aProcess(processId: string, body: string, definitions = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="${processId}-definitions" targetNamespace="http://bpmn.io/schema/bpmn">
  ${definitions}
  <bpmn:process id="${processId}" isExecutable="true">${body}</bpmn:process>
</bpmn:definitions>`;
}

export async function deploy(engine: TestEngine, processId: string, xml: string): Promise<void> {
  await engine.zeebe.deployResource({ process: Buffer.from(xml), name: `${processId}.bpmn` });
}

/** A process that waits for one message correlated by `intentionId`, then ends. */
export function aMessageWaiter(processId: string, messageName: string): string {
  return aProcess(
    processId,
    `<bpmn:startEvent id="start" />
     <bpmn:sequenceFlow id="toWait" sourceRef="start" targetRef="wait" />
     <bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="message" /></bpmn:intermediateCatchEvent>
     <bpmn:sequenceFlow id="toEnd" sourceRef="wait" targetRef="end" />
     <bpmn:endEvent id="end" />`,
    `<bpmn:message id="message" name="${messageName}"><bpmn:extensionElements><zeebe:subscription correlationKey="=intentionId" /></bpmn:extensionElements></bpmn:message>`,
  );
}

/** A process whose one service task of `jobType` waits until the test activates it. */
export function aJobWaiter(processId: string, jobType: string): string {
  return aProcess(
    processId,
    `<bpmn:startEvent id="start" />
     <bpmn:sequenceFlow id="toTask" sourceRef="start" targetRef="task" />
     <bpmn:serviceTask id="task"><bpmn:extensionElements><zeebe:taskDefinition type="${jobType}" /></bpmn:extensionElements></bpmn:serviceTask>
     <bpmn:sequenceFlow id="toEnd" sourceRef="task" targetRef="end" />
     <bpmn:endEvent id="end" />`,
  );
}

/**
 * One service task of `jobType` with the model's input mappings (`target: FEEL source`); when
 * `errorCode` is given, a boundary event catches that BPMN error, sets `caughtError` to it and
 * passes on the error's `errorVariables` (a catch event with outputs passes only those, as in Zeebe).
 */
export function aTaskProcess(
  processId: string,
  jobType: string,
  options: { inputs?: Record<string, string>; errorCode?: string; errorVariables?: string[]; retries?: number } = {},
): string {
  const escape = (text: string) => text.replaceAll('&', '&amp;').replaceAll('"', '&#34;').replaceAll('<', '&lt;');
  const inputs = Object.entries(options.inputs ?? {})
    .map(([target, source]) => `<zeebe:input source="${escape(source)}" target="${target}" />`)
    .join('');
  const caught = options.errorCode
    ? `<bpmn:boundaryEvent id="caught" attachedToRef="task">
         <bpmn:extensionElements>
           <zeebe:ioMapping>
             <zeebe:output source="=&#34;${options.errorCode}&#34;" target="caughtError" />
             ${(options.errorVariables ?? []).map((name) => `<zeebe:output source="=${name}" target="${name}" />`).join('')}
           </zeebe:ioMapping>
         </bpmn:extensionElements>
         <bpmn:errorEventDefinition errorRef="error" />
       </bpmn:boundaryEvent>
       <bpmn:sequenceFlow id="toCaughtEnd" sourceRef="caught" targetRef="caughtEnd" />
       <bpmn:endEvent id="caughtEnd" />`
    : '';
  return aProcess(
    processId,
    `<bpmn:startEvent id="start" />
     <bpmn:sequenceFlow id="toTask" sourceRef="start" targetRef="task" />
     <bpmn:serviceTask id="task">
       <bpmn:extensionElements>
         <zeebe:taskDefinition type="${jobType}" retries="${options.retries ?? 3}" />
         ${inputs ? `<zeebe:ioMapping>${inputs}</zeebe:ioMapping>` : ''}
       </bpmn:extensionElements>
     </bpmn:serviceTask>
     <bpmn:sequenceFlow id="toEnd" sourceRef="task" targetRef="end" />
     <bpmn:endEvent id="end" />
     ${caught}`,
    options.errorCode ? `<bpmn:error id="error" errorCode="${options.errorCode}" />` : '',
  );
}
