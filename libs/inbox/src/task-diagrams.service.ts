import { Injectable } from '@nestjs/common';
import type { Principal } from '@app/auth';
import { DomainError, DomainErrorCode } from '@app/domain';
import { TaskModels } from './models.js';
import { TasksService } from './tasks.service.js';

export interface TaskDiagram {
  /** The BPMN XML of the version the task's instance runs on. */
  bpmnXml: string;
  /** The task's element: the step to highlight. */
  elementId: string;
  processName: string;
}

/** The process diagram beside a task, for whoever sees the task (404 otherwise, as for the task). */
@Injectable()
export class TaskDiagrams {
  constructor(
    private readonly tasks: TasksService,
    private readonly models: TaskModels,
  ) {}

  async diagram(principal: Principal, id: string): Promise<TaskDiagram> {
    const task = await this.tasks.get(principal, id);
    const bpmnXml = await this.models.processXml(task);
    if (!bpmnXml) throw new DomainError(DomainErrorCode.NotFound, `The process of task ${id} is not known`);
    return { bpmnXml, elementId: task.taskDefinitionId, processName: task.processName };
  }
}
