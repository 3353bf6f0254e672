// The product as the inbox benches run it (bench/inbox/run.mjs, bench/web/run.mjs): the embedded
// engine, the api and the worker in the bench process over real HTTP and gRPC, the official of
// Brno signed up, and a one-task process whose user task lands in the official's group.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Camunda8 } from '@camunda8/sdk';
import { NestFactory } from '@nestjs/core';
import { createApi } from '../../dist/apps/api/src/bootstrap.js';
import { WorkerModule } from '../../dist/apps/worker/src/worker.module.js';
import { AccountsService } from '../../dist/libs/auth/src/index.js';
import { loadConfig } from '../../dist/libs/config/src/index.js';
import { startEngine } from '../../dist/libs/engine/src/index.js';
import { OFFICIAL_LOGIN, OFFICIAL_ORP } from './fill.mjs';

export const OFFICIAL_PASSWORD = 'bench-password';
/** The process `userTaskProcess` deploys: start → a user task for `orp:<OFFICIAL_ORP>` → end. */
export const USER_TASK_PROCESS_ID = 'bench-user-task';

/**
 * Starts engine, api (on a free port of 127.0.0.1; `webDir` is the built web application it
 * serves) and worker on `databaseUrl` (migrated and filled), and creates the official's account.
 * `stop()` stops what started, also after a failed start.
 */
export async function startProduct(databaseUrl, { webDir } = {}) {
  const product = {
    base: undefined,
    engine: undefined,
    api: undefined,
    worker: undefined,
    async stop() {
      await product.worker?.close();
      await product.api?.close();
      await product.engine?.stop();
    },
  };
  try {
    product.engine = await startEngine({ databaseUrl, port: 0 });
    const config = {
      ...loadConfig({ LOG_LEVEL: 'silent', AUTH_JWT_SECRET: randomBytes(32).toString('hex') }),
      databaseUrl,
      zeebeGrpcAddress: `grpc://127.0.0.1:${product.engine.port}`,
      ...(webDir ? { webDir } : {}),
    };
    product.api = await createApi(config);
    await product.api.listen(0, '127.0.0.1');
    product.base = `http://127.0.0.1:${product.api.getHttpServer().address().port}`;
    product.worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
    await product.worker.init();
    await product.api
      .get(AccountsService)
      .createLocalUser({ login: OFFICIAL_LOGIN, password: OFFICIAL_PASSWORD, displayName: 'Úřednice ORP Brno', role: 'orp_official', territory: { kind: 'orp', id: OFFICIAL_ORP } });
    return product;
  } catch (error) {
    await product.stop();
    throw error;
  }
}

/** A gRPC client of the engine with `USER_TASK_PROCESS_ID` deployed; `close()` it when done. */
export async function userTaskProcess(engine) {
  const zeebe = new Camunda8({
    ZEEBE_GRPC_ADDRESS: `grpc://127.0.0.1:${engine.port}`,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE' },
  }).getZeebeGrpcApiClient();
  await zeebe.deployResource({
    process: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="bench">
  <bpmn:process id="${USER_TASK_PROCESS_ID}" name="Bench" isExecutable="true"><bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/>
    <bpmn:userTask id="t" name="Úkol"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="=[&#34;orp:${OFFICIAL_ORP}&#34;]"/></bpmn:extensionElements></bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/><bpmn:endEvent id="e"/></bpmn:process></bpmn:definitions>`),
    name: `${USER_TASK_PROCESS_ID}.bpmn`,
  });
  return zeebe;
}
