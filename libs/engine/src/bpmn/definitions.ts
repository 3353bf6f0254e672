import type {
  BindingType,
  CalledDecision,
  CalledElement,
  ErrorDefinition,
  EscalationDefinition,
  JobDefinition,
  MessageDefinition,
  MultiInstanceDefinition,
  ScriptDefinition,
  SignalDefinition,
  TimerDefinition,
  UserTaskDefinition,
} from './model.js';
import { evaluateExpression } from '../feel/index.js';
import { extension, list, nonEmpty, type ElementErrors, type Node } from './nodes.js';
import { checkTimerValue } from './timer.js';

// The definitions an element carries, read from its Zeebe extension elements and its event
// definition; what is wrong is reported to the element's errors.

export const USER_TASK_JOB_TYPE = 'io.camunda.zeebe:userTask';

export function multiInstanceOf(errors: ElementErrors, node: Node): MultiInstanceDefinition | undefined {
  const loop = node.loopCharacteristics as Node;
  if (loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') {
    errors.add(node.id, 'Standard loops are not supported; model a multi-instance activity');
    return undefined;
  }
  if (!isActivityNode(node.$type)) {
    errors.add(node.id, 'Only activities can be multi-instance');
    return undefined;
  }
  const zeebe = extension(loop, 'zeebe:LoopCharacteristics');
  const inputCollection = nonEmpty(zeebe?.inputCollection);
  const outputCollection = nonEmpty(zeebe?.outputCollection);
  const outputElement = nonEmpty(zeebe?.outputElement);
  let valid = true;
  const problem = (message: string) => {
    errors.add(node.id, message);
    valid = false;
  };
  if (!inputCollection) problem("Attribute 'inputCollection' must be present and not empty");
  if (outputCollection && !outputElement) problem("Attribute 'outputElement' must be present if the attribute 'outputCollection' is set");
  if (outputElement && !outputCollection) problem("Attribute 'outputCollection' must be present if the attribute 'outputElement' is set");
  if (loop.loopCardinality) problem('A loop cardinality is not supported; use an inputCollection');
  if (!valid) return undefined;
  return {
    sequential: loop.isSequential === true,
    inputCollection: inputCollection!,
    inputElement: nonEmpty(zeebe?.inputElement),
    outputCollection,
    outputElement,
    completionCondition: nonEmpty((loop.completionCondition as Node | undefined)?.body),
  };
}

export function jobDefinition(errors: ElementErrors, node: Node): JobDefinition | undefined {
  const definition = extension(node, 'zeebe:TaskDefinition');
  const type = definition?.type as string | undefined;
  if (!type) {
    errors.add(node.id, "Must have exactly one 'zeebe:taskDefinition' extension element with a 'type'");
    return undefined;
  }
  return { type, retries: (definition?.retries as string | undefined) || '3', headers: headers(node) };
}

/** A script task evaluates its FEEL expression, or is done by a job worker as Zeebe allows. */
export function scriptOrJob(errors: ElementErrors, node: Node): { script?: ScriptDefinition; job?: JobDefinition } {
  const script = extension(node, 'zeebe:Script');
  const job = extension(node, 'zeebe:TaskDefinition');
  if (!script === !job) {
    errors.add(node.id, "Must have either one 'zeebe:script' or one 'zeebe:taskDefinition' extension element");
    return {};
  }
  if (job) return { job: jobDefinition(errors, node) };
  const expression = nonEmpty(script!.expression);
  const resultVariable = nonEmpty(script!.resultVariable);
  if (!expression?.startsWith('=')) errors.add(node.id, "Attribute 'expression' must be a FEEL expression (starting with '=')");
  if (!resultVariable) errors.add(node.id, "Attribute 'resultVariable' must be present and not empty");
  return expression && resultVariable ? { script: { expression, resultVariable } } : {};
}

/** A business rule task evaluates a deployed decision, or is done by a job worker as Zeebe allows. */
export function decisionOrJob(errors: ElementErrors, node: Node): { calledDecision?: CalledDecision; job?: JobDefinition } {
  const called = extension(node, 'zeebe:CalledDecision');
  const job = extension(node, 'zeebe:TaskDefinition');
  if (!called === !job) {
    errors.add(node.id, "Must have either one 'zeebe:calledDecision' or one 'zeebe:taskDefinition' extension element");
    return {};
  }
  if (job) return { job: jobDefinition(errors, node) };
  const decisionId = nonEmpty(called!.decisionId);
  const resultVariable = nonEmpty(called!.resultVariable);
  if (!decisionId) errors.add(node.id, "Attribute 'decisionId' must be present and not empty");
  if (!resultVariable) errors.add(node.id, "Attribute 'resultVariable' must be present and not empty");
  const bindingType = bindingTypeOf(errors, node, called!);
  return decisionId && resultVariable && bindingType ? { calledDecision: { decisionId, resultVariable, bindingType } } : {};
}

function bindingTypeOf(errors: ElementErrors, node: Node, extensionElement: Node): BindingType | undefined {
  const value = nonEmpty(extensionElement.bindingType) ?? 'latest';
  if (value === 'latest' || value === 'deployment') return value;
  if (value === 'versionTag') errors.add(node.id, "The binding type 'versionTag' is not supported by this engine yet; use 'latest' or 'deployment'");
  else errors.add(node.id, `Unknown binding type '${value}'; expected 'latest', 'deployment' or 'versionTag'`);
  return undefined;
}

export function userTaskJob(errors: ElementErrors, node: Node): JobDefinition | undefined {
  if (extension(node, 'zeebe:UserTask')) {
    errors.add(node.id, 'Camunda user tasks (zeebe:userTask) are not supported; model a job worker-based user task');
    return undefined;
  }
  const assignment = extension(node, 'zeebe:AssignmentDefinition');
  const schedule = extension(node, 'zeebe:TaskSchedule');
  const form = extension(node, 'zeebe:FormDefinition');
  const userTask: UserTaskDefinition = {
    assignee: nonEmpty(assignment?.assignee),
    candidateGroups: nonEmpty(assignment?.candidateGroups),
    candidateUsers: nonEmpty(assignment?.candidateUsers),
    dueDate: nonEmpty(schedule?.dueDate),
    followUpDate: nonEmpty(schedule?.followUpDate),
    formKey: nonEmpty(form?.formKey),
    formId: nonEmpty(form?.formId),
  };
  return { type: USER_TASK_JOB_TYPE, retries: '1', headers: headers(node), userTask };
}

function headers(node: Node): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const header of list<Node>(extension(node, 'zeebe:TaskHeaders')?.values)) headers[String(header.key)] = String(header.value ?? '');
  return headers;
}

/** A message reference; catch events other than start events need a correlation key. */
export function messageOf(errors: ElementErrors, node: Node, message: Node | undefined, needsCorrelationKey: boolean): MessageDefinition | undefined {
  if (!message) {
    errors.add(node.id, 'Must reference a message');
    return undefined;
  }
  const name = message.name as string | undefined;
  const correlationKey = extension(message, 'zeebe:Subscription')?.correlationKey as string | undefined;
  if (!name) errors.add(node.id, `Message '${message.id}' must have a name`);
  if (needsCorrelationKey && !correlationKey) errors.add(node.id, `Message '${message.id}' must have a 'zeebe:subscription' with a correlationKey`);
  return name && (correlationKey || !needsCorrelationKey) ? { name, correlationKey: correlationKey ?? '' } : undefined;
}

/** `deployTime`: a timer start event of the process, whose expression sees no variables and is evaluated when deployed. */
export function timerDefinition(errors: ElementErrors, node: Node, definition: Node, cycleAllowed: boolean, deployTime: boolean): TimerDefinition | undefined {
  const candidates: [TimerDefinition['kind'], Node | undefined][] = [
    ['duration', definition.timeDuration as Node | undefined],
    ['date', definition.timeDate as Node | undefined],
    ['cycle', definition.timeCycle as Node | undefined],
  ];
  const present = candidates.filter(([, value]) => typeof value?.body === 'string' && value.body.trim() !== '');
  if (present.length !== 1) {
    errors.add(node.id, 'Must have exactly one timer definition: timeDuration, timeDate or timeCycle');
    return undefined;
  }
  const [kind, value] = present[0];
  if (kind === 'cycle' && !cycleAllowed) {
    errors.add(node.id, 'A timer cycle is only allowed on non-interrupting boundary events and timer start events');
    return undefined;
  }
  const expression = (value!.body as string).trim();
  // A static value is checked now, as Zeebe does; an expression when the timer is created, or now for a start event.
  const problem = !expression.startsWith('=') ? checkTimerValue(kind, expression) : deployTime ? startTimerProblem(kind, expression) : undefined;
  if (problem) {
    errors.add(node.id, problem);
    return undefined;
  }
  return { kind, expression };
}

export function errorDefinition(errors: ElementErrors, node: Node, definition: Node, throwing: boolean): ErrorDefinition | undefined {
  const error = definition.errorRef as Node | undefined;
  const errorCode = nonEmpty(error?.errorCode);
  if (throwing && !errorCode) {
    errors.add(node.id, 'Must reference an error with an errorCode');
    return undefined;
  }
  return { errorCode };
}

export function escalationDefinition(errors: ElementErrors, node: Node, definition: Node, throwing: boolean): EscalationDefinition | undefined {
  const escalation = definition.escalationRef as Node | undefined;
  const escalationCode = nonEmpty(escalation?.escalationCode);
  if (throwing && !escalationCode) {
    errors.add(node.id, 'Must reference an escalation with an escalationCode');
    return undefined;
  }
  return { escalationCode };
}

export function signalDefinition(errors: ElementErrors, node: Node, definition: Node): SignalDefinition | undefined {
  const signal = definition.signalRef as Node | undefined;
  const name = nonEmpty(signal?.name);
  if (!name) {
    errors.add(node.id, 'Must reference a signal with a name');
    return undefined;
  }
  return { name };
}

export function calledElement(errors: ElementErrors, node: Node): CalledElement | undefined {
  const called = extension(node, 'zeebe:CalledElement');
  const processId = nonEmpty(called?.processId);
  if (!processId) {
    errors.add(node.id, "Must have exactly one 'zeebe:calledElement' extension element with a 'processId'");
    return undefined;
  }
  const bindingType = bindingTypeOf(errors, node, called!);
  if (!bindingType) return undefined;
  return {
    processId,
    propagateAllChildVariables: called?.propagateAllChildVariables !== false,
    propagateAllParentVariables: called?.propagateAllParentVariables !== false,
    bindingType,
  };
}

function isActivityNode(type: string): boolean {
  return /Task$/.test(type) || type === 'bpmn:SubProcess' || type === 'bpmn:CallActivity';
}

function startTimerProblem(kind: TimerDefinition['kind'], expression: string): string | undefined {
  let value: unknown;
  try {
    value = evaluateExpression(expression, {});
  } catch (error) {
    return `Expected a valid timer expression for start event, but encountered the following error: ${(error as Error).message}`;
  }
  if (typeof value !== 'string') return `Expected a valid timer expression for start event, but it evaluated to '${JSON.stringify(value)}'`;
  return checkTimerValue(kind, value);
}
