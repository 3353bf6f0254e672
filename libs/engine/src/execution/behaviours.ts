import type { ElementInstanceRow, ProcessDefinitionRow } from '../state/rows.js';
import type { ElementBehaviour, ExecutionContext } from './context.js';
import { evaluate, IncidentError } from './expressions.js';
import { eventBasedGateway, exclusiveGateway, inclusiveGateway } from './gateways.js';
import { jobTask } from './jobs.js';
import { multiInstanceBody } from './multi-instance.js';
import { businessRuleTask, scriptTask } from './tasks.js';
import { throwEvent } from './throw-events.js';

/** Elements that do their work in no time: start and boundary events, manual and undefined tasks, a forking parallel gateway. */
const passThrough: ElementBehaviour = {
  activating(executor, instance) {
    executor.activated(instance);
    executor.complete(instance);
  },
};

/**
 * Processes, embedded and event sub-processes: open the subscriptions of the event
 * sub-processes inside, then run the start event (the one an event started them by, with
 * its variables, else the none start event); end when nothing is left inside.
 */
const scope: ElementBehaviour = {
  activating(executor, instance, element) {
    executor.openEventSubProcesses(instance, element);
    const trigger = instance.startTrigger;
    executor.activated(instance);
    const start = executor.model(instance).elements.get(trigger?.elementId ?? element.startEventId!)!;
    executor.activate(instance, start, trigger?.variables);
  },
};

/**
 * Intermediate catch events and receive tasks wait for their message, timer or signal. One
 * activated with its event's variables (after an event-based gateway) has already caught
 * it; a link catch event is reached by its throw event and passes on.
 */
const catchEvent: ElementBehaviour = {
  activating(executor, instance, element) {
    if (instance.eventVariables !== undefined || element.eventType === 'LINK') {
      executor.activated(instance);
      executor.complete(instance);
      return;
    }
    executor.subscribe(instance, element);
    executor.activated(instance);
  },
};

/** Call activity: runs the called process (its latest version, or the one deployed with the caller) and waits for it. */
const callActivity: ElementBehaviour = {
  activating(executor, instance, element) {
    const called = element.calledElement!;
    const processId = String(evaluate(called.processId, executor.variables.visible(instance.key), executor.now(), 'STRING', 'CALLED_ELEMENT_ERROR'));
    const versions = executor.state.definitionVersions(processId);
    let definition: ProcessDefinitionRow | undefined = versions[versions.length - 1];
    if (called.bindingType === 'deployment') {
      const deploymentKey = executor.state.processDefinitions.get(instance.processDefinitionKey)!.deploymentKey;
      definition = versions.find((version) => version.deploymentKey === deploymentKey);
      if (!definition) {
        throw new IncidentError(
          'CALLED_ELEMENT_ERROR',
          `Expected to call process with BPMN process id '${processId}' with binding type 'deployment', but no such process found in the deployment with key ${deploymentKey} which contained the current process. To resolve this incident, migrate the process instance to a process definition that is deployed together with the intended process to call.`,
        );
      }
    }
    if (!definition) {
      throw new IncidentError('CALLED_ELEMENT_ERROR', `Expected process with BPMN process id '${processId}' to be deployed, but not found.`);
    }
    const calledModel = executor.models.process(definition.key);
    if (!calledModel.elements.get(processId)?.startEventId) {
      throw new IncidentError('CALLED_ELEMENT_ERROR', `Expected process with BPMN process id '${processId}' to have a none start event, but not found.`);
    }
    const variables = called.propagateAllParentVariables ? executor.variables.visible(instance.key) : executor.variables.local(instance.key);
    executor.activated(instance);
    const child = executor.createProcessInstance(definition, variables, {
      parent: { processInstanceKey: instance.processInstanceKey, elementInstanceKey: instance.key, propagateNoVariables: !called.propagateAllChildVariables },
    });
    if (executor.state.elementInstances.get(instance.key)) {
      instance.calledInstanceKey = child.key;
      executor.state.elementInstances.put(instance);
    }
  },
  terminating(executor, instance) {
    const child = instance.calledInstanceKey ? executor.state.elementInstances.get(instance.calledInstanceKey) : undefined;
    if (child) executor.terminate(child);
  },
};

/** Registers the BPMN elements of this engine; new element kinds register their own behaviour the same way. */
export function registerBehaviours(executor: ExecutionContext): void {
  executor.register(['START_EVENT', 'MANUAL_TASK', 'TASK', 'PARALLEL_GATEWAY', 'BOUNDARY_EVENT'], passThrough);
  executor.register(['PROCESS', 'SUB_PROCESS', 'EVENT_SUB_PROCESS'], scope);
  executor.register(['SERVICE_TASK', 'USER_TASK', 'SEND_TASK'], jobTask);
  executor.register('SCRIPT_TASK', scriptTask);
  executor.register('BUSINESS_RULE_TASK', businessRuleTask);
  executor.register(['INTERMEDIATE_CATCH_EVENT', 'RECEIVE_TASK'], catchEvent);
  executor.register('EXCLUSIVE_GATEWAY', exclusiveGateway);
  executor.register('INCLUSIVE_GATEWAY', inclusiveGateway);
  executor.register('EVENT_BASED_GATEWAY', eventBasedGateway);
  executor.register(['END_EVENT', 'INTERMEDIATE_THROW_EVENT'], throwEvent);
  executor.register('CALL_ACTIVITY', callActivity);
  executor.register('MULTI_INSTANCE_BODY', multiInstanceBody);
}
