import type { ElementBehaviour } from './context.js';
import { evaluate, IncidentError } from './expressions.js';
import { jobTask } from './jobs.js';

/**
 * End events and intermediate throw events, by their event definition: none and terminate
 * pass; error throws (an incident when nothing catches it); escalation throws and goes on
 * unless an interrupting catch event took over; signal broadcasts the element's local
 * variables; message is a job, as in Zeebe; link jumps to the catch event of its name.
 */
export const throwEvent: ElementBehaviour = {
  activating(executor, instance, element) {
    switch (element.eventType) {
      case 'MESSAGE':
        jobTask.activating(executor, instance, element);
        return;
      case 'ERROR': {
        // An error end event throws while activating, so resolving its incident throws again.
        const caught = executor.throwError(instance, element.error!.errorCode!, {});
        if (!caught) {
          throw new IncidentError(
            'UNHANDLED_ERROR_EVENT',
            `Expected to throw an error event with the code '${element.error!.errorCode}', but it was not caught. No error events are available in the scope.`,
          );
        }
        return;
      }
      case 'SIGNAL': {
        const name = String(evaluate(element.signal!.name, executor.variables.visible(instance.key), executor.now(), 'STRING'));
        executor.activated(instance);
        executor.broadcastSignal(name, executor.variables.local(instance.key));
        executor.complete(instance);
        return;
      }
      case 'ESCALATION':
        executor.activated(instance);
        if (executor.throwEscalation(instance, element.escalation!.escalationCode!)) executor.complete(instance);
        return;
      default:
        executor.activated(instance);
        executor.complete(instance);
    }
  },
  completed(executor, instance, element) {
    const flowScope = executor.state.elementInstances.get(instance.flowScopeKey);
    if (!flowScope) return;
    if (element.eventType === 'TERMINATE') {
      for (const sibling of executor.state.childrenOf(flowScope.key)) executor.terminate(sibling);
      if (flowScope.joins) {
        flowScope.joins = {};
        executor.state.elementInstances.put(flowScope);
      }
    }
    if (element.eventType === 'LINK') {
      const target = [...executor.model(instance).elements.values()].find(
        (candidate) => candidate.scopeId === element.scopeId && candidate.type === 'INTERMEDIATE_CATCH_EVENT' && candidate.link === element.link,
      );
      if (target) executor.activate(flowScope, target);
    }
  },
  terminating: (executor, instance, element) => jobTask.terminating!(executor, instance, element),
};
