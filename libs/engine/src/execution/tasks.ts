import { findDecision, evaluateDeployedDecision } from './decisions.js';
import type { ElementBehaviour } from './context.js';
import { evaluate, IncidentError } from './expressions.js';
import { jobTask } from './jobs.js';

/**
 * Script task: evaluates its FEEL expression and completes with the result in its result
 * variable (mapped or propagated like a job's variables). With a task definition instead,
 * a job worker runs the script, as Zeebe allows.
 */
export const scriptTask: ElementBehaviour = {
  activating(executor, instance, element) {
    if (element.job) {
      jobTask.activating(executor, instance, element);
      return;
    }
    const script = element.script!;
    const result = evaluate(script.expression, executor.variables.visible(instance.key), executor.now(), 'ANY');
    instance.eventVariables = { [script.resultVariable]: result };
    executor.activated(instance);
    executor.complete(instance);
  },
  terminating: (executor, instance, element) => jobTask.terminating!(executor, instance, element),
};

/**
 * Business rule task: evaluates the called decision (latest version, or the one deployed
 * with the process) with the variables the task sees, and completes with the decision's
 * output in its result variable. A missing decision or a failed evaluation is an incident
 * with Zeebe's reason. With a task definition instead, a job worker decides.
 */
export const businessRuleTask: ElementBehaviour = {
  activating(executor, instance, element) {
    if (element.job) {
      jobTask.activating(executor, instance, element);
      return;
    }
    const called = element.calledDecision!;
    const variables = executor.variables.visible(instance.key);
    const now = executor.now();
    const decisionId = String(evaluate(called.decisionId, variables, now, 'STRING', 'CALLED_DECISION_ERROR'));
    const deploymentKey = called.bindingType === 'deployment' ? executor.state.processDefinitions.get(instance.processDefinitionKey)!.deploymentKey : undefined;
    const decision = findDecision(executor.state, decisionId, deploymentKey);
    if (!decision) {
      throw new IncidentError(
        'CALLED_DECISION_ERROR',
        deploymentKey === undefined
          ? `Expected to evaluate decision '${decisionId}', but no decision found for id '${decisionId}'`
          : `Expected to evaluate decision with id '${decisionId}' with binding type 'deployment', but no such decision found in the deployment with key ${deploymentKey} which contained the current process. To resolve this incident, migrate the process instance to a process definition that is deployed together with the intended decision to evaluate.`,
      );
    }
    const evaluation = evaluateDeployedDecision(executor.state, (key) => executor.models.decisionRequirements(key), decision, variables, now, {
      processDefinitionKey: instance.processDefinitionKey,
      bpmnProcessId: instance.bpmnProcessId,
      processInstanceKey: instance.processInstanceKey,
      elementInstanceKey: instance.key,
      elementId: instance.elementId,
    });
    if (evaluation.failedDecisionId) throw new IncidentError('DECISION_EVALUATION_ERROR', evaluation.failureMessage);
    instance.eventVariables = { [called.resultVariable]: JSON.parse(evaluation.decisionOutput) };
    executor.activated(instance);
    executor.complete(instance);
  },
  terminating: (executor, instance, element) => jobTask.terminating!(executor, instance, element),
};
