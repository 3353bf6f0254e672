import type { FlowElement, SequenceFlow } from '../bpmn/model.js';
import type { ElementInstanceRow } from '../state/rows.js';
import type { ElementBehaviour, ExecutionContext } from './context.js';
import { evaluate, IncidentError } from './expressions.js';

/** Takes the flows chosen while activating, once the gateway completes. */
const chosenFlows = (_executor: ExecutionContext, instance: ElementInstanceRow, element: FlowElement): SequenceFlow[] =>
  element.outgoing.filter((flow) => instance.takeFlowIds?.includes(flow.id));

/** Exclusive gateway: the first outgoing flow whose condition holds, else the default flow, else an incident. */
export const exclusiveGateway: ElementBehaviour = {
  activating(executor, instance, element) {
    choose(executor, instance, element, true);
  },
  outgoing: chosenFlows,
};

/**
 * Inclusive gateway: forks into every outgoing flow whose condition holds, else the default
 * flow, else an incident. With several incoming flows it joins: the executor activates it
 * once no token that can still reach it is left in its scope.
 */
export const inclusiveGateway: ElementBehaviour = {
  activating(executor, instance, element) {
    choose(executor, instance, element, false);
  },
  outgoing: chosenFlows,
};

function choose(executor: ExecutionContext, instance: ElementInstanceRow, element: FlowElement, firstOnly: boolean): void {
  let chosen: SequenceFlow[];
  if (element.outgoing.length === 1 && !element.outgoing[0].condition) {
    chosen = element.outgoing;
  } else {
    const context = executor.variables.visible(instance.key);
    chosen = [];
    for (const flow of element.outgoing) {
      if (flow.id === element.defaultFlowId || !flow.condition) continue;
      if (evaluate(flow.condition, context, executor.now(), 'BOOLEAN', 'CONDITION_ERROR') !== true) continue;
      chosen.push(flow);
      if (firstOnly) break;
    }
    const fallback = element.outgoing.find((flow) => flow.id === element.defaultFlowId);
    if (chosen.length === 0 && fallback) chosen = [fallback];
    if (chosen.length === 0) throw new IncidentError('CONDITION_ERROR', 'Expected at least one condition to evaluate to true, or to have a default flow');
  }
  instance.takeFlowIds = chosen.map((flow) => flow.id);
  executor.state.elementInstances.put(instance);
  executor.activated(instance);
  executor.complete(instance);
}

/**
 * Event-based gateway: waits for the events of the catch events after it (message, timer,
 * signal); the first to occur completes the gateway, which then takes the flow to that
 * event and activates it as caught, with the event's variables.
 */
export const eventBasedGateway: ElementBehaviour = {
  activating(executor, instance, element) {
    const model = executor.model(instance);
    for (const flow of element.outgoing) executor.subscribe(instance, model.elements.get(flow.targetId)!);
    executor.activated(instance);
  },
  outgoing: () => [],
  completed(executor, instance, element) {
    const triggered = instance.triggeredEvent!;
    const flowScope = executor.state.elementInstances.get(instance.flowScopeKey);
    const flow = element.outgoing.find((candidate) => candidate.id === triggered.flowId);
    if (flowScope && flow) executor.takeFlow(flowScope, flow, triggered.variables);
  },
};
