import { isActivity, type FlowElement, type SequenceFlow } from './model.js';
import { capitalised, type ElementErrors } from './nodes.js';

// The structure of a process, checked once its elements are read.

/** Connects the elements by their sequence flows, default flows and boundary events. */
export function connect(errors: ElementErrors, elements: Map<string, FlowElement>, flows: readonly { flow: SequenceFlow; scopeId: string }[], defaultFlows: ReadonlyMap<string, string>): void {
  for (const { flow, scopeId } of flows) {
    const source = elements.get(flow.sourceId);
    const target = elements.get(flow.targetId);
    if (!source || !target) continue; // the unsupported element is already reported
    if (source.scopeId !== scopeId || target.scopeId !== scopeId) errors.add(flow.id, 'Must connect elements of the same scope');
    source.outgoing.push(flow);
    target.incoming.push(flow);
  }
  for (const [elementId, flowId] of defaultFlows) {
    const owner = elements.get(elementId)!;
    if (!owner.outgoing.some((flow) => flow.id === flowId)) errors.add(elementId, `Default flow '${flowId}' must be an outgoing sequence flow`);
    (owner as { defaultFlowId?: string }).defaultFlowId = flowId;
  }
  for (const boundary of elements.values()) {
    if (boundary.type !== 'BOUNDARY_EVENT' || !boundary.attachedToId) continue;
    const activity = elements.get(boundary.attachedToId);
    if (!activity) continue;
    if (!isActivity(activity.type)) errors.add(boundary.id, 'Must be attached to an activity');
    if (boundary.eventType === 'ESCALATION' && activity.type !== 'SUB_PROCESS' && activity.type !== 'CALL_ACTIVITY') {
      errors.add(boundary.id, 'An escalation boundary event must be attached to a sub-process or a call activity');
    }
    activity.boundaryEventIds.push(boundary.id);
  }
}

/** Checks the rules of scopes, start and end events, gateways and links, as Zeebe does when deploying. */
export function validate(errors: ElementErrors, elements: ReadonlyMap<string, FlowElement>): void {
  const all = [...elements.values()];
  const inScope = (scopeId: string) => all.filter((candidate) => candidate.scopeId === scopeId);
  for (const scope of all.filter((candidate) => candidate.type === 'PROCESS' || candidate.type === 'SUB_PROCESS' || candidate.type === 'EVENT_SUB_PROCESS')) {
    const children = inScope(scope.id);
    const starts = children.filter((candidate) => candidate.type === 'START_EVENT');
    const noneStarts = starts.filter((start) => start.eventType === 'NONE');
    if (scope.type === 'PROCESS') {
      if (starts.length === 0) errors.add(scope.id, 'Must have at least one start event');
      if (noneStarts.length > 1) errors.add(scope.id, 'Multiple none start events are not allowed');
      for (const start of starts) {
        if (start.eventType === 'ERROR' || start.eventType === 'ESCALATION') {
          errors.add(start.id, `${capitalised(start.eventType)} start events are only allowed in event sub-processes`);
        }
      }
      scope.startEventId = noneStarts[0]?.id;
    } else if (starts.length !== 1) {
      errors.add(scope.id, 'Must have exactly one start event');
    } else if (scope.type === 'SUB_PROCESS') {
      if (starts[0].eventType !== 'NONE') errors.add(scope.id, 'Start events in subprocesses must be of type none');
      scope.startEventId = starts[0].id;
    } else {
      const start = starts[0];
      if (start.eventType === 'NONE') errors.add(scope.id, 'Start events in event subprocesses must be one of: message, timer, error, signal or escalation');
      if (start.eventType === 'ERROR' && !start.interrupting) errors.add(start.id, 'Error start events must be interrupting');
      scope.startEventId = start.id;
      elements.get(scope.scopeId!)?.eventSubProcessStartIds.push(start.id);
      if (scope.incoming.length > 0 || scope.outgoing.length > 0) errors.add(scope.id, 'An event sub-process must not have incoming or outgoing sequence flows');
    }
    validateLinks(errors, scope.id, children);
  }
  for (const candidate of all) {
    if (candidate.type === 'START_EVENT' && candidate.incoming.length > 0) errors.add(candidate.id, 'Start events must not have incoming sequence flows');
    if (candidate.type === 'END_EVENT' && candidate.outgoing.length > 0) errors.add(candidate.id, 'End events must not have outgoing sequence flows');
    if (candidate.type === 'BOUNDARY_EVENT' && candidate.incoming.length > 0) errors.add(candidate.id, 'Boundary events must not have incoming sequence flows');
    if (candidate.type === 'BOUNDARY_EVENT' && candidate.outgoing.length === 0) errors.add(candidate.id, 'Must have at least one outgoing sequence flow');
    if ((candidate.type === 'EXCLUSIVE_GATEWAY' || candidate.type === 'INCLUSIVE_GATEWAY') && candidate.outgoing.length > 1) {
      for (const flow of candidate.outgoing) {
        if (flow.id !== candidate.defaultFlowId && !flow.condition) errors.add(flow.id, 'Must have a condition or be default flow');
      }
    }
    if (candidate.type === 'PARALLEL_GATEWAY' && candidate.outgoing.some((flow) => flow.condition)) errors.add(candidate.id, 'Outgoing sequence flows of a parallel gateway must not have conditions');
    if (candidate.type === 'EVENT_BASED_GATEWAY') validateEventBasedGateway(errors, elements, candidate);
    if (candidate.type === 'INTERMEDIATE_CATCH_EVENT' && candidate.eventType === 'LINK' && candidate.incoming.length > 0) {
      errors.add(candidate.id, 'A link catch event must not have incoming sequence flows');
    }
    if (candidate.type === 'INTERMEDIATE_THROW_EVENT' && candidate.eventType === 'LINK' && candidate.outgoing.length > 0) {
      errors.add(candidate.id, 'A link throw event must not have outgoing sequence flows');
    }
  }
}

function validateEventBasedGateway(errors: ElementErrors, elements: ReadonlyMap<string, FlowElement>, gateway: FlowElement): void {
  if (gateway.outgoing.length < 2) errors.add(gateway.id, 'Event-based gateway must have at least 2 outgoing sequence flows');
  for (const flow of gateway.outgoing) {
    if (flow.condition) errors.add(gateway.id, 'Event-based gateway must not have an outgoing sequence flow with a condition');
    const target = elements.get(flow.targetId);
    const catchable = target?.type === 'INTERMEDIATE_CATCH_EVENT' && ['MESSAGE', 'TIMER', 'SIGNAL'].includes(target.eventType);
    if (target && !catchable) {
      errors.add(gateway.id, 'Event-based gateway must not have an outgoing sequence flow to other elements than message, timer or signal intermediate catch events');
    }
    if (target && target.incoming.length > 1) errors.add(target.id, 'The target of an event-based gateway must not have other incoming sequence flows');
  }
}

function validateLinks(errors: ElementErrors, scopeId: string, children: FlowElement[]): void {
  const links = children.filter((candidate) => candidate.eventType === 'LINK' && candidate.link);
  const catchNames = links.filter((candidate) => candidate.type === 'INTERMEDIATE_CATCH_EVENT').map((candidate) => candidate.link!);
  for (const name of new Set(catchNames)) {
    if (catchNames.indexOf(name) !== catchNames.lastIndexOf(name)) errors.add(scopeId, `Multiple intermediate catch link event definitions with the same name '${name}' are not allowed.`);
  }
  for (const thrower of links.filter((candidate) => candidate.type === 'INTERMEDIATE_THROW_EVENT')) {
    if (!catchNames.includes(thrower.link!)) errors.add(thrower.id, `Can't find an catch link event for the throw link event with the name '${thrower.link}'.`);
  }
}
