import type { FlowElement } from '../bpmn/model.js';
import type { ElementInstanceRow } from '../state/rows.js';
import type { ElementBehaviour, ExecutionContext } from './context.js';
import { evaluate, IncidentError } from './expressions.js';

/**
 * The body of a multi-instance activity (Zeebe's MULTI_INSTANCE_BODY, same element id as
 * the activity): one instance of the activity per item of the input collection, all at
 * once (parallel) or one after another (sequential). Each instance has its item in the
 * input element variable and its position in `loopCounter` (from 1); the output element of
 * each is collected at its position in the output collection, so the output follows the
 * input order. An empty collection completes the body at once; once the completion
 * condition holds, the remaining instances are terminated and the body completes.
 */
export const multiInstanceBody: ElementBehaviour = {
  activating(executor, body, element) {
    const loop = element.multiInstance!;
    const items = inputCollection(executor, body, element);
    body.loop = { created: 0, completed: 0, terminated: 0 };
    executor.activated(body);
    if (loop.outputCollection) executor.variables.setLocal(body.key, { [loop.outputCollection]: items.map(() => null) });
    if (items.length === 0) {
      executor.complete(body);
      return;
    }
    if (loop.sequential) {
      const first = createInstance(executor, body, element, items[0]);
      if (first) executor.continueActivation(first);
      return;
    }
    // All instances exist before any runs, as in Zeebe, so a completion condition sees them all.
    const instances = items.map((item) => createInstance(executor, body, element, item));
    for (const instance of instances) if (instance) executor.continueActivation(instance);
  },

  applyOutputs(executor, body, element) {
    const name = element.multiInstance!.outputCollection;
    if (name) executor.variables.propagate(body.flowScopeKey, { [name]: executor.variables.local(body.key)[name] });
  },

  childCompleting(executor, body, child) {
    const element = executor.element(body);
    const loop = element.multiInstance!;
    const now = executor.now();
    if (loop.outputCollection) {
      const value = evaluate(loop.outputElement!, executor.variables.visible(child.key), now, 'ANY');
      const collection = [...((executor.variables.local(body.key)[loop.outputCollection] as unknown[] | undefined) ?? [])];
      collection[child.loopCounter! - 1] = value;
      executor.variables.setLocal(body.key, { [loop.outputCollection]: collection });
    }
    const progress = body.loop!;
    if (loop.completionCondition) {
      const active = executor.state.childrenOf(body.key).length;
      // Zeebe counts the completing instance as completed and no longer active.
      const context = {
        ...executor.variables.visible(child.key),
        numberOfInstances: progress.created,
        numberOfActiveInstances: active - 1,
        numberOfCompletedInstances: progress.completed + 1,
        numberOfTerminatedInstances: progress.terminated,
      };
      if (evaluate(loop.completionCondition, context, now, 'BOOLEAN') === true) progress.conditionMet = true;
    }
    progress.completed++;
    executor.state.elementInstances.put(body);
  },

  childFinished(executor, body) {
    const element = executor.element(body);
    const progress = body.loop!;
    if (progress.conditionMet) {
      for (const child of executor.state.childrenOf(body.key)) {
        executor.terminate(child);
        progress.terminated++;
      }
      executor.state.elementInstances.put(body);
    } else if (element.multiInstance!.sequential && executor.state.childrenOf(body.key).length === 0) {
      let items: unknown[];
      try {
        // Zeebe reads the input collection again for each next instance.
        items = inputCollection(executor, body, element);
      } catch (error) {
        if (!(error instanceof IncidentError)) throw error;
        executor.raiseIncident(body, error.errorType, error.message, 'ACTIVATE');
        return;
      }
      if (progress.created < items.length) {
        const next = createInstance(executor, body, element, items[progress.created]);
        if (next) executor.continueActivation(next);
        return;
      }
    }
    if (executor.state.childrenOf(body.key).length === 0) executor.complete(body);
  },
};

function inputCollection(executor: ExecutionContext, body: ElementInstanceRow, element: FlowElement): unknown[] {
  return evaluate(element.multiInstance!.inputCollection, executor.variables.visible(body.key), executor.now(), 'ARRAY') as unknown[];
}

/**
 * Creates the next instance with its local variables in Zeebe's order: the input element,
 * the output element's variable set to null (so that the instance writes it locally rather
 * than in an outer scope), then `loopCounter`.
 */
function createInstance(executor: ExecutionContext, body: ElementInstanceRow, element: FlowElement, item: unknown): ElementInstanceRow | undefined {
  const loop = element.multiInstance!;
  const loopCounter = ++body.loop!.created;
  executor.state.elementInstances.put(body);
  const local: Record<string, unknown> = {};
  if (loop.inputElement) local[loop.inputElement] = item;
  const outputVariable = loop.outputElement ? /^=\s*([A-Za-z_][\w]*)(?:\.[A-Za-z_][\w]*)*\s*$/.exec(loop.outputElement)?.[1] : undefined;
  if (outputVariable && outputVariable !== loop.inputElement && outputVariable !== 'loopCounter') local[outputVariable] = null;
  local.loopCounter = loopCounter;
  return executor.prepareChild(body, element, local, { loopCounter });
}
