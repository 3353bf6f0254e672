import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';
import type {
  CalledElement,
  ElementType,
  ErrorDefinition,
  EventType,
  FlowElement,
  JobDefinition,
  Mapping,
  MessageDefinition,
  ProcessModel,
  SequenceFlow,
  TimerDefinition,
  UserTaskDefinition,
} from './model.js';

// zeebe-bpmn-moddle ships its schema as JSON only.
const zeebeSchema = createRequire(import.meta.url)('zeebe-bpmn-moddle/resources/zeebe.json') as object;

export const USER_TASK_JOB_TYPE = 'io.camunda.zeebe:userTask';

/** A moddle element: typed loosely because bpmn-moddle's types do not cover the zeebe extensions. */
interface Node {
  readonly $type: string;
  readonly id?: string;
  readonly name?: string;
  readonly [property: string]: unknown;
}

export interface ParsedBpmn {
  readonly processes: ProcessModel[];
}

/** Thrown when a BPMN resource cannot be deployed; `reasons` lists each problem. */
export class BpmnValidationError extends Error {
  constructor(readonly reasons: string[]) {
    super(reasons.join('\n'));
    this.name = 'BpmnValidationError';
  }
}

export async function parseBpmn(xml: string): Promise<ParsedBpmn> {
  const moddle = new BpmnModdle({ zeebe: zeebeSchema });
  let definitions: Node;
  let warnings: { message: string }[];
  try {
    const result = (await moddle.fromXML(xml)) as unknown as { rootElement: Node; warnings: { message: string }[] };
    definitions = result.rootElement;
    warnings = result.warnings;
  } catch (error) {
    throw new BpmnValidationError([`Failed to parse the BPMN XML: ${(error as Error).message.split('\n')[0]}`]);
  }
  if (definitions.$type !== 'bpmn:Definitions') throw new BpmnValidationError(['The root element must be bpmn:definitions']);
  const errors = new ElementErrors();
  // moddle reports unknown attributes/elements as warnings; unresolved references break execution.
  for (const warning of warnings) if (/unresolved reference/.test(warning.message)) errors.general(warning.message.split('\n')[0]);
  const roots = list<Node>(definitions.rootElements);
  const executable = roots.filter((root) => root.$type === 'bpmn:Process' && root.isExecutable === true);
  if (executable.length === 0) errors.general("Must contain at least one executable process");
  const processes = executable.map((process) => new ProcessBuilder(process, errors).build());
  if (errors.any()) throw new BpmnValidationError(errors.lines());
  return { processes };
}

class ElementErrors {
  private readonly byElement = new Map<string, string[]>();

  add(elementId: string | undefined, message: string): void {
    const key = elementId ?? '';
    const messages = this.byElement.get(key) ?? [];
    messages.push(message);
    this.byElement.set(key, messages);
  }

  general(message: string): void {
    this.add(undefined, message);
  }

  any(): boolean {
    return this.byElement.size > 0;
  }

  /** Zeebe's layout: "- Element: <id>" followed by indented "- ERROR: <message>" lines. */
  lines(): string[] {
    return [...this.byElement].map(([id, messages]) =>
      [id ? `- Element: ${id}` : '- Process', ...messages.map((message) => `    - ERROR: ${message}`)].join('\n'),
    );
  }
}

class ProcessBuilder {
  private readonly elements = new Map<string, FlowElement>();
  private readonly flows: { flow: SequenceFlow; scopeId: string }[] = [];
  private readonly defaultFlows = new Map<string, string>();

  constructor(
    private readonly process: Node,
    private readonly errors: ElementErrors,
  ) {}

  build(): ProcessModel {
    const id = this.process.id as string;
    const processElement = this.newElement(this.process, 'PROCESS', 'UNSPECIFIED', undefined, {});
    this.elements.set(id, processElement);
    this.collect(this.process, id);
    this.connect();
    this.validate();
    return { bpmnProcessId: id, name: this.process.name, elements: this.elements };
  }

  private collect(container: Node, scopeId: string): void {
    for (const node of list<Node>(container.flowElements)) {
      if (node.$type === 'bpmn:SequenceFlow') {
        const source = (node.sourceRef as Node | undefined)?.id;
        const target = (node.targetRef as Node | undefined)?.id;
        if (!source || !target) {
          this.errors.add(node.id, 'Must have a source and a target');
          continue;
        }
        const condition = (node.conditionExpression as Node | undefined)?.body as string | undefined;
        this.flows.push({ flow: { id: node.id as string, sourceId: source, targetId: target, condition: condition?.trim() || undefined }, scopeId });
        continue;
      }
      if (node.$type === 'bpmn:DataObjectReference' || node.$type === 'bpmn:DataStoreReference' || node.$type === 'bpmn:DataObject') continue;
      const built = this.buildElement(node, scopeId);
      if (!built) continue;
      this.elements.set(built.id, built);
      const defaultFlow = (node.default as Node | undefined)?.id;
      if (defaultFlow) this.defaultFlows.set(built.id, defaultFlow);
      if (node.$type === 'bpmn:SubProcess') this.collect(node, built.id);
    }
  }

  private buildElement(node: Node, scopeId: string): FlowElement | undefined {
    const definitions = list<Node>(node.eventDefinitions);
    if (definitions.length > 1) {
      this.errors.add(node.id, 'Multiple event definitions are not supported');
      return undefined;
    }
    const definition = definitions[0];
    const eventType = eventTypeOf(definition);
    const unsupported = (what: string) => {
      this.errors.add(node.id, `Elements of type '${what}' are not supported by this engine yet`);
      return undefined;
    };
    if (node.loopCharacteristics) return unsupported('multi-instance ' + node.$type.slice(5));
    // Running the element without its listeners would silently change the process.
    if (list(extension(node, 'zeebe:ExecutionListeners')?.listeners).length > 0) {
      this.errors.add(node.id, 'Execution listeners are not supported by this engine yet');
      return undefined;
    }
    switch (node.$type) {
      case 'bpmn:StartEvent':
        if (eventType !== 'NONE') return unsupported(`${eventType.toLowerCase()} start event`);
        return this.newElement(node, 'START_EVENT', eventType, scopeId, {});
      case 'bpmn:EndEvent':
        if (eventType === 'NONE' || eventType === 'TERMINATE') return this.newElement(node, 'END_EVENT', eventType, scopeId, {});
        if (eventType === 'ERROR') return this.newElement(node, 'END_EVENT', eventType, scopeId, { error: this.errorDefinition(node, definition, true) });
        return unsupported(`${eventType.toLowerCase()} end event`);
      case 'bpmn:IntermediateThrowEvent':
        if (eventType !== 'NONE') return unsupported(`${eventType.toLowerCase()} intermediate throw event`);
        return this.newElement(node, 'INTERMEDIATE_THROW_EVENT', eventType, scopeId, {});
      case 'bpmn:IntermediateCatchEvent':
        if (eventType === 'MESSAGE') return this.newElement(node, 'INTERMEDIATE_CATCH_EVENT', eventType, scopeId, { message: this.messageDefinition(node, definition) });
        if (eventType === 'TIMER') return this.newElement(node, 'INTERMEDIATE_CATCH_EVENT', eventType, scopeId, { timer: this.timerDefinition(node, definition, false) });
        return unsupported(`${eventType.toLowerCase()} intermediate catch event`);
      case 'bpmn:BoundaryEvent': {
        const attachedToId = (node.attachedToRef as Node | undefined)?.id;
        if (!attachedToId) {
          this.errors.add(node.id, 'Must be attached to an activity');
          return undefined;
        }
        const interrupting = node.cancelActivity !== false;
        const common = { attachedToId, interrupting };
        if (eventType === 'MESSAGE') return this.newElement(node, 'BOUNDARY_EVENT', eventType, scopeId, { ...common, message: this.messageDefinition(node, definition) });
        if (eventType === 'TIMER') return this.newElement(node, 'BOUNDARY_EVENT', eventType, scopeId, { ...common, timer: this.timerDefinition(node, definition, !interrupting) });
        if (eventType === 'ERROR') {
          if (!interrupting) this.errors.add(node.id, 'Error boundary events must be interrupting');
          return this.newElement(node, 'BOUNDARY_EVENT', eventType, scopeId, { ...common, error: this.errorDefinition(node, definition, false) });
        }
        return unsupported(`${eventType.toLowerCase()} boundary event`);
      }
      case 'bpmn:ServiceTask':
        return this.newElement(node, 'SERVICE_TASK', 'UNSPECIFIED', scopeId, { job: this.jobDefinition(node) });
      case 'bpmn:UserTask':
        return this.newElement(node, 'USER_TASK', 'UNSPECIFIED', scopeId, { job: this.userTaskJob(node) });
      case 'bpmn:ReceiveTask':
        return this.newElement(node, 'RECEIVE_TASK', 'UNSPECIFIED', scopeId, { message: this.messageOf(node, node.messageRef as Node | undefined) });
      case 'bpmn:ManualTask':
        return this.newElement(node, 'MANUAL_TASK', 'UNSPECIFIED', scopeId, {});
      case 'bpmn:Task':
        return this.newElement(node, 'TASK', 'UNSPECIFIED', scopeId, {});
      case 'bpmn:ExclusiveGateway':
        return this.newElement(node, 'EXCLUSIVE_GATEWAY', 'UNSPECIFIED', scopeId, {});
      case 'bpmn:ParallelGateway':
        return this.newElement(node, 'PARALLEL_GATEWAY', 'UNSPECIFIED', scopeId, {});
      case 'bpmn:SubProcess':
        if (node.triggeredByEvent) return unsupported('event sub-process');
        return this.newElement(node, 'SUB_PROCESS', 'UNSPECIFIED', scopeId, {});
      case 'bpmn:CallActivity':
        return this.newElement(node, 'CALL_ACTIVITY', 'UNSPECIFIED', scopeId, { calledElement: this.calledElement(node) });
      default:
        return unsupported(node.$type.replace(/^bpmn:/, ''));
    }
  }

  private newElement(node: Node, type: ElementType, eventType: EventType, scopeId: string | undefined, extra: Partial<FlowElement>): FlowElement {
    const io = extension(node, 'zeebe:IoMapping');
    const mappings = (property: string): Mapping[] =>
      list<Node>(io?.[property]).map((parameter) => ({ source: String(parameter.source ?? ''), target: String(parameter.target ?? '') }));
    const inputs = mappings('inputParameters');
    const outputs = mappings('outputParameters');
    for (const mapping of [...inputs, ...outputs]) if (!mapping.target) this.errors.add(node.id, 'Variable mappings must have a target');
    return {
      id: node.id as string,
      name: node.name,
      type,
      eventType,
      scopeId,
      incoming: [],
      outgoing: [],
      inputs,
      outputs,
      boundaryEventIds: [],
      interrupting: true,
      ...extra,
    };
  }

  private jobDefinition(node: Node): JobDefinition | undefined {
    const definition = extension(node, 'zeebe:TaskDefinition');
    const type = definition?.type as string | undefined;
    if (!type) {
      this.errors.add(node.id, "Must have exactly one 'zeebe:taskDefinition' extension element with a 'type'");
      return undefined;
    }
    return { type, retries: (definition?.retries as string | undefined) || '3', headers: this.headers(node) };
  }

  private userTaskJob(node: Node): JobDefinition | undefined {
    if (extension(node, 'zeebe:UserTask')) {
      this.errors.add(node.id, 'Camunda user tasks (zeebe:userTask) are not supported; model a job worker-based user task');
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
    return { type: USER_TASK_JOB_TYPE, retries: '1', headers: this.headers(node), userTask };
  }

  private headers(node: Node): Record<string, string> {
    const headers: Record<string, string> = {};
    for (const header of list<Node>(extension(node, 'zeebe:TaskHeaders')?.values)) headers[String(header.key)] = String(header.value ?? '');
    return headers;
  }

  private messageDefinition(node: Node, definition: Node): MessageDefinition | undefined {
    return this.messageOf(node, definition.messageRef as Node | undefined);
  }

  private messageOf(node: Node, message: Node | undefined): MessageDefinition | undefined {
    if (!message) {
      this.errors.add(node.id, 'Must reference a message');
      return undefined;
    }
    const name = message.name as string | undefined;
    const correlationKey = extension(message, 'zeebe:Subscription')?.correlationKey as string | undefined;
    if (!name) this.errors.add(node.id, `Message '${message.id}' must have a name`);
    if (!correlationKey) this.errors.add(node.id, `Message '${message.id}' must have a 'zeebe:subscription' with a correlationKey`);
    return name && correlationKey ? { name, correlationKey } : undefined;
  }

  private timerDefinition(node: Node, definition: Node, cycleAllowed: boolean): TimerDefinition | undefined {
    const candidates: [TimerDefinition['kind'], Node | undefined][] = [
      ['duration', definition.timeDuration as Node | undefined],
      ['date', definition.timeDate as Node | undefined],
      ['cycle', definition.timeCycle as Node | undefined],
    ];
    const present = candidates.filter(([, value]) => typeof value?.body === 'string' && value.body.trim() !== '');
    if (present.length !== 1) {
      this.errors.add(node.id, 'Must have exactly one timer definition: timeDuration, timeDate or timeCycle');
      return undefined;
    }
    const [kind, value] = present[0];
    if (kind === 'cycle' && !cycleAllowed) {
      this.errors.add(node.id, 'A timer cycle is only allowed on non-interrupting boundary events and timer start events');
      return undefined;
    }
    return { kind, expression: (value!.body as string).trim() };
  }

  private errorDefinition(node: Node, definition: Node, throwing: boolean): ErrorDefinition | undefined {
    const error = definition.errorRef as Node | undefined;
    const errorCode = nonEmpty(error?.errorCode);
    if (throwing && !errorCode) {
      this.errors.add(node.id, 'Must reference an error with an errorCode');
      return undefined;
    }
    return { errorCode };
  }

  private calledElement(node: Node): CalledElement | undefined {
    const called = extension(node, 'zeebe:CalledElement');
    const processId = nonEmpty(called?.processId);
    if (!processId) {
      this.errors.add(node.id, "Must have exactly one 'zeebe:calledElement' extension element with a 'processId'");
      return undefined;
    }
    return {
      processId,
      propagateAllChildVariables: called?.propagateAllChildVariables !== false,
      propagateAllParentVariables: called?.propagateAllParentVariables !== false,
    };
  }

  private connect(): void {
    for (const { flow, scopeId } of this.flows) {
      const source = this.elements.get(flow.sourceId);
      const target = this.elements.get(flow.targetId);
      if (!source || !target) continue; // the unsupported element is already reported
      if (source.scopeId !== scopeId || target.scopeId !== scopeId) this.errors.add(flow.id, 'Must connect elements of the same scope');
      source.outgoing.push(flow);
      target.incoming.push(flow);
    }
    for (const [elementId, flowId] of this.defaultFlows) {
      const owner = this.elements.get(elementId)!;
      if (!owner.outgoing.some((flow) => flow.id === flowId)) this.errors.add(elementId, `Default flow '${flowId}' must be an outgoing sequence flow`);
      (owner as { defaultFlowId?: string }).defaultFlowId = flowId;
    }
    for (const boundary of this.elements.values()) {
      if (boundary.type !== 'BOUNDARY_EVENT' || !boundary.attachedToId) continue;
      const activity = this.elements.get(boundary.attachedToId);
      if (!activity) continue;
      if (!isActivity(activity.type)) this.errors.add(boundary.id, 'Must be attached to an activity');
      activity.boundaryEventIds.push(boundary.id);
    }
  }

  private validate(): void {
    const scopes = [...this.elements.values()].filter((candidate) => candidate.type === 'PROCESS' || candidate.type === 'SUB_PROCESS');
    for (const scope of scopes) {
      const starts = [...this.elements.values()].filter((candidate) => candidate.scopeId === scope.id && candidate.type === 'START_EVENT');
      if (scope.type === 'PROCESS' && starts.length !== 1) this.errors.add(scope.id, 'Must have exactly one none start event');
      if (scope.type === 'SUB_PROCESS' && starts.length !== 1) this.errors.add(scope.id, 'Must have exactly one none start event');
      scope.startEventId = starts[0]?.id;
    }
    for (const candidate of this.elements.values()) {
      if (candidate.type === 'START_EVENT' && candidate.incoming.length > 0) this.errors.add(candidate.id, 'Start events must not have incoming sequence flows');
      if (candidate.type === 'END_EVENT' && candidate.outgoing.length > 0) this.errors.add(candidate.id, 'End events must not have outgoing sequence flows');
      if (candidate.type === 'BOUNDARY_EVENT' && candidate.incoming.length > 0) this.errors.add(candidate.id, 'Boundary events must not have incoming sequence flows');
      if (candidate.type === 'BOUNDARY_EVENT' && candidate.outgoing.length === 0) this.errors.add(candidate.id, 'Must have at least one outgoing sequence flow');
      if (candidate.type === 'EXCLUSIVE_GATEWAY' && candidate.outgoing.length > 1) {
        for (const flow of candidate.outgoing) {
          if (flow.id !== candidate.defaultFlowId && !flow.condition) this.errors.add(flow.id, 'Must have a condition or be default flow');
        }
      }
      if (candidate.type === 'PARALLEL_GATEWAY' && candidate.outgoing.some((flow) => flow.condition)) this.errors.add(candidate.id, 'Outgoing sequence flows of a parallel gateway must not have conditions');
    }
  }
}

const ACTIVITIES: ReadonlySet<ElementType> = new Set(['SERVICE_TASK', 'USER_TASK', 'RECEIVE_TASK', 'MANUAL_TASK', 'TASK', 'SUB_PROCESS', 'CALL_ACTIVITY']);

export function isActivity(type: ElementType): boolean {
  return ACTIVITIES.has(type);
}

function eventTypeOf(definition: Node | undefined): EventType {
  switch (definition?.$type) {
    case undefined:
      return 'NONE';
    case 'bpmn:MessageEventDefinition':
      return 'MESSAGE';
    case 'bpmn:TimerEventDefinition':
      return 'TIMER';
    case 'bpmn:ErrorEventDefinition':
      return 'ERROR';
    case 'bpmn:TerminateEventDefinition':
      return 'TERMINATE';
    default:
      return definition!.$type.replace(/^bpmn:/, '').replace(/EventDefinition$/, '').toUpperCase() as EventType;
  }
}

function extension(node: Node, type: string): Node | undefined {
  const values = list<Node>((node.extensionElements as Node | undefined)?.values);
  return values.find((value) => value.$type === type);
}

function list<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
