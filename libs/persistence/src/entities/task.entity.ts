import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type TaskState = 'CREATED' | 'COMPLETED' | 'CANCELED';

/** A user task of the engine (a job of type `io.camunda.zeebe:userTask`), as the inbox shows it. */
@Entity({ name: 'task' })
export class TaskEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'job_key', type: 'text' })
  jobKey: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'element_id', type: 'text' })
  elementId: string;

  @Column({ name: 'bpmn_process_id', type: 'text' })
  bpmnProcessId: string;

  @Column({ name: 'process_name', type: 'text' })
  processName: string;

  @Column({ name: 'process_instance_key', type: 'text' })
  processInstanceKey: string;

  @Column({ name: 'process_definition_key', type: 'text' })
  processDefinitionKey: string;

  @Column({ name: 'intention_id', type: 'bigint', nullable: true })
  intentionId: string | null;

  @Column({ name: 'orp_id', type: 'text', nullable: true })
  orpId: string | null;

  @Column({ name: 'district_id', type: 'text', nullable: true })
  districtId: string | null;

  @Column({ name: 'candidate_groups', type: 'text', array: true })
  candidateGroups: string[];

  @Column({ name: 'candidate_users', type: 'text', array: true })
  candidateUsers: string[];

  @Column({ type: 'text', nullable: true })
  assignee: string | null;

  @Column({ type: 'text' })
  state: TaskState;

  @Column({ type: 'smallint' })
  priority: number;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  @Column({ name: 'follow_up_at', type: 'timestamptz', nullable: true })
  followUpAt: Date | null;

  @Column({ name: 'form_id', type: 'text', nullable: true })
  formId: string | null;

  @Column({ name: 'form_key', type: 'text', nullable: true })
  formKey: string | null;

  /** The process variables the task's form reads. */
  @Column({ type: 'jsonb' })
  variables: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ name: 'completed_by', type: 'text', nullable: true })
  completedBy: string | null;

  @Column({ name: 'canceled_at', type: 'timestamptz', nullable: true })
  canceledAt: Date | null;

  @Column({ name: 'completing_since', type: 'timestamptz', nullable: true })
  completingSince: Date | null;

  /** The completion sent (or about to be sent) to the engine, until the task is closed: `{ values, userId, actor }`. */
  @Column({ name: 'pending_completion', type: 'jsonb', nullable: true })
  pendingCompletion: Record<string, unknown> | null;

  @Column({ name: 'lease_until', type: 'timestamptz' })
  leaseUntil: Date;

  @Column({ name: 'reminded_at', type: 'timestamptz', nullable: true })
  remindedAt: Date | null;

  @Column({ name: 'overdue_notified_at', type: 'timestamptz', nullable: true })
  overdueNotifiedAt: Date | null;
}

/** A comment (Komentář) on a task. */
@Entity({ name: 'task_comment' })
export class TaskCommentEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'task_id', type: 'bigint' })
  taskId: string;

  @Column({ name: 'author_id', type: 'text' })
  authorId: string;

  @Column({ type: 'text' })
  body: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
