import { evaluateDecision, type DecisionRequirements, type EvaluatedDecision } from '../dmn/index.js';
import { DEFAULT_TENANT, type DecisionRow } from '../state/rows.js';
import type { EngineState } from '../state/state.js';

/** A decision evaluation, shaped as the gateway's EvaluateDecisionResponse. */
export interface DecisionEvaluation {
  decisionKey: string;
  decisionId: string;
  decisionName: string;
  decisionVersion: number;
  decisionRequirementsId: string;
  decisionRequirementsKey: string;
  decisionOutput: string;
  evaluatedDecisions: (EvaluatedDecision & { decisionKey: string; decisionVersion: number; tenantId: string })[];
  failedDecisionId: string;
  failureMessage: string;
  tenantId: string;
  decisionInstanceKey: string;
}

/** The element a decision was evaluated for, when a business rule task called it. */
export interface DecisionCaller {
  processDefinitionKey: string;
  bpmnProcessId: string;
  processInstanceKey: string;
  elementInstanceKey: string;
  elementId: string;
}

/** The latest version of a decision, or the one deployed with the given deployment. */
export function findDecision(state: EngineState, decisionId: string, deploymentKey?: string): DecisionRow | undefined {
  const versions = state.decisionVersions(decisionId);
  if (deploymentKey === undefined) return versions[versions.length - 1];
  return versions.find((version) => version.deploymentKey === deploymentKey);
}

/**
 * Evaluates a deployed decision with the given variables and writes Zeebe's
 * DECISION_EVALUATION record (EVALUATED or FAILED). A failure is part of the answer, not
 * an exception, as in Zeebe's response.
 */
export function evaluateDeployedDecision(
  state: EngineState,
  drgs: (decisionRequirementsKey: string) => DecisionRequirements | undefined,
  decision: DecisionRow,
  variables: Record<string, unknown>,
  now: number,
  caller?: DecisionCaller,
): DecisionEvaluation {
  const drg = state.decisionRequirements.get(decision.decisionRequirementsKey)!;
  const result = evaluateDecision(drgs(drg.key)!, decision.decisionId, variables, { now: new Date(now) });
  const key = state.newKey();
  // Required decisions come from the same graph as the evaluated one.
  const inThisDrg = (decisionId: string) => state.decisionVersions(decisionId).find((candidate) => candidate.decisionRequirementsKey === drg.key);
  const evaluation: DecisionEvaluation = {
    decisionKey: decision.key,
    decisionId: decision.decisionId,
    decisionName: decision.name,
    decisionVersion: decision.version,
    decisionRequirementsId: drg.decisionRequirementsId,
    decisionRequirementsKey: drg.key,
    decisionOutput: result.decisionOutput,
    evaluatedDecisions: result.evaluatedDecisions.map((evaluated) => {
      const row = inThisDrg(evaluated.decisionId);
      return { ...evaluated, decisionKey: row?.key ?? '-1', decisionVersion: row?.version ?? 0, tenantId: DEFAULT_TENANT };
    }),
    failedDecisionId: result.failedDecisionId,
    failureMessage: result.failureMessage,
    tenantId: DEFAULT_TENANT,
    decisionInstanceKey: key,
  };
  state.appendRecord(
    'DECISION_EVALUATION',
    result.failedDecisionId ? 'FAILED' : 'EVALUATED',
    key,
    {
      ...evaluation,
      variables: JSON.stringify(variables),
      processDefinitionKey: caller?.processDefinitionKey ?? '-1',
      bpmnProcessId: caller?.bpmnProcessId ?? '',
      processInstanceKey: caller?.processInstanceKey ?? '-1',
      elementInstanceKey: caller?.elementInstanceKey ?? '-1',
      elementId: caller?.elementId ?? '',
    },
    now,
  );
  return evaluation;
}
