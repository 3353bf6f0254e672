import type { FlowElement, SequenceFlow } from '../bpmn/model.js';
import { USER_TASK_JOB_TYPE } from '../bpmn/parse.js';
import type { ElementInstanceRow } from '../state/rows.js';
import type { ElementBehaviour, Executor } from './executor.js';
import { evaluate, IncidentError } from './expressions.js';

/** Elements that do their work in no time: start events, none throw/end events, plain tasks. */
const passThrough: ElementBehaviour = {
  activating(executor, instance) {
    executor.activated(instance);
    executor.complete(instance);
  },
};

/** Processes and embedded sub-processes: run their start event, end when nothing is left inside. */
const scope: ElementBehaviour = {
  activating(executor, instance, element) {
    executor.activated(instance);
    const start = executor.model(instance).elements.get(element.startEventId!)!;
    executor.activate(instance, start);
  },
};

/** Service tasks and job-based user tasks: a job for a worker; the job's completion completes the task. */
const jobTask: ElementBehaviour = {
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
function userTaskHeaders(executor: Executor, element: FlowElement, context: Record<string, unknown>): Record<string, string> {
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

/** Intermediate message catch events and receive tasks wait for their message; timer catch events for their timer. */
const catchEvent: ElementBehaviour = {
  activating(executor, instance, element) {
    if (element.message) executor.openMessageSubscription(instance, element);
    if (element.timer) executor.createTimer(instance, element);
    executor.activated(instance);
  },
};

/** The first outgoing flow whose condition holds, else the default flow, else an incident. */
const exclusiveGateway: ElementBehaviour = {
  activating(executor, instance, element) {
    instance.takeFlowIds = [chooseFlow(executor, instance, element).id];
    executor.state.elementInstances.put(instance);
    executor.activated(instance);
    executor.complete(instance);
  },
  outgoing(_executor, instance, element) {
    return element.outgoing.filter((flow) => instance.takeFlowIds?.includes(flow.id));
  },
};

function chooseFlow(executor: Executor, instance: ElementInstanceRow, element: FlowElement): SequenceFlow {
  if (element.outgoing.length === 1 && !element.outgoing[0].condition) return element.outgoing[0];
  const context = executor.variables.visible(instance.key);
  for (const flow of element.outgoing) {
    if (flow.id === element.defaultFlowId || !flow.condition) continue;
    if (evaluate(flow.condition, context, executor.now(), 'BOOLEAN', 'CONDITION_ERROR') === true) return flow;
  }
  const fallback = element.outgoing.find((flow) => flow.id === element.defaultFlowId);
  if (fallback) return fallback;
  throw new IncidentError('CONDITION_ERROR', 'Expected at least one condition to evaluate to true, or to have a default flow');
}

/** Terminate end event: once it completed, everything else in its scope is terminated and the scope completes. */
const endEvent: ElementBehaviour = {
  activating(executor, instance, element) {
    // An error end event throws while activating, so resolving its incident throws again.
    if (element.eventType === 'ERROR') {
      const caught = executor.throwError(instance, element.error!.errorCode!, {});
      if (!caught) {
        throw new IncidentError(
          'UNHANDLED_ERROR_EVENT',
          `Expected to throw an error event with the code '${element.error!.errorCode}', but it was not caught. No error events are available in the scope.`,
        );
      }
      return;
    }
    executor.activated(instance);
    executor.complete(instance);
  },
  completed(executor, instance, element) {
    if (element.eventType !== 'TERMINATE') return;
    for (const sibling of executor.state.childrenOf(instance.flowScopeKey)) executor.terminate(sibling);
    const flowScope = executor.state.elementInstances.get(instance.flowScopeKey);
    if (flowScope?.joins) {
      flowScope.joins = {};
      executor.state.elementInstances.put(flowScope);
    }
  },
};

/** Call activity: runs the latest version of the called process and waits for it. */
const callActivity: ElementBehaviour = {
  activating(executor, instance, element) {
    const called = element.calledElement!;
    const processId = String(evaluate(called.processId, executor.variables.visible(instance.key), executor.now(), 'STRING', 'CALLED_ELEMENT_ERROR'));
    const versions = executor.state.definitionVersions(processId);
    if (versions.length === 0) {
      throw new IncidentError('CALLED_ELEMENT_ERROR', `Expected process with BPMN process id '${processId}' to be deployed, but not found.`);
    }
    const variables = called.propagateAllParentVariables ? executor.variables.visible(instance.key) : executor.variables.local(instance.key);
    executor.activated(instance);
    const child = executor.createProcessInstance(versions[versions.length - 1], variables, {
      processInstanceKey: instance.processInstanceKey,
      elementInstanceKey: instance.key,
      propagateNoVariables: !called.propagateAllChildVariables,
    });
    if (executor.state.elementInstances.get(instance.key)) {
      instance.calledInstanceKey = child.key;
      executor.state.elementInstances.put(instance);
    }
  },
  terminating(executor, instance) {
    const child = instance.calledInstanceKey ? executor.state.elementInstances.get(instance.calledInstanceKey) : undefined;
    if (child) executor.terminate(child);
  },
};

/** Registers the BPMN elements of this engine; new element kinds register their own behaviour the same way. */
export function registerBehaviours(executor: Executor): void {
  executor.register(['START_EVENT', 'INTERMEDIATE_THROW_EVENT', 'MANUAL_TASK', 'TASK', 'PARALLEL_GATEWAY', 'BOUNDARY_EVENT'], passThrough);
  executor.register(['PROCESS', 'SUB_PROCESS'], scope);
  executor.register(['SERVICE_TASK', 'USER_TASK'], jobTask);
  executor.register(['INTERMEDIATE_CATCH_EVENT', 'RECEIVE_TASK'], catchEvent);
  executor.register('EXCLUSIVE_GATEWAY', exclusiveGateway);
  executor.register('END_EVENT', endEvent);
  executor.register('CALL_ACTIVITY', callActivity);
}
