import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { ModelDeploymentEntity } from '@app/persistence';
import { ZEEBE_CLIENT, type ZeebeClient } from '@app/zeebe';
import { bundleChecksum, readModelBundle, type ModelFile } from './model-bundle.js';

export interface StartupDeployment {
  deployed: boolean;
  checksum: string;
  deploymentKey: string;
}

/** Any fixed number: one process at a time decides whether the models need deploying. */
const DEPLOY_LOCK = 5_2026_1122;

function asResource(file: ModelFile) {
  switch (file.kind) {
    case 'bpmn':
      return { name: file.name, process: file.content };
    case 'dmn':
      return { name: file.name, decision: file.content };
    case 'form':
      return { name: file.name, form: file.content };
  }
}

/**
 * Deploys the models the product ships (`bpmn/`) to the configured orchestrator when their
 * content changed since the last deployment there, in one atomic deployment.
 */
@Injectable()
export class ModelDeployer {
  private readonly logger = new Logger('ModelDeployer');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async deployIfChanged(directory: string): Promise<StartupDeployment> {
    const files = await readModelBundle(directory);
    if (files.length === 0) throw new Error(`No models (.bpmn, .dmn, .form) found in ${directory}`);
    const checksum = bundleChecksum(files);
    const target = this.config.zeebeGrpcAddress ?? 'embedded';
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [DEPLOY_LOCK]);
      const known = await manager.findOneBy(ModelDeploymentEntity, { target, checksum });
      if (known) {
        this.logger.log(`models unchanged (checksum ${checksum.slice(0, 12)}), deployment ${known.deploymentKey}`);
        return { deployed: false, checksum, deploymentKey: known.deploymentKey };
      }
      const response = await this.zeebe.deployResources(files.map(asResource));
      await manager.insert(ModelDeploymentEntity, { target, checksum, deploymentKey: response.key, resourceNames: files.map((file) => file.name) });
      this.logger.log(`deployed ${files.length} models (checksum ${checksum.slice(0, 12)}) as deployment ${response.key}`);
      return { deployed: true, checksum, deploymentKey: response.key };
    });
  }
}
