import type { FlowElement } from '../bpmn/model.js';
import { USER_TASK_JOB_TYPE } from '../bpmn/definitions.js';
import { DEFAULT_TENANT, type ElementInstanceRow, type JobRow } from '../state/rows.js';
import type { ElementBehaviour, ExecutionContext } from './context.js';
import { evaluate, IncidentError } from './expressions.js';

/**
 * Elements done by a job worker (service, user, send tasks; script and business rule tasks
 * and message throw events with a task definition): the job's completion completes them.
 */
export const jobTask: ElementBehaviour = {
  activating(executor, instance, element) {
    const definition = element.job!;
    const context = executor.variables.visible(instance.key);
    const now = executor.now();
    const type = String(evaluate(definition.type, context, now, 'STRING'));
    const retries = Number(evaluate(definition.retries, context, now, 'NUMBER'));
    const customHeaders = { ...definition.headers, ...userTaskHeaders(executor, element, context) };
    executor.createJob(instance, { type, retries, customHeaders });
    executor.activated(instance);
  },
  terminating(executor, instance) {
    if (instance.jobKey) executor.cancelJob(instance.jobKey);
  },
};

/** Zeebe's headers of a job-based user task, in its exact spelling. */
function userTaskHeaders(executor: ExecutionContext, element: FlowElement, context: Record<string, unknown>): Record<string, string> {
  const userTask = element.job?.userTask;
  if (!userTask || element.job?.type !== USER_TASK_JOB_TYPE) return {};
  const now = executor.now();
  const headers: Record<string, string> = {};
  const text = (value: string | undefined) => (value === undefined ? undefined : evaluate(value, context, now, 'ANY'));
  const list = (value: string | undefined) => {
    if (value === undefined) return undefined;
    const result = evaluate(value, context, now, 'ANY');
    const items = Array.isArray(result) ? result : typeof result === 'string' ? result.split(',').map((item) => item.trim()) : undefined;
    if (!items || items.some((item) => typeof item !== 'string')) {
      throw new IncidentError('EXTRACT_VALUE_ERROR', `Expected result of the expression '${value.replace(/^=/, '')}' to be 'ARRAY', but was '${JSON.stringify(result)}'.`);
    }
    return JSON.stringify(items);
  };
  const assignee = text(userTask.assignee);
  if (assignee !== undefined && assignee !== null) headers['io.camunda.zeebe:assignee'] = String(assignee);
  const candidateGroups = list(userTask.candidateGroups);
  if (candidateGroups) headers['io.camunda.zeebe:candidateGroups'] = candidateGroups;
  const candidateUsers = list(userTask.candidateUsers);
  if (candidateUsers) headers['io.camunda.zeebe:candidateUsers'] = candidateUsers;
  const dueDate = text(userTask.dueDate);
  if (dueDate !== undefined && dueDate !== null) headers['io.camunda.zeebe:dueDate'] = String(dueDate);
  const followUpDate = text(userTask.followUpDate);
  if (followUpDate !== undefined && followUpDate !== null) headers['io.camunda.zeebe:followUpDate'] = String(followUpDate);
  if (userTask.formKey) headers['io.camunda.zeebe:formKey'] = userTask.formKey;
  if (userTask.formId) {
    const forms = executor.state.formVersions(userTask.formId);
    if (forms.length === 0) {
      throw new IncidentError(
        'FORM_NOT_FOUND',
        `Expected to find a form with id '${userTask.formId}', but no form with this id is found, at least a form with this id should be available. To resolve the Incident please deploy a form with the same id`,
      );
    }
    headers['io.camunda.zeebe:formKey'] = forms[forms.length - 1].key;
  }
  return headers;
}

/** Creates the job of an element; workers of its type may activate it once the command is committed. */
export function createJob(ctx: ExecutionContext, instance: ElementInstanceRow, job: { type: string; retries: number; customHeaders: Record<string, string> }): JobRow {
  const row: JobRow = {
    key: ctx.state.newKey(),
    type: job.type,
    state: 'ACTIVATABLE',
    retries: job.retries,
    worker: '',
    deadline: -1,
    errorMessage: '',
    customHeaders: job.customHeaders,
    elementInstanceKey: instance.key,
    processInstanceKey: instance.processInstanceKey,
    bpmnProcessId: instance.bpmnProcessId,
    processDefinitionVersion: instance.version,
    processDefinitionKey: instance.processDefinitionKey,
    elementId: instance.elementId,
    tenantId: DEFAULT_TENANT,
  };
  ctx.state.putJob(row);
  instance.jobKey = row.key;
  ctx.state.elementInstances.put(instance);
  ctx.writeJob(row, 'CREATED');
  ctx.events.jobsAvailable(row.type);
  return row;
}

export function cancelJob(ctx: ExecutionContext, jobKey: string): void {
  const job = ctx.state.jobs.get(jobKey);
  if (!job) return;
  ctx.state.removeJob(jobKey);
  ctx.writeJob(job, 'CANCELED');
}
