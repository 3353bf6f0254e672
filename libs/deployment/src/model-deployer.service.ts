import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditLog, systemActor, type AuditActor } from '@app/audit';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError, DomainErrorCode } from '@app/domain';
import { DeployedResourceEntity, ModelDeploymentEntity, type DeployedResourceKind } from '@app/persistence';
import { ZEEBE_CLIENT, type ZeebeClient } from '@app/zeebe';
import { blockingProblems, checkDeployment, type DeploymentCheckProblem } from './deployment-check.js';
import { bundleChecksum, modelFileOfSource, readModelBundle, type ModelFile } from './model-bundle.js';
import { WORKER_JOB_TYPES } from './worker-job-types.js';

export interface StartupDeployment {
  deployed: boolean;
  checksum: string;
  deploymentKey: string;
}

export interface DeployedVersion {
  kind: DeployedResourceKind;
  resourceId: string;
  version: number;
  definitionKey: string;
  resourceName: string;
}

export interface DeploymentResult {
  deploymentKey: string;
  resources: DeployedVersion[];
}

/** What a deployment of files from elsewhere than an upload (a draft) adds to the upload's. */
export interface DeploymentOptions {
  /** More of what the audit entry records (e.g. the draft the files came from). */
  auditData?: Record<string, unknown>;
  /**
   * Runs in the transaction that records the deployment, after the orchestrator took it; it
   * must not fail, as the orchestrator cannot take the deployment back.
   */
  afterDeployed?: (manager: EntityManager) => Promise<void>;
}

/** Which orchestrator a deployment went to: the configured Zeebe address, or the embedded engine. */
export function deploymentTarget(config: Pick<AppConfig, 'zeebeGrpcAddress'>): string {
  return config.zeebeGrpcAddress ?? 'embedded';
}

/** Any fixed number: one process at a time decides whether the models need deploying. */
const DEPLOY_LOCK = 5_2026_1122;
const STARTUP = systemActor('system:startup');

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

type DeploymentMetadata = {
  process?: { bpmnProcessId: string; version: number; processDefinitionKey: string; resourceName: string };
  decisionRequirements?: { dmnDecisionRequirementsId: string; version: number; decisionRequirementsKey: string; resourceName: string };
  form?: { formId: string; version: number; formKey: string; resourceName: string };
};

function versionsOf(deployments: readonly DeploymentMetadata[]): DeployedVersion[] {
  return deployments.flatMap((deployment): DeployedVersion[] => {
    if (deployment.process) {
      const { bpmnProcessId, version, processDefinitionKey, resourceName } = deployment.process;
      return [{ kind: 'process', resourceId: bpmnProcessId, version, definitionKey: processDefinitionKey, resourceName }];
    }
    if (deployment.decisionRequirements) {
      const { dmnDecisionRequirementsId, version, decisionRequirementsKey, resourceName } = deployment.decisionRequirements;
      return [{ kind: 'decision-requirements', resourceId: dmnDecisionRequirementsId, version, definitionKey: decisionRequirementsKey, resourceName }];
    }
    if (deployment.form) {
      const { formId, version, formKey, resourceName } = deployment.form;
      return [{ kind: 'form', resourceId: formId, version, definitionKey: formKey, resourceName }];
    }
    // Decisions are recorded with their requirements graph, which holds their source.
    return [];
  });
}

/**
 * Deploys models to the configured orchestrator (embedded engine or Zeebe) atomically:
 * the product's own `bpmn/` at start-up when its checksum changed, and what administrators
 * upload after checking it. Remembers every version with its source and deployer.
 */
@Injectable()
export class ModelDeployer {
  private readonly logger = new Logger('ModelDeployer');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  private get target(): string {
    return deploymentTarget(this.config);
  }

  async deployIfChanged(directory: string): Promise<StartupDeployment> {
    const files = await readModelBundle(directory);
    if (files.length === 0) throw new Error(`No models (.bpmn, .dmn, .form) found in ${directory}`);
    const checksum = bundleChecksum(files);
    const target = this.target;
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [DEPLOY_LOCK]);
      const known = await manager.findOneBy(ModelDeploymentEntity, { target, checksum });
      if (known) {
        this.logger.log(`models unchanged (checksum ${checksum.slice(0, 12)}), deployment ${known.deploymentKey}`);
        return { deployed: false, checksum, deploymentKey: known.deploymentKey };
      }
      const { deploymentKey } = await this.deployAndRecord(manager, files, STARTUP, 'deployment.startup');
      await manager.insert(ModelDeploymentEntity, { target, checksum, deploymentKey, resourceNames: files.map((file) => file.name) });
      this.logger.log(`deployed ${files.length} models (checksum ${checksum.slice(0, 12)}) as deployment ${deploymentKey}`);
      return { deployed: true, checksum, deploymentKey };
    });
  }

  /**
   * What deploying these files now would meet: its errors refuse the deployment, its warnings
   * are advice. The check every deployment of an administrator passes, and what the editors
   * show while a model is edited.
   */
  async check(files: readonly ModelFile[]): Promise<DeploymentCheckProblem[]> {
    const deployedFormIds = await this.dataSource.manager
      .createQueryBuilder(DeployedResourceEntity, 'resource')
      .select('DISTINCT resource.resource_id', 'resourceId')
      .where({ target: this.target, kind: 'form' })
      .getRawMany<{ resourceId: string }>()
      .then((rows) => rows.map((row) => row.resourceId));
    return checkDeployment(files, { jobTypes: WORKER_JOB_TYPES, deployedFormIds });
  }

  /** The check of files as the administrators' editors hold them: names and texts. */
  async checkSources(sources: readonly { name: string; content: string }[]): Promise<{ problems: DeploymentCheckProblem[] }> {
    return { problems: await this.check(sources.map(modelFileOfSource)) };
  }

  /** An administrator's upload: checked first; any error refuses all of it and deploys nothing. */
  async deploy(files: readonly ModelFile[], actor: AuditActor, options: DeploymentOptions = {}): Promise<DeploymentResult> {
    if (files.length === 0) throw new DomainError(DomainErrorCode.ValidationFailed, 'Nothing to deploy', [{ field: 'files', code: 'REQUIRED', message: 'Upload at least one .bpmn, .dmn or .form file' }]);
    const errors = blockingProblems(await this.check(files));
    if (errors.length > 0) throw new DomainError(DomainErrorCode.DeploymentRejected, 'The models cannot be deployed', errors);
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [DEPLOY_LOCK]);
      const result = await this.deployAndRecord(manager, files, actor, 'deployment.create', options.auditData);
      await options.afterDeployed?.(manager);
      return result;
    });
  }

  /**
   * Deploys in one call, so the orchestrator takes all or nothing, then records what it
   * answered. An unchanged resource keeps the version (and deployer) it had.
   */
  private async deployAndRecord(manager: EntityManager, files: readonly ModelFile[], actor: AuditActor, action: string, auditData: Record<string, unknown> = {}): Promise<DeploymentResult> {
    let response;
    try {
      response = await this.zeebe.deployResources(files.map(asResource));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!/INVALID_ARGUMENT/.test(message)) throw error;
      throw new DomainError(DomainErrorCode.DeploymentRejected, 'The orchestrator refused the models', [{ field: 'files', code: 'REJECTED_BY_ORCHESTRATOR', message }]);
    }
    const resources = versionsOf(response.deployments as DeploymentMetadata[]);
    const contentOf = new Map(files.map((file) => [file.name, file.content.toString('utf8')]));
    for (const resource of resources) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(DeployedResourceEntity)
        .values({ ...resource, target: this.target, deploymentKey: response.key, content: contentOf.get(resource.resourceName) ?? '', deployedBy: actor.actorId })
        .orIgnore()
        .execute();
    }
    await this.audit.record(
      {
        ...actor,
        action,
        entityType: 'deployment',
        entityId: response.key,
        data: { ...auditData, target: this.target, resources: resources.map(({ kind, resourceId, version }) => ({ kind, resourceId, version })) },
      },
      manager,
    );
    return { deploymentKey: response.key, resources };
  }
}
