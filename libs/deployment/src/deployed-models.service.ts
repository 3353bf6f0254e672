import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError, DomainErrorCode } from '@app/domain';
import { diffBpmn, inspectBpmn, inspectDmn, type ModelDiff } from '@app/modeling';
import { DeployedResourceEntity, type DeployedResourceKind } from '@app/persistence';
import { deploymentTarget } from './model-deployer.service.js';

/** What every deployed version tells: which deployment brought it, who and when. */
export interface DeployedVersionView {
  version: number;
  resourceName: string;
  deploymentKey: string;
  deployedBy: string;
  deployedAt: Date;
}

export interface ProcessVersionView extends DeployedVersionView {
  processDefinitionKey: string;
}

export interface ProcessView {
  bpmnProcessId: string;
  versions: ProcessVersionView[];
}

export interface FormVersionView extends DeployedVersionView {
  formKey: string;
}

export interface FormView {
  formId: string;
  versions: FormVersionView[];
}

export interface DecisionRequirementsVersionView extends DeployedVersionView {
  decisionRequirementsKey: string;
  /** The decisions this version defines. */
  decisions: { decisionId: string; name: string }[];
}

export interface DecisionRequirementsView {
  decisionRequirementsId: string;
  versions: DecisionRequirementsVersionView[];
}

/** A resource as listVersions lists it: its id and each version's key under the names of its kind. */
type ListedResource<Id extends string, Key extends string> = Record<Id, string> & { versions: (DeployedVersionView & Record<Key, string> & { content?: string })[] };

const LABEL_OF: Readonly<Record<DeployedResourceKind, string>> = { process: 'Process', 'decision-requirements': 'Decision requirements', form: 'Form' };

/** The processes, decisions and forms the product deployed to the configured orchestrator, version by version. */
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
    return this.listVersions('process', 'bpmnProcessId', 'processDefinitionKey');
  }

  async processVersion(bpmnProcessId: string, version: number): Promise<DeployedResourceEntity> {
    return this.resourceVersion('process', bpmnProcessId, version);
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

  async listForms(): Promise<FormView[]> {
    return this.listVersions('form', 'formId', 'formKey');
  }

  /** One version of a form: its form-js schema as deployed. */
  async formVersion(formId: string, version: number): Promise<DeployedResourceEntity> {
    return this.resourceVersion('form', formId, version);
  }

  /** The decision requirements graphs (DMN files) with the decisions of each version. */
  async listDecisions(): Promise<DecisionRequirementsView[]> {
    const graphs = await this.listVersions('decision-requirements', 'decisionRequirementsId', 'decisionRequirementsKey', true);
    return Promise.all(
      graphs.map(async ({ versions, ...graph }) => ({
        ...graph,
        versions: await Promise.all(versions.map(async ({ content, ...version }) => ({ ...version, decisions: await decisionsOf(content!) }))),
      })),
    );
  }

  /** One version of a decision requirements graph: its DMN XML. */
  async decisionVersion(decisionRequirementsId: string, version: number): Promise<DeployedResourceEntity> {
    return this.resourceVersion('decision-requirements', decisionRequirementsId, version);
  }

  /**
   * The form a process version's none start event links to (`zeebe:formDefinition formId`),
   * in its latest deployed version, as Zeebe's default binding resolves it when the process
   * starts; 404 when the start event links none or the form was never deployed.
   */
  async startForm(bpmnProcessId: string, version: number): Promise<DeployedResourceEntity> {
    const process = await this.processVersion(bpmnProcessId, version);
    const { startForms } = await inspectBpmn(process.content);
    const formId = startForms.find((start) => start.processId === bpmnProcessId)?.formId;
    if (!formId) throw new DomainError(DomainErrorCode.NotFound, `Version ${version} of process '${bpmnProcessId}' has no start form`);
    const latest = await this.dataSource.manager.findOne(DeployedResourceEntity, {
      where: { target: this.target, kind: 'form', resourceId: formId },
      order: { version: 'DESC' },
    });
    if (!latest) throw new DomainError(DomainErrorCode.NotFound, `The start form '${formId}' of process '${bpmnProcessId}' is not deployed`);
    return latest;
  }

  /**
   * Every version of every resource of a kind, newest version first, the resource's id and each
   * version's definition key under the names the kind gives them; the sources only when asked for.
   */
  private async listVersions<Id extends string, Key extends string>(
    kind: DeployedResourceKind,
    idName: Id,
    keyName: Key,
    withContent = false,
  ): Promise<ListedResource<Id, Key>[]> {
    const rows = await this.dataSource.manager.find(DeployedResourceEntity, {
      select: { resourceId: true, version: true, definitionKey: true, resourceName: true, deploymentKey: true, deployedBy: true, deployedAt: true, content: withContent },
      where: { target: this.target, kind },
      order: { resourceId: 'ASC', version: 'DESC' },
    });
    const resources = new Map<string, { versions: object[] }>();
    for (const row of rows) {
      const resource = resources.get(row.resourceId) ?? { [idName]: row.resourceId, versions: [] };
      const { version, definitionKey, resourceName, deploymentKey, deployedBy, deployedAt, content } = row;
      resource.versions.push({ version, [keyName]: definitionKey, resourceName, deploymentKey, deployedBy, deployedAt, ...(withContent ? { content } : {}) });
      resources.set(row.resourceId, resource);
    }
    return [...resources.values()] as ListedResource<Id, Key>[];
  }

  private async resourceVersion(kind: DeployedResourceKind, resourceId: string, version: number): Promise<DeployedResourceEntity> {
    const row = await this.dataSource.manager.findOneBy(DeployedResourceEntity, { target: this.target, kind, resourceId, version });
    if (!row) throw new DomainError(DomainErrorCode.NotFound, `${LABEL_OF[kind]} '${resourceId}' has no version ${version}`);
    return row;
  }
}

/** A deployed DMN's decisions; the engine took it, so it reads (an unreadable one lists none). */
async function decisionsOf(xml: string): Promise<{ decisionId: string; name: string }[]> {
  const decisions = await inspectDmn(xml).catch(() => []);
  return decisions.map(({ decisionId, name }) => ({ decisionId, name }));
}
