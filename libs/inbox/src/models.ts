import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { inspectBpmn } from '@app/modeling';
import type { FormSchema } from './forms.js';

export interface UserTaskModel {
  name: string;
  formId: string | null;
}

/**
 * The installation's `bpmn/` folder: the first ancestor of this module that has
 * `bpmn/forms` (the project root, from the sources as from the build output).
 */
export function bpmnDirectory(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let directory = from; ; directory = dirname(directory)) {
    if (existsSync(join(directory, 'bpmn', 'forms'))) return join(directory, 'bpmn');
    if (dirname(directory) === directory) throw new Error(`no bpmn/forms folder above ${from}`);
  }
}

/**
 * What the inbox needs to know of the models the product ships in `bpmn/`: the name and the
 * linked form of every user task, the processes' names, and the forms themselves. A job only
 * carries the element id and the deployed form's key, so the inbox looks them up here.
 */
@Injectable()
export class TaskModels implements OnModuleInit {
  private readonly userTasks = new Map<string, UserTaskModel>();
  private readonly processNames = new Map<string, string>();
  private readonly forms = new Map<string, FormSchema>();

  async onModuleInit(): Promise<void> {
    await this.load(bpmnDirectory());
  }

  async load(directory: string): Promise<void> {
    for (const file of (await readdir(directory)).filter((name) => name.endsWith('.bpmn'))) {
      await this.addModel(await readFile(join(directory, file), 'utf8'));
    }
    const formsDirectory = join(directory, 'forms');
    for (const file of (await readdir(formsDirectory)).filter((name) => name.endsWith('.form'))) {
      this.addForm(JSON.parse(await readFile(join(formsDirectory, file), 'utf8')) as FormSchema);
    }
  }

  /** Learns the processes and user tasks of a model (one deployed besides those in `bpmn/`). */
  async addModel(xml: string): Promise<void> {
    const inventory = await inspectBpmn(xml);
    for (const [id, name] of Object.entries(inventory.processNames)) this.processNames.set(id, name);
    for (const task of inventory.userTasks) {
      this.userTasks.set(`${task.processId}/${task.elementId}`, { name: task.name || task.elementId, formId: task.formId ?? null });
    }
  }

  addForm(form: FormSchema): void {
    this.forms.set(form.id, form);
  }

  userTask(bpmnProcessId: string, elementId: string): UserTaskModel | null {
    return this.userTasks.get(`${bpmnProcessId}/${elementId}`) ?? null;
  }

  processName(bpmnProcessId: string): string {
    return this.processNames.get(bpmnProcessId) ?? bpmnProcessId;
  }

  form(formId: string | null): FormSchema | null {
    return formId ? (this.forms.get(formId) ?? null) : null;
  }
}
