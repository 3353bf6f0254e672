import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError, DomainErrorCode } from '@app/domain';
import { diffBpmn, type ModelDiff } from '@app/modeling';
import { DeployedResourceEntity } from '@app/persistence';
import { deploymentTarget } from './model-deployer.service.js';

export interface ProcessVersionView {
  version: number;
  processDefinitionKey: string;
  resourceName: string;
  deploymentKey: string;
  deployedBy: string;
  deployedAt: Date;
}

export interface ProcessView {
  bpmnProcessId: string;
  versions: ProcessVersionView[];
}

/** The processes the product deployed to the configured orchestrator, version by version. */
@Injectable()
export class DeployedModels {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  private get target(): string {
    return deploymentTarget(this.config);
  }

  async listProcesses(): Promise<ProcessView[]> {
    const rows = await this.dataSource.manager.find(DeployedResourceEntity, {
      select: { resourceId: true, version: true, definitionKey: true, resourceName: true, deploymentKey: true, deployedBy: true, deployedAt: true },
      where: { target: this.target, kind: 'process' },
      order: { resourceId: 'ASC', version: 'DESC' },
    });
    const processes = new Map<string, ProcessView>();
    for (const row of rows) {
      const process = processes.get(row.resourceId) ?? { bpmnProcessId: row.resourceId, versions: [] };
      process.versions.push({
        version: row.version,
        processDefinitionKey: row.definitionKey,
        resourceName: row.resourceName,
        deploymentKey: row.deploymentKey,
        deployedBy: row.deployedBy,
        deployedAt: row.deployedAt,
      });
      processes.set(row.resourceId, process);
    }
    return [...processes.values()];
  }

  async processVersion(bpmnProcessId: string, version: number): Promise<DeployedResourceEntity> {
    const row = await this.dataSource.manager.findOneBy(DeployedResourceEntity, { target: this.target, kind: 'process', resourceId: bpmnProcessId, version });
    if (!row) throw new DomainError(DomainErrorCode.NotFound, `Process '${bpmnProcessId}' has no version ${version}`);
    return row;
  }

  /** The version with this process definition key, if the product deployed it. */
  async processDefinition(processDefinitionKey: string): Promise<{ processDefinitionKey: string; bpmnProcessId: string; version: number } | null> {
    const row = await this.dataSource.manager.findOneBy(DeployedResourceEntity, { target: this.target, kind: 'process', definitionKey: processDefinitionKey });
    return row ? { processDefinitionKey, bpmnProcessId: row.resourceId, version: row.version } : null;
  }

  async diff(bpmnProcessId: string, from: number, to: number): Promise<ModelDiff & { from: number; to: number }> {
    const [before, after] = await Promise.all([this.processVersion(bpmnProcessId, from), this.processVersion(bpmnProcessId, to)]);
    return { from, to, ...(await diffBpmn(before.content, after.content)) };
  }
}
