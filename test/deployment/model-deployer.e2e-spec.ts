import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { AppConfigModule, loadConfig } from '@app/config';
import { DeploymentModule, ModelDeployer } from '@app/deployment';
import { databaseModule } from '@app/persistence';
import { ZeebeModule } from '@app/zeebe';
import { startTestEngine, type TestEngine } from '../support/engine.js';

const process = (name: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="deployer-sample" name="${name}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="flow" sourceRef="start" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

const form = JSON.stringify({ id: 'deployer-form', type: 'default', components: [{ type: 'textfield', key: 'note', label: 'Poznámka' }] });

describe('deploying the shipped models at start-up', () => {
  let engine: TestEngine;
  let app: INestApplicationContext;
  let deployer: ModelDeployer;
  let directory: string;

  beforeAll(async () => {
    engine = await startTestEngine();
    const moduleRef = await Test.createTestingModule({
      imports: [
        AppConfigModule.forRoot({ ...loadConfig({}), zeebeGrpcAddress: engine.address }),
        databaseModule(engine.database.url),
        ZeebeModule,
        DeploymentModule,
      ],
    }).compile();
    app = await moduleRef.init();
    deployer = app.get(ModelDeployer);
    directory = await mkdtemp(join(tmpdir(), 'shipped-models-'));
    await mkdir(join(directory, 'forms'));
    await writeFile(join(directory, 'sample.bpmn'), process('Ukázka'));
    await writeFile(join(directory, 'forms', 'deployer-form.form'), form);
  });
  afterAll(async () => {
    await app?.close();
    await engine?.close();
  });

  it('deploys once, however many processes start together, and not again while nothing changed', async () => {
    const first = await Promise.all([deployer.deployIfChanged(directory), deployer.deployIfChanged(directory)]);
    expect(first.filter((result) => result.deployed)).toHaveLength(1);
    expect(first[0].deploymentKey).toBe(first[1].deploymentKey);
    const again = await deployer.deployIfChanged(directory);
    expect(again).toEqual({ deployed: false, checksum: first[0].checksum, deploymentKey: first[0].deploymentKey });
    const instance = await engine.zeebe.createProcessInstance({ bpmnProcessId: 'deployer-sample', variables: {} });
    expect(instance.version).toBe(1);
  });

  it('deploys a new version when a model changes', async () => {
    await writeFile(join(directory, 'sample.bpmn'), process('Ukázka, verze 2'));
    const result = await deployer.deployIfChanged(directory);
    expect(result.deployed).toBe(true);
    const instance = await engine.zeebe.createProcessInstance({ bpmnProcessId: 'deployer-sample', variables: {} });
    expect(instance.version).toBe(2);
  });

  it('refuses an empty folder', async () => {
    await expect(deployer.deployIfChanged(await mkdtemp(join(tmpdir(), 'no-models-')))).rejects.toThrow('No models');
  });
});
