/** An element of a process model that an active element may be mapped to. */
export interface TargetElement {
  id: string;
  name: string | null;
  /** The BPMN type without its prefix, e.g. `userTask`. */
  type: string;
}

const BPMN = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
const NOT_MAPPABLE = new Set(['sequenceFlow', 'laneSet', 'lane', 'extensionElements', 'incoming', 'outgoing', 'documentation', 'textAnnotation', 'association', 'multiInstanceLoopCharacteristics', 'loopCardinality', 'completionCondition', 'conditionExpression', 'timerEventDefinition', 'messageEventDefinition', 'errorEventDefinition', 'signalEventDefinition', 'escalationEventDefinition', 'linkEventDefinition', 'timeDuration', 'timeDate', 'timeCycle', 'dataObjectReference', 'dataObject', 'dataStoreReference', 'ioSpecification']);

/** The flow nodes of every process in a BPMN model (activities, events, gateways, sub-processes). */
export function flowElementsOf(xml: string): TargetElement[] {
  const document = new DOMParser().parseFromString(xml, 'application/xml');
  const elements: TargetElement[] = [];
  for (const process of Array.from(document.getElementsByTagNameNS(BPMN, 'process'))) {
    for (const element of Array.from(process.getElementsByTagNameNS(BPMN, '*'))) {
      const id = element.getAttribute('id');
      if (!id || NOT_MAPPABLE.has(element.localName) || element.localName.endsWith('EventDefinition')) continue;
      elements.push({ id, name: element.getAttribute('name'), type: element.localName });
    }
  }
  return elements;
}

/**
 * The mapping the page proposes: each active element to the element of the same id in the
 * target when there is one (most migrations keep ids), otherwise none for the administrator to pick.
 */
export function proposeMappings(activeElementIds: readonly string[], target: readonly TargetElement[]): Record<string, string> {
  const ids = new Set(target.map((element) => element.id));
  return Object.fromEntries(activeElementIds.map((id) => [id, ids.has(id) ? id : '']));
}
