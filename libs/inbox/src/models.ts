import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { inspectBpmn } from '@app/modeling';
import type { FormSchema } from './forms.js';

export interface UserTaskModel {
  name: string;
  formId: string | null;
  processName: string;
}

interface ProcessModels {
  processNames: Map<string, string>;
  userTasks: Map<string, { name: string; formId: string | null }>;
}

async function modelsOf(xml: string): Promise<ProcessModels> {
  const inventory = await inspectBpmn(xml);
  return {
    processNames: new Map(Object.entries(inventory.processNames)),
    userTasks: new Map(inventory.userTasks.map((task) => [`${task.processId}/${task.elementId}`, { name: task.name || task.elementId, formId: task.formId ?? null }])),
  };
}

/**
 * What the inbox must know of a user task that its job does not say: the task's and the
 * process's names, and its form. A job names the process definition and the deployed form by
 * key, so they are looked up in what the product deployed (`deployed_resource`, every version
 * an administrator or the start-up deployed); models deployed some other way are looked up in
 * the installation's models folder (`MODELS_DIR`) by process and element id.
 */
@Injectable()
export class TaskModels implements OnModuleInit {
  private readonly folder: ProcessModels = { processNames: new Map(), userTasks: new Map() };
  private readonly folderForms = new Map<string, FormSchema>();
  /** The folder's BPMN by process id, for the diagrams of models deployed some other way. */
  private readonly folderXml = new Map<string, string>();
  /** Deployed versions never change: what was read once is kept. */
  private readonly deployedProcesses = new Map<string, ProcessModels>();
  private readonly deployedForms = new Map<string, FormSchema>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const directory = resolve(this.config.modelsDir);
    for (const file of (await readdir(directory)).filter((name) => name.endsWith('.bpmn'))) {
      await this.addModel(await readFile(join(directory, file), 'utf8'));
    }
    const forms = join(directory, 'forms');
    for (const file of (await readdir(forms)).filter((name) => name.endsWith('.form'))) {
      this.addForm(JSON.parse(await readFile(join(forms, file), 'utf8')) as FormSchema);
    }
  }

  /** Learns the processes and user tasks of a model deployed besides the product's own. */
  async addModel(xml: string): Promise<void> {
    const models = await modelsOf(xml);
    for (const [id, name] of models.processNames) {
      this.folder.processNames.set(id, name);
      this.folderXml.set(id, xml);
    }
    for (const [key, task] of models.userTasks) this.folder.userTasks.set(key, task);
  }

  addForm(form: FormSchema): void {
    this.folderForms.set(form.id, form);
  }

  async userTask(job: { processDefinitionKey: string; bpmnProcessId: string; elementId: string }): Promise<UserTaskModel> {
    const models = (await this.deployedProcess(job.processDefinitionKey)) ?? this.folder;
    const task = models.userTasks.get(`${job.bpmnProcessId}/${job.elementId}`) ?? this.folder.userTasks.get(`${job.bpmnProcessId}/${job.elementId}`);
    return {
      name: task?.name ?? job.elementId,
      formId: task?.formId ?? null,
      processName: models.processNames.get(job.bpmnProcessId) ?? this.folder.processNames.get(job.bpmnProcessId) ?? job.bpmnProcessId,
    };
  }

  /** The form a task was created with: the deployed version its key names, else the folder's form of that id. */
  async form(reference: { formKey: string | null; formId: string | null }): Promise<FormSchema | null> {
    if (reference.formKey && /^\d+$/.test(reference.formKey)) {
      const deployed = this.deployedForms.get(reference.formKey) ?? (await this.load<FormSchema>('form', reference.formKey, (content) => JSON.parse(content) as FormSchema));
      if (deployed) {
        this.deployedForms.set(reference.formKey, deployed);
        return deployed;
      }
    }
    return reference.formId ? (this.folderForms.get(reference.formId) ?? null) : null;
  }

  /** The BPMN XML a task's process was deployed with (its diagram), else the folder's model of that process. */
  async processXml(task: { processDefinitionKey: string; bpmnProcessId: string }): Promise<string | null> {
    const deployed = /^\d+$/.test(task.processDefinitionKey) ? await this.load('process', task.processDefinitionKey, (content) => content) : null;
    return deployed ?? this.folderXml.get(task.bpmnProcessId) ?? null;
  }

  private async deployedProcess(definitionKey: string): Promise<ProcessModels | null> {
    const known = this.deployedProcesses.get(definitionKey);
    if (known) return known;
    const models = /^\d+$/.test(definitionKey) ? await this.load('process', definitionKey, modelsOf) : null;
    if (models) this.deployedProcesses.set(definitionKey, models);
    return models;
  }

  private async load<T>(kind: 'process' | 'form', definitionKey: string, parse: (content: string) => T | Promise<T>): Promise<T | null> {
    const [row] = await this.dataSource.query(`SELECT content FROM deployed_resource WHERE target = $1 AND kind = $2 AND definition_key = $3`, [
      this.config.zeebeGrpcAddress ?? 'embedded',
      kind,
      definitionKey,
    ]);
    return row ? parse(row.content) : null;
  }
}
