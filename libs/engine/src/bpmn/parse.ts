import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';
import type {
  BindingType,
  CalledDecision,
  CalledElement,
  ElementType,
  ErrorDefinition,
  EscalationDefinition,
  EventType,
  FlowElement,
  JobDefinition,
  Mapping,
  MessageDefinition,
  MultiInstanceDefinition,
  ProcessModel,
  ScriptDefinition,
  SequenceFlow,
  SignalDefinition,
  TimerDefinition,
  UserTaskDefinition,
} from './model.js';
import { evaluateExpression } from '../feel/index.js';
import { checkTimerValue } from './timer.js';

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

/** A reason a BPMN resource cannot be deployed; without an element id it concerns the model as a whole. */
export interface BpmnProblem {
  readonly elementId?: string;
  readonly message: string;
}

/**
 * Thrown when a BPMN resource cannot be deployed; `reasons` lists each problem in Zeebe's
 * layout. XML that cannot be read at all has no element problems, only its reason.
 */
export class BpmnValidationError extends Error {
  constructor(
    readonly problems: readonly BpmnProblem[],
    readonly reasons: string[] = formatProblems(problems),
  ) {
    super(reasons.join('\n'));
    this.name = 'BpmnValidationError';
  }
}

/** Zeebe's layout: "- Element: <id>" followed by indented "- ERROR: <message>" lines, one block per element. */
export function formatProblems(problems: readonly BpmnProblem[]): string[] {
  const byElement = new Map<string, string[]>();
  for (const { elementId, message } of problems) {
    const key = elementId ?? '';
    byElement.set(key, [...(byElement.get(key) ?? []), message]);
  }
  return [...byElement].map(([id, messages]) => [id ? `- Element: ${id}` : '- Process', ...messages.map((message) => `    - ERROR: ${message}`)].join('\n'));
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
    throw new BpmnValidationError([], [`Failed to parse the BPMN XML: ${(error as Error).message.split('\n')[0]}`]);
  }
  if (definitions.$type !== 'bpmn:Definitions') throw new BpmnValidationError([], ['The root element must be bpmn:definitions']);
  const errors = new ElementErrors();
  // moddle reports unknown attributes/elements as warnings; unresolved references break execution.
  for (const warning of warnings) if (/unresolved reference/.test(warning.message)) errors.general(warning.message.split('\n')[0]);
  const roots = list<Node>(definitions.rootElements);
  const executable = roots.filter((root) => root.$type === 'bpmn:Process' && root.isExecutable === true);
  if (executable.length === 0) errors.general("Must contain at least one executable process");
  const processes = executable.map((process) => new ProcessBuilder(process, errors).build());
  if (errors.problems.length > 0) throw new BpmnValidationError(errors.problems);
  return { processes };
}

class ElementErrors {
  readonly problems: BpmnProblem[] = [];

  add(elementId: string | undefined, message: string): void {
    this.problems.push({ elementId, message });
  }

  general(message: string): void {
    this.add(undefined, message);
  }
}

/** Event definitions this engine runs, per kind of event; anything else is refused at deploy time. */
const SUPPORTED_EVENTS: Record<string, readonly EventType[]> = {
  'bpmn:StartEvent': ['NONE', 'MESSAGE', 'TIMER', 'SIGNAL', 'ERROR', 'ESCALATION'],
  'bpmn:EndEvent': ['NONE', 'TERMINATE', 'ERROR', 'ESCALATION', 'SIGNAL', 'MESSAGE'],
  'bpmn:IntermediateThrowEvent': ['NONE', 'ESCALATION', 'SIGNAL', 'MESSAGE', 'LINK'],
  'bpmn:IntermediateCatchEvent': ['MESSAGE', 'TIMER', 'SIGNAL', 'LINK'],
  'bpmn:BoundaryEvent': ['MESSAGE', 'TIMER', 'ERROR', 'SIGNAL', 'ESCALATION'],
};

const ELEMENT_TYPES: Record<string, ElementType> = {
  'bpmn:StartEvent': 'START_EVENT',
  'bpmn:EndEvent': 'END_EVENT',
  'bpmn:IntermediateThrowEvent': 'INTERMEDIATE_THROW_EVENT',
  'bpmn:IntermediateCatchEvent': 'INTERMEDIATE_CATCH_EVENT',
  'bpmn:BoundaryEvent': 'BOUNDARY_EVENT',
};

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
      if (built.type === 'SUB_PROCESS' || built.type === 'EVENT_SUB_PROCESS') this.collect(node, built.id);
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
    // Running the element without its listeners would silently change the process.
    if (list(extension(node, 'zeebe:ExecutionListeners')?.listeners).length > 0) {
      this.errors.add(node.id, 'Execution listeners are not supported by this engine yet');
      return undefined;
    }
    if (node.isForCompensation === true) return unsupported('compensation handler');
    const multiInstance = node.loopCharacteristics ? this.multiInstance(node) : undefined;
    if (node.loopCharacteristics && !multiInstance) return undefined;
    const common = multiInstance ? { multiInstance } : {};

    const eventKind = ELEMENT_TYPES[node.$type];
    if (eventKind) {
      if (!SUPPORTED_EVENTS[node.$type].includes(eventType)) {
        return unsupported(`${eventType.toLowerCase()} ${node.$type.replace(/^bpmn:/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`);
      }
      return this.event(node, eventKind, eventType, definition, scopeId);
    }
    switch (node.$type) {
      case 'bpmn:ServiceTask':
        return this.newElement(node, 'SERVICE_TASK', 'UNSPECIFIED', scopeId, { ...common, job: this.jobDefinition(node) });
      case 'bpmn:SendTask':
        return this.newElement(node, 'SEND_TASK', 'UNSPECIFIED', scopeId, { ...common, job: this.jobDefinition(node) });
      case 'bpmn:UserTask':
        return this.newElement(node, 'USER_TASK', 'UNSPECIFIED', scopeId, { ...common, job: this.userTaskJob(node) });
      case 'bpmn:ScriptTask':
        return this.newElement(node, 'SCRIPT_TASK', 'UNSPECIFIED', scopeId, { ...common, ...this.scriptOrJob(node) });
      case 'bpmn:BusinessRuleTask':
        return this.newElement(node, 'BUSINESS_RULE_TASK', 'UNSPECIFIED', scopeId, { ...common, ...this.decisionOrJob(node) });
      case 'bpmn:ReceiveTask':
        return this.newElement(node, 'RECEIVE_TASK', 'UNSPECIFIED', scopeId, { ...common, message: this.messageOf(node, node.messageRef as Node | undefined, true) });
      case 'bpmn:ManualTask':
        return this.newElement(node, 'MANUAL_TASK', 'UNSPECIFIED', scopeId, common);
      case 'bpmn:Task':
        return this.newElement(node, 'TASK', 'UNSPECIFIED', scopeId, common);
      case 'bpmn:ExclusiveGateway':
        return this.newElement(node, 'EXCLUSIVE_GATEWAY', 'UNSPECIFIED', scopeId, {});
      case 'bpmn:ParallelGateway':
        return this.newElement(node, 'PARALLEL_GATEWAY', 'UNSPECIFIED', scopeId, {});
      case 'bpmn:InclusiveGateway':
        return this.newElement(node, 'INCLUSIVE_GATEWAY', 'UNSPECIFIED', scopeId, {});
      case 'bpmn:EventBasedGateway':
        return this.newElement(node, 'EVENT_BASED_GATEWAY', 'UNSPECIFIED', scopeId, {});
      case 'bpmn:SubProcess':
        if (node.triggeredByEvent) {
          if (multiInstance) this.errors.add(node.id, 'An event sub-process cannot be multi-instance');
          return this.newElement(node, 'EVENT_SUB_PROCESS', 'UNSPECIFIED', scopeId, {});
        }
        return this.newElement(node, 'SUB_PROCESS', 'UNSPECIFIED', scopeId, common);
      case 'bpmn:CallActivity':
        return this.newElement(node, 'CALL_ACTIVITY', 'UNSPECIFIED', scopeId, { ...common, calledElement: this.calledElement(node) });
      case 'bpmn:AdHocSubProcess':
        return unsupported('ad-hoc sub-process');
      case 'bpmn:Transaction':
        return unsupported('transaction sub-process');
      default:
        return unsupported(node.$type.replace(/^bpmn:/, ''));
    }
  }

  private event(node: Node, type: ElementType, eventType: EventType, definition: Node | undefined, scopeId: string): FlowElement | undefined {
    const extra: Partial<{ -readonly [K in keyof FlowElement]: FlowElement[K] }> = {};
    if (type === 'BOUNDARY_EVENT') {
      const attachedToId = (node.attachedToRef as Node | undefined)?.id;
      if (!attachedToId) {
        this.errors.add(node.id, 'Must be attached to an activity');
        return undefined;
      }
      extra.attachedToId = attachedToId;
      extra.interrupting = node.cancelActivity !== false;
    }
    // A start event interrupts only inside an event sub-process; elsewhere the attribute means nothing.
    if (type === 'START_EVENT') extra.interrupting = node.isInterrupting !== false;
    const catching = type === 'START_EVENT' || type === 'INTERMEDIATE_CATCH_EVENT' || type === 'BOUNDARY_EVENT';
    switch (eventType) {
      case 'MESSAGE':
        if (catching) extra.message = this.messageOf(node, definition!.messageRef as Node | undefined, type !== 'START_EVENT');
        else extra.job = this.jobDefinition(node);
        break;
      case 'TIMER':
        extra.timer = this.timerDefinition(node, definition!, type === 'START_EVENT' || (type === 'BOUNDARY_EVENT' && extra.interrupting === false), type === 'START_EVENT' && scopeId === this.process.id);
        break;
      case 'ERROR':
        extra.error = this.errorDefinition(node, definition!, !catching);
        if (type === 'BOUNDARY_EVENT' && extra.interrupting === false) this.errors.add(node.id, 'Error boundary events must be interrupting');
        break;
      case 'ESCALATION':
        extra.escalation = this.escalationDefinition(node, definition!, !catching);
        break;
      case 'SIGNAL':
        extra.signal = this.signalDefinition(node, definition!);
        break;
      case 'LINK': {
        const name = nonEmpty(definition!.name);
        if (!name) this.errors.add(node.id, 'Link events must have a name');
        extra.link = name;
        break;
      }
      default:
        break;
    }
    return this.newElement(node, type, eventType, scopeId, extra);
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
      eventSubProcessStartIds: [],
      interrupting: true,
      ...extra,
    };
  }

  private multiInstance(node: Node): MultiInstanceDefinition | undefined {
    const loop = node.loopCharacteristics as Node;
    if (loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') {
      this.errors.add(node.id, 'Standard loops are not supported; model a multi-instance activity');
      return undefined;
    }
    if (!isActivityNode(node.$type)) {
      this.errors.add(node.id, 'Only activities can be multi-instance');
      return undefined;
    }
    const zeebe = extension(loop, 'zeebe:LoopCharacteristics');
    const inputCollection = nonEmpty(zeebe?.inputCollection);
    const outputCollection = nonEmpty(zeebe?.outputCollection);
    const outputElement = nonEmpty(zeebe?.outputElement);
    let valid = true;
    const problem = (message: string) => {
      this.errors.add(node.id, message);
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

  private jobDefinition(node: Node): JobDefinition | undefined {
    const definition = extension(node, 'zeebe:TaskDefinition');
    const type = definition?.type as string | undefined;
    if (!type) {
      this.errors.add(node.id, "Must have exactly one 'zeebe:taskDefinition' extension element with a 'type'");
      return undefined;
    }
    return { type, retries: (definition?.retries as string | undefined) || '3', headers: this.headers(node) };
  }

  /** A script task evaluates its FEEL expression, or is done by a job worker as Zeebe allows. */
  private scriptOrJob(node: Node): { script?: ScriptDefinition; job?: JobDefinition } {
    const script = extension(node, 'zeebe:Script');
    const job = extension(node, 'zeebe:TaskDefinition');
    if (!script === !job) {
      this.errors.add(node.id, "Must have either one 'zeebe:script' or one 'zeebe:taskDefinition' extension element");
      return {};
    }
    if (job) return { job: this.jobDefinition(node) };
    const expression = nonEmpty(script!.expression);
    const resultVariable = nonEmpty(script!.resultVariable);
    if (!expression?.startsWith('=')) this.errors.add(node.id, "Attribute 'expression' must be a FEEL expression (starting with '=')");
    if (!resultVariable) this.errors.add(node.id, "Attribute 'resultVariable' must be present and not empty");
    return expression && resultVariable ? { script: { expression, resultVariable } } : {};
  }

  /** A business rule task evaluates a deployed decision, or is done by a job worker as Zeebe allows. */
  private decisionOrJob(node: Node): { calledDecision?: CalledDecision; job?: JobDefinition } {
    const called = extension(node, 'zeebe:CalledDecision');
    const job = extension(node, 'zeebe:TaskDefinition');
    if (!called === !job) {
      this.errors.add(node.id, "Must have either one 'zeebe:calledDecision' or one 'zeebe:taskDefinition' extension element");
      return {};
    }
    if (job) return { job: this.jobDefinition(node) };
    const decisionId = nonEmpty(called!.decisionId);
    const resultVariable = nonEmpty(called!.resultVariable);
    if (!decisionId) this.errors.add(node.id, "Attribute 'decisionId' must be present and not empty");
    if (!resultVariable) this.errors.add(node.id, "Attribute 'resultVariable' must be present and not empty");
    const bindingType = this.bindingType(node, called!);
    return decisionId && resultVariable && bindingType ? { calledDecision: { decisionId, resultVariable, bindingType } } : {};
  }

  private bindingType(node: Node, extensionElement: Node): BindingType | undefined {
    const value = nonEmpty(extensionElement.bindingType) ?? 'latest';
    if (value === 'latest' || value === 'deployment') return value;
    if (value === 'versionTag') this.errors.add(node.id, "The binding type 'versionTag' is not supported by this engine yet; use 'latest' or 'deployment'");
    else this.errors.add(node.id, `Unknown binding type '${value}'; expected 'latest', 'deployment' or 'versionTag'`);
    return undefined;
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

  /** A message reference; catch events other than start events need a correlation key. */
  private messageOf(node: Node, message: Node | undefined, needsCorrelationKey: boolean): MessageDefinition | undefined {
    if (!message) {
      this.errors.add(node.id, 'Must reference a message');
      return undefined;
    }
    const name = message.name as string | undefined;
    const correlationKey = extension(message, 'zeebe:Subscription')?.correlationKey as string | undefined;
    if (!name) this.errors.add(node.id, `Message '${message.id}' must have a name`);
    if (needsCorrelationKey && !correlationKey) this.errors.add(node.id, `Message '${message.id}' must have a 'zeebe:subscription' with a correlationKey`);
    return name && (correlationKey || !needsCorrelationKey) ? { name, correlationKey: correlationKey ?? '' } : undefined;
  }

  /** `deployTime`: a timer start event of the process, whose expression sees no variables and is evaluated when deployed. */
  private timerDefinition(node: Node, definition: Node, cycleAllowed: boolean, deployTime: boolean): TimerDefinition | undefined {
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
    const expression = (value!.body as string).trim();
    // A static value is checked now, as Zeebe does; an expression when the timer is created, or now for a start event.
    const problem = !expression.startsWith('=') ? checkTimerValue(kind, expression) : deployTime ? startTimerProblem(kind, expression) : undefined;
    if (problem) {
      this.errors.add(node.id, problem);
      return undefined;
    }
    return { kind, expression };
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

  private escalationDefinition(node: Node, definition: Node, throwing: boolean): EscalationDefinition | undefined {
    const escalation = definition.escalationRef as Node | undefined;
    const escalationCode = nonEmpty(escalation?.escalationCode);
    if (throwing && !escalationCode) {
      this.errors.add(node.id, 'Must reference an escalation with an escalationCode');
      return undefined;
    }
    return { escalationCode };
  }

  private signalDefinition(node: Node, definition: Node): SignalDefinition | undefined {
    const signal = definition.signalRef as Node | undefined;
    const name = nonEmpty(signal?.name);
    if (!name) {
      this.errors.add(node.id, 'Must reference a signal with a name');
      return undefined;
    }
    return { name };
  }

  private calledElement(node: Node): CalledElement | undefined {
    const called = extension(node, 'zeebe:CalledElement');
    const processId = nonEmpty(called?.processId);
    if (!processId) {
      this.errors.add(node.id, "Must have exactly one 'zeebe:calledElement' extension element with a 'processId'");
      return undefined;
    }
    const bindingType = this.bindingType(node, called!);
    if (!bindingType) return undefined;
    return {
      processId,
      propagateAllChildVariables: called?.propagateAllChildVariables !== false,
      propagateAllParentVariables: called?.propagateAllParentVariables !== false,
      bindingType,
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
      if (boundary.eventType === 'ESCALATION' && activity.type !== 'SUB_PROCESS' && activity.type !== 'CALL_ACTIVITY') {
        this.errors.add(boundary.id, 'An escalation boundary event must be attached to a sub-process or a call activity');
      }
      activity.boundaryEventIds.push(boundary.id);
    }
  }

  private validate(): void {
    const all = [...this.elements.values()];
    const inScope = (scopeId: string) => all.filter((candidate) => candidate.scopeId === scopeId);
    for (const scope of all.filter((candidate) => candidate.type === 'PROCESS' || candidate.type === 'SUB_PROCESS' || candidate.type === 'EVENT_SUB_PROCESS')) {
      const children = inScope(scope.id);
      const starts = children.filter((candidate) => candidate.type === 'START_EVENT');
      const noneStarts = starts.filter((start) => start.eventType === 'NONE');
      if (scope.type === 'PROCESS') {
        if (starts.length === 0) this.errors.add(scope.id, 'Must have at least one start event');
        if (noneStarts.length > 1) this.errors.add(scope.id, 'Multiple none start events are not allowed');
        for (const start of starts) {
          if (start.eventType === 'ERROR' || start.eventType === 'ESCALATION') {
            this.errors.add(start.id, `${capitalised(start.eventType)} start events are only allowed in event sub-processes`);
          }
        }
        scope.startEventId = noneStarts[0]?.id;
      } else if (starts.length !== 1) {
        this.errors.add(scope.id, 'Must have exactly one start event');
      } else if (scope.type === 'SUB_PROCESS') {
        if (starts[0].eventType !== 'NONE') this.errors.add(scope.id, 'Start events in subprocesses must be of type none');
        scope.startEventId = starts[0].id;
      } else {
        const start = starts[0];
        if (start.eventType === 'NONE') this.errors.add(scope.id, 'Start events in event subprocesses must be one of: message, timer, error, signal or escalation');
        if (start.eventType === 'ERROR' && !start.interrupting) this.errors.add(start.id, 'Error start events must be interrupting');
        scope.startEventId = start.id;
        this.elements.get(scope.scopeId!)?.eventSubProcessStartIds.push(start.id);
        if (scope.incoming.length > 0 || scope.outgoing.length > 0) this.errors.add(scope.id, 'An event sub-process must not have incoming or outgoing sequence flows');
      }
      this.validateLinks(scope.id, children);
    }
    for (const candidate of all) {
      if (candidate.type === 'START_EVENT' && candidate.incoming.length > 0) this.errors.add(candidate.id, 'Start events must not have incoming sequence flows');
      if (candidate.type === 'END_EVENT' && candidate.outgoing.length > 0) this.errors.add(candidate.id, 'End events must not have outgoing sequence flows');
      if (candidate.type === 'BOUNDARY_EVENT' && candidate.incoming.length > 0) this.errors.add(candidate.id, 'Boundary events must not have incoming sequence flows');
      if (candidate.type === 'BOUNDARY_EVENT' && candidate.outgoing.length === 0) this.errors.add(candidate.id, 'Must have at least one outgoing sequence flow');
      if ((candidate.type === 'EXCLUSIVE_GATEWAY' || candidate.type === 'INCLUSIVE_GATEWAY') && candidate.outgoing.length > 1) {
        for (const flow of candidate.outgoing) {
          if (flow.id !== candidate.defaultFlowId && !flow.condition) this.errors.add(flow.id, 'Must have a condition or be default flow');
        }
      }
      if (candidate.type === 'PARALLEL_GATEWAY' && candidate.outgoing.some((flow) => flow.condition)) this.errors.add(candidate.id, 'Outgoing sequence flows of a parallel gateway must not have conditions');
      if (candidate.type === 'EVENT_BASED_GATEWAY') this.validateEventBasedGateway(candidate);
      if (candidate.type === 'INTERMEDIATE_CATCH_EVENT' && candidate.eventType === 'LINK' && candidate.incoming.length > 0) {
        this.errors.add(candidate.id, 'A link catch event must not have incoming sequence flows');
      }
      if (candidate.type === 'INTERMEDIATE_THROW_EVENT' && candidate.eventType === 'LINK' && candidate.outgoing.length > 0) {
        this.errors.add(candidate.id, 'A link throw event must not have outgoing sequence flows');
      }
    }
  }

  private validateEventBasedGateway(gateway: FlowElement): void {
    if (gateway.outgoing.length < 2) this.errors.add(gateway.id, 'Event-based gateway must have at least 2 outgoing sequence flows');
    for (const flow of gateway.outgoing) {
      if (flow.condition) this.errors.add(gateway.id, 'Event-based gateway must not have an outgoing sequence flow with a condition');
      const target = this.elements.get(flow.targetId);
      const catchable = target?.type === 'INTERMEDIATE_CATCH_EVENT' && ['MESSAGE', 'TIMER', 'SIGNAL'].includes(target.eventType);
      if (target && !catchable) {
        this.errors.add(gateway.id, 'Event-based gateway must not have an outgoing sequence flow to other elements than message, timer or signal intermediate catch events');
      }
      if (target && target.incoming.length > 1) this.errors.add(target.id, 'The target of an event-based gateway must not have other incoming sequence flows');
    }
  }

  private validateLinks(scopeId: string, children: FlowElement[]): void {
    const links = children.filter((candidate) => candidate.eventType === 'LINK' && candidate.link);
    const catchNames = links.filter((candidate) => candidate.type === 'INTERMEDIATE_CATCH_EVENT').map((candidate) => candidate.link!);
    for (const name of new Set(catchNames)) {
      if (catchNames.indexOf(name) !== catchNames.lastIndexOf(name)) this.errors.add(scopeId, `Multiple intermediate catch link event definitions with the same name '${name}' are not allowed.`);
    }
    for (const thrower of links.filter((candidate) => candidate.type === 'INTERMEDIATE_THROW_EVENT')) {
      if (!catchNames.includes(thrower.link!)) this.errors.add(thrower.id, `Can't find an catch link event for the throw link event with the name '${thrower.link}'.`);
    }
  }
}

const ACTIVITIES: ReadonlySet<ElementType> = new Set([
  'SERVICE_TASK',
  'USER_TASK',
  'RECEIVE_TASK',
  'MANUAL_TASK',
  'TASK',
  'SCRIPT_TASK',
  'SEND_TASK',
  'BUSINESS_RULE_TASK',
  'SUB_PROCESS',
  'CALL_ACTIVITY',
]);

/** Elements that may carry boundary events and be multi-instance. */
export function isActivity(type: ElementType): boolean {
  return ACTIVITIES.has(type);
}

function isActivityNode(type: string): boolean {
  return /Task$/.test(type) || type === 'bpmn:SubProcess' || type === 'bpmn:CallActivity';
}

function eventTypeOf(definition: Node | undefined): EventType {
  if (!definition) return 'NONE';
  return definition.$type.replace(/^bpmn:/, '').replace(/EventDefinition$/, '').toUpperCase() as EventType;
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

function capitalised(text: string): string {
  return text.charAt(0) + text.slice(1).toLowerCase();
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
