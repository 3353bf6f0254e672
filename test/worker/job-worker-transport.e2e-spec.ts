import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { AppConfigModule, loadConfig } from '@app/config';
import { BpmnError, JobWorker, ZeebeModule, type WorkerJob } from '@app/zeebe';
import { startTestEngine, type TestEngine } from '../support/engine.js';

@Injectable()
class SampleWorkers {
  seenVariables: string[][] = [];
  crashes = 0;

  @JobWorker({ type: 'sample.double', fetchVariables: ['amount'] })
  async double(job: WorkerJob<{ amount: number }>) {
    this.seenVariables.push(Object.keys(job.variables));
    return { doubled: job.variables.amount * 2 };
  }

  @JobWorker({ type: 'sample.refuse', fetchVariables: [] })
  async refuse(): Promise<void> {
    throw new BpmnError('REFUSED', 'The need is not declared', { refusalReason: 'no community plan' });
  }

  @JobWorker({ type: 'sample.crash', fetchVariables: [] })
  async crash(): Promise<void> {
    this.crashes++;
    throw new Error('registry unreachable');
  }
}

const PROCESS = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:error id="refused" errorCode="REFUSED" />
  <bpmn:process id="transport-sample" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="double" />
    <bpmn:serviceTask id="double"><bpmn:extensionElements><zeebe:taskDefinition type="sample.double" /></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:sequenceFlow id="f2" sourceRef="double" targetRef="refuse" />
    <bpmn:serviceTask id="refuse"><bpmn:extensionElements><zeebe:taskDefinition type="sample.refuse" /></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:boundaryEvent id="onRefused" attachedToRef="refuse"><bpmn:errorEventDefinition errorRef="refused" /></bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f3" sourceRef="refuse" targetRef="accepted" />
    <bpmn:endEvent id="accepted" />
    <bpmn:sequenceFlow id="f4" sourceRef="onRefused" targetRef="refusedEnd" />
    <bpmn:endEvent id="refusedEnd" />
  </bpmn:process>
  <bpmn:process id="transport-crash" isExecutable="true">
    <bpmn:startEvent id="crashStart" />
    <bpmn:sequenceFlow id="c1" sourceRef="crashStart" targetRef="crash" />
    <bpmn:serviceTask id="crash"><bpmn:extensionElements><zeebe:taskDefinition type="sample.crash" retries="2" /></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:sequenceFlow id="c2" sourceRef="crash" targetRef="crashEnd" />
    <bpmn:endEvent id="crashEnd" />
  </bpmn:process>
</bpmn:definitions>`;

describe('job worker transport against the embedded engine', () => {
  let engine: TestEngine;
  let app: INestApplicationContext;
  let workers: SampleWorkers;

  beforeAll(async () => {
    engine = await startTestEngine();
    @Module({
      imports: [AppConfigModule.forRoot({ ...loadConfig({}), zeebeGrpcAddress: engine.address }), ZeebeModule],
      providers: [SampleWorkers],
    })
    class SampleWorkerModule {}
    app = await NestFactory.createApplicationContext(SampleWorkerModule, { logger: false });
    await app.init();
    workers = app.get(SampleWorkers);
    await engine.zeebe.deployResource({ process: Buffer.from(PROCESS), name: 'transport-sample.bpmn' });
  });

  afterAll(async () => {
    await app?.close();
    await engine?.close();
  });

  it('completes with what a handler returns, fetching only the named variables', async () => {
    const result = await engine.zeebe.createProcessInstanceWithResult({
      bpmnProcessId: 'transport-sample',
      variables: { amount: 21, unrelated: 'not for the worker' },
      requestTimeout: 20_000,
    });
    expect(result.variables).toMatchObject({ doubled: 42, refusalReason: 'no community plan' });
    expect(workers.seenVariables).toEqual([['amount']]);
  });

  it('fails the job on a thrown fault until the retries are spent, then the engine raises an incident', async () => {
    const instance = await engine.zeebe.createProcessInstance({ bpmnProcessId: 'transport-crash', variables: {} });
    const sql = new pg.Client({ connectionString: engine.database.url });
    await sql.connect();
    try {
      let incidents: { data: { errorMessage: string } }[] = [];
      for (let attempt = 0; attempt < 100 && incidents.length === 0; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        incidents = (await sql.query(`SELECT data FROM engine.incidents WHERE process_instance_key = $1`, [instance.processInstanceKey])).rows;
      }
      expect(incidents).toHaveLength(1);
      expect(incidents[0].data.errorMessage).toContain('registry unreachable');
      expect(workers.crashes).toBe(2);
    } finally {
      await sql.end();
    }
  });
});
