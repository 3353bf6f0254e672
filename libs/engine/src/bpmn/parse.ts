import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';
import {
  calledElement,
  decisionOrJob,
  errorDefinition,
  escalationDefinition,
  jobDefinition,
  messageOf,
  multiInstanceOf,
  scriptOrJob,
  signalDefinition,
  timerDefinition,
  userTaskJob,
} from './definitions.js';
import type { ElementType, EventType, FlowElement, Mapping, ProcessModel, SequenceFlow } from './model.js';
import { ElementErrors, extension, list, nonEmpty, type BpmnProblem, type Node } from './nodes.js';
import { connect, validate } from './validate.js';

export type { BpmnProblem } from './nodes.js';

// zeebe-bpmn-moddle ships its schema as JSON only.
const zeebeSchema = createRequire(import.meta.url)('zeebe-bpmn-moddle/resources/zeebe.json') as object;

export interface ParsedBpmn {
  readonly processes: ProcessModel[];
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
    connect(this.errors, this.elements, this.flows, this.defaultFlows);
    validate(this.errors, this.elements);
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
    const multiInstance = node.loopCharacteristics ? multiInstanceOf(this.errors, node) : undefined;
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
        return this.newElement(node, 'SERVICE_TASK', 'UNSPECIFIED', scopeId, { ...common, job: jobDefinition(this.errors, node) });
      case 'bpmn:SendTask':
        return this.newElement(node, 'SEND_TASK', 'UNSPECIFIED', scopeId, { ...common, job: jobDefinition(this.errors, node) });
      case 'bpmn:UserTask':
        return this.newElement(node, 'USER_TASK', 'UNSPECIFIED', scopeId, { ...common, job: userTaskJob(this.errors, node) });
      case 'bpmn:ScriptTask':
        return this.newElement(node, 'SCRIPT_TASK', 'UNSPECIFIED', scopeId, { ...common, ...scriptOrJob(this.errors, node) });
      case 'bpmn:BusinessRuleTask':
        return this.newElement(node, 'BUSINESS_RULE_TASK', 'UNSPECIFIED', scopeId, { ...common, ...decisionOrJob(this.errors, node) });
      case 'bpmn:ReceiveTask':
        return this.newElement(node, 'RECEIVE_TASK', 'UNSPECIFIED', scopeId, { ...common, message: messageOf(this.errors, node, node.messageRef as Node | undefined, true) });
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
        return this.newElement(node, 'CALL_ACTIVITY', 'UNSPECIFIED', scopeId, { ...common, calledElement: calledElement(this.errors, node) });
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
        if (catching) extra.message = messageOf(this.errors, node, definition!.messageRef as Node | undefined, type !== 'START_EVENT');
        else extra.job = jobDefinition(this.errors, node);
        break;
      case 'TIMER':
        extra.timer = timerDefinition(this.errors, node, definition!, type === 'START_EVENT' || (type === 'BOUNDARY_EVENT' && extra.interrupting === false), type === 'START_EVENT' && scopeId === this.process.id);
        break;
      case 'ERROR':
        extra.error = errorDefinition(this.errors, node, definition!, !catching);
        if (type === 'BOUNDARY_EVENT' && extra.interrupting === false) this.errors.add(node.id, 'Error boundary events must be interrupting');
        break;
      case 'ESCALATION':
        extra.escalation = escalationDefinition(this.errors, node, definition!, !catching);
        break;
      case 'SIGNAL':
        extra.signal = signalDefinition(this.errors, node, definition!);
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
}

function eventTypeOf(definition: Node | undefined): EventType {
  if (!definition) return 'NONE';
  return definition.$type.replace(/^bpmn:/, '').replace(/EventDefinition$/, '').toUpperCase() as EventType;
}
