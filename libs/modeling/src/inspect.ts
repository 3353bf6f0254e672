import type { ModdleElement } from './moddle.js';
import { parseBpmn } from './parse.js';

export interface JobTypeUse {
  /** The job type; a FEEL expression (starting with `=`) is reported as written. */
  type: string;
  elementId: string;
  processId: string;
}

export interface UserTaskUse {
  elementId: string;
  name: string;
  processId: string;
  /** `zeebe:formDefinition formId` (a linked Camunda form), if any. */
  formId?: string;
  /** `zeebe:formDefinition formKey` (a custom form reference), if any. */
  formKey?: string;
  candidateGroups?: string;
  assignee?: string;
  dueDate?: string;
}

/** The form a process's none start event links to: what a person fills in to start it by hand. */
export interface StartFormUse {
  elementId: string;
  processId: string;
  /** `zeebe:formDefinition formId` (a linked Camunda form), if any. */
  formId?: string;
  /** `zeebe:formDefinition formKey` (a custom form reference), if any. */
  formKey?: string;
}

export interface MessageUse {
  name: string;
  /** `zeebe:subscription correlationKey`; absent on messages only thrown by a worker. */
  correlationKey?: string;
}

export interface CalledElementUse {
  processId: string;
  elementId: string;
  callerProcessId: string;
}

export interface CalledDecisionUse {
  decisionId: string;
  resultVariable: string;
  elementId: string;
  processId: string;
}

export interface ModelInventory {
  processIds: string[];
  /** The name of each process (its id when unnamed), as a task list shows it. */
  processNames: Record<string, string>;
  jobTypes: JobTypeUse[];
  userTasks: UserTaskUse[];
  /** The forms of the processes' none start events (at most one per process). */
  startForms: StartFormUse[];
  messages: MessageUse[];
  calledElements: CalledElementUse[];
  calledDecisions: CalledDecisionUse[];
}

/**
 * Lists what a deployed model depends on outside itself: job types that need a worker,
 * forms that must resolve, messages someone must publish, processes and decisions it calls.
 * Rejects when the XML cannot be parsed (lint it first to get the reasons).
 */
export async function inspectBpmn(xml: string): Promise<ModelInventory> {
  const { rootElement } = await parseBpmn(xml);
  const inventory: ModelInventory = {
    processIds: [],
    processNames: {},
    jobTypes: [],
    userTasks: [],
    startForms: [],
    messages: [],
    calledElements: [],
    calledDecisions: [],
  };

  for (const root of list(rootElement.rootElements)) {
    if (root.$type === 'bpmn:Message') {
      const subscription = extension(root, 'zeebe:Subscription');
      inventory.messages.push({
        name: String(root.name ?? ''),
        ...(subscription?.correlationKey ? { correlationKey: String(subscription.correlationKey) } : {}),
      });
    }
    if (root.$type === 'bpmn:Process') {
      inventory.processIds.push(String(root.id));
      inventory.processNames[String(root.id)] = String(root.name ?? root.id);
      visit(root, String(root.id), inventory);
      addStartForm(root, String(root.id), inventory);
    }
  }
  return inventory;
}

/** The formIds (and formKeys) the model's user tasks link to, without duplicates. */
export async function formKeysOf(xml: string): Promise<string[]> {
  const { userTasks } = await inspectBpmn(xml);
  const keys = userTasks.flatMap((task) => [task.formId, task.formKey].filter((key): key is string => !!key));
  return [...new Set(keys)];
}

function visit(container: ModdleElement, processId: string, inventory: ModelInventory): void {
  for (const element of list(container.flowElements)) {
    const elementId = String(element.id);

    const taskDefinition = extension(element, 'zeebe:TaskDefinition');
    if (taskDefinition?.type) {
      inventory.jobTypes.push({ type: String(taskDefinition.type), elementId, processId });
    }

    if (element.$type === 'bpmn:UserTask') {
      const form = extension(element, 'zeebe:FormDefinition');
      const assignment = extension(element, 'zeebe:AssignmentDefinition');
      const schedule = extension(element, 'zeebe:TaskSchedule');
      inventory.userTasks.push({
        elementId,
        name: String(element.name ?? ''),
        processId,
        ...optional('formId', form?.formId),
        ...optional('formKey', form?.formKey),
        ...optional('candidateGroups', assignment?.candidateGroups),
        ...optional('assignee', assignment?.assignee),
        ...optional('dueDate', schedule?.dueDate),
      });
    }

    const called = extension(element, 'zeebe:CalledElement');
    if (element.$type === 'bpmn:CallActivity' && called?.processId) {
      inventory.calledElements.push({ processId: String(called.processId), elementId, callerProcessId: processId });
    }

    const decision = extension(element, 'zeebe:CalledDecision');
    if (decision?.decisionId) {
      inventory.calledDecisions.push({
        decisionId: String(decision.decisionId),
        resultVariable: String(decision.resultVariable ?? ''),
        elementId,
        processId,
      });
    }

    if (element.$type === 'bpmn:SubProcess') visit(element, processId, inventory);
  }
}

/** A none start event (no event definition) directly in the process, with a form definition. */
function addStartForm(process: ModdleElement, processId: string, inventory: ModelInventory): void {
  const start = list(process.flowElements).find((element) => element.$type === 'bpmn:StartEvent' && list(element.eventDefinitions).length === 0);
  const form = start && extension(start, 'zeebe:FormDefinition');
  if (!start || !form) return;
  inventory.startForms.push({ elementId: String(start.id), processId, ...optional('formId', form.formId), ...optional('formKey', form.formKey) });
}

function list(value: unknown): ModdleElement[] {
  return Array.isArray(value) ? (value as ModdleElement[]) : [];
}

function extension(element: ModdleElement, type: string): ModdleElement | undefined {
  const extensionElements = element.extensionElements as ModdleElement | undefined;
  return list(extensionElements?.values).find((value) => value.$type === type);
}

function optional<K extends string>(key: K, value: unknown): Partial<Record<K, string>> {
  return value === undefined || value === null || value === '' ? {} : ({ [key]: String(value) } as Record<K, string>);
}
