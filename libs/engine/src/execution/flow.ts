import type { FlowElement, SequenceFlow } from '../bpmn/model.js';
import type { ElementInstanceRow } from '../state/rows.js';
import type { ExecutionContext } from './context.js';
import { recordValue } from './records.js';

// Tokens between elements: sequence flows taken, joining gateways, scopes that end when empty.

/** A child of the scope completed or was terminated: the scope ends when nothing is left in it. */
export function childFinished(ctx: ExecutionContext, flowScope: ElementInstanceRow): void {
  if (flowScope.state !== 'ACTIVATED' || !ctx.state.elementInstances.get(flowScope.key)) return;
  const hook = ctx.behaviourOf(flowScope, ctx.element(flowScope)).childFinished;
  if (hook) {
    hook(ctx, flowScope);
    return;
  }
  // A token that ended elsewhere may be the last one an inclusive gateway waited for.
  for (const gatewayId of Object.keys(flowScope.joins ?? {})) {
    const gateway = ctx.model(flowScope).elements.get(gatewayId)!;
    if (gateway.type === 'INCLUSIVE_GATEWAY' && join(ctx, flowScope, gateway)) return;
  }
  if (ctx.state.childrenOf(flowScope.key).length > 0) return;
  if (flowScope.joins && Object.values(flowScope.joins).some((flows) => flows.length > 0)) return;
  ctx.complete(flowScope);
}

export function takeFlow(ctx: ExecutionContext, flowScope: ElementInstanceRow, flow: SequenceFlow, eventVariables?: Record<string, unknown>): void {
  if (flowScope.state !== 'ACTIVATED' || !ctx.state.elementInstances.get(flowScope.key)) return;
  const model = ctx.model(flowScope);
  ctx.state.appendRecord('PROCESS_INSTANCE', 'SEQUENCE_FLOW_TAKEN', ctx.state.newKey(), {
    ...recordValue(flowScope),
    elementId: flow.id,
    flowScopeKey: flowScope.key,
    bpmnElementType: 'SEQUENCE_FLOW',
    bpmnEventType: 'UNSPECIFIED',
  }, ctx.now());
  const target = model.elements.get(flow.targetId)!;
  if ((target.type === 'PARALLEL_GATEWAY' || target.type === 'INCLUSIVE_GATEWAY') && target.incoming.length > 1) {
    const joins = (flowScope.joins ??= {});
    (joins[target.id] ??= []).push(flow.id);
    ctx.state.elementInstances.put(flowScope);
    join(ctx, flowScope, target);
    return;
  }
  ctx.activate(flowScope, target, eventVariables);
}

/**
 * Activates a joining gateway when it may: a parallel gateway once every incoming flow was
 * taken; an inclusive gateway once no token left in its scope can still reach it by a flow
 * not yet taken (Zeebe's rule). Consumes one token of each flow it joins.
 */
function join(ctx: ExecutionContext, flowScope: ElementInstanceRow, gateway: FlowElement): boolean {
  const taken = flowScope.joins?.[gateway.id] ?? [];
  if (taken.length === 0) return false;
  const ready =
    gateway.type === 'PARALLEL_GATEWAY' ? gateway.incoming.every((incoming) => taken.includes(incoming.id)) : !canStillReach(ctx, flowScope, gateway, new Set(taken));
  if (!ready) return false;
  for (const id of new Set(taken)) taken.splice(taken.indexOf(id), 1);
  if (taken.length === 0) delete flowScope.joins![gateway.id];
  ctx.state.elementInstances.put(flowScope);
  ctx.activate(flowScope, gateway);
  return true;
}

/** Whether an active element of the scope has a path to the gateway that avoids the flows already taken into it. */
function canStillReach(ctx: ExecutionContext, flowScope: ElementInstanceRow, gateway: FlowElement, takenFlowIds: ReadonlySet<string>): boolean {
  const model = ctx.model(flowScope);
  const queue = ctx.state.childrenOf(flowScope.key).filter((child) => child.elementId !== gateway.id).map((child) => model.elements.get(child.elementId)!);
  const visited = new Set<string>();
  for (let current = queue.shift(); current; current = queue.shift()) {
    if (current.id === gateway.id) return true;
    if (visited.has(current.id)) continue;
    visited.add(current.id);
    for (const flow of current.outgoing) if (!takenFlowIds.has(flow.id)) queue.push(model.elements.get(flow.targetId)!);
    for (const id of current.boundaryEventIds) queue.push(model.elements.get(id)!);
    if (current.type === 'INTERMEDIATE_THROW_EVENT' && current.link) {
      const target = [...model.elements.values()].find((candidate) => candidate.scopeId === current.scopeId && candidate.type === 'INTERMEDIATE_CATCH_EVENT' && candidate.link === current.link);
      if (target) queue.push(target);
    }
  }
  return false;
}

