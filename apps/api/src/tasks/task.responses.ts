import { ApiProperty } from '@nestjs/swagger';
import { TASK_STATES } from '@app/inbox';
import type { TaskState } from '@app/persistence';
import { ApiDateTime, ApiFreeForm, ApiInt64, ApiInteger, ApiNullableString } from '../common/openapi.js';

/** A task as the inbox lists it, in Camunda Tasklist's terms. */
export class TaskResponse {
  @ApiInt64()
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ description: 'The user task’s element id' })
  taskDefinitionId: string;

  @ApiProperty()
  processName: string;

  @ApiProperty()
  bpmnProcessId: string;

  @ApiInt64()
  processInstanceKey: string;

  @ApiInt64()
  processDefinitionKey: string;

  @ApiInt64({ nullable: true })
  intentionId: string | null;

  @ApiNullableString()
  orpId: string | null;

  @ApiNullableString()
  districtId: string | null;

  @ApiProperty({ enum: TASK_STATES, enumName: 'TaskState' })
  taskState: TaskState;

  @ApiNullableString({ description: 'The assignee’s user id' })
  assignee: string | null;

  @ApiProperty({ type: String, isArray: true })
  candidateGroups: string[];

  @ApiProperty({ type: String, isArray: true })
  candidateUsers: string[];

  @ApiDateTime()
  creationDate: string;

  @ApiDateTime({ nullable: true })
  completionDate: string | null;

  @ApiNullableString()
  completedBy: string | null;

  @ApiDateTime({ nullable: true })
  cancellationDate: string | null;

  @ApiDateTime({ nullable: true })
  dueDate: string | null;

  @ApiDateTime({ nullable: true })
  followUpDate: string | null;

  @ApiInteger()
  priority: number;

  @ApiNullableString()
  formId: string | null;
}

const SortValues = (nullable = false) =>
  ApiProperty({ type: String, isArray: true, minItems: 2, maxItems: 2, nullable, description: 'The sort value and the task id' });

export class TaskSearchItemResponse extends TaskResponse {
  @SortValues()
  sortValues: [string, string];
}

export class TaskPageResponse {
  @ApiProperty({ type: () => TaskSearchItemResponse, isArray: true })
  items: TaskSearchItemResponse[];

  @SortValues(true)
  searchAfter: [string, string] | null;
}

export class TaskDetailResponse extends TaskResponse {
  @ApiFreeForm({ nullable: true, description: 'The form-js schema to render; null for a task without a form' })
  form: Record<string, unknown> | null;

  @ApiFreeForm({ description: 'The process variables the form reads (once completed, what was submitted)' })
  variables: Record<string, unknown>;
}

export class TaskCountsResponse {
  @ApiInteger()
  open: number;

  @ApiInteger()
  assignedToMe: number;

  @ApiInteger()
  unassigned: number;

  @ApiInteger()
  overdue: number;
}

export class TaskCommentResponse {
  @ApiInt64()
  id: string;

  @ApiInt64()
  taskId: string;

  @ApiProperty()
  authorId: string;

  @ApiProperty()
  authorName: string;

  @ApiProperty()
  body: string;

  @ApiDateTime()
  createdAt: string;
}

/** The diagram beside a task: its process version's BPMN and the task's element. */
export class TaskDiagramResponse {
  @ApiProperty({ description: 'BPMN 2.0 XML of the process version the task runs on' })
  bpmnXml: string;

  @ApiProperty({ example: 'declare', description: 'The task’s element in the diagram' })
  elementId: string;

  @ApiProperty({ example: 'Deklarace potřebnosti ORP' })
  processName: string;
}
