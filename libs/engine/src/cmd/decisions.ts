import { evaluateDeployedDecision, findDecision as latestDecision, type DecisionEvaluation } from '../execution/decisions.js';
import { Rejection } from '../rejection.js';
import type { DecisionRow } from '../state/rows.js';
import type { EngineContext } from './context.js';

/** Evaluates the latest version of a decision (by id) or a given one (by key). A failed evaluation is an answer, not a rejection. */
export function evaluateDecision(engine: EngineContext, request: { decisionId: string; decisionKey: string; variables: Record<string, unknown> }): Promise<DecisionEvaluation> {
  return engine.run(() =>
    evaluateDeployedDecision(engine.state, (key) => engine.drgs.get(key), findDecision(engine, request), request.variables, engine.clock.now()),
  );
}

function findDecision(engine: EngineContext, request: { decisionId: string; decisionKey: string }): DecisionRow {
  if (request.decisionId) {
    const latest = latestDecision(engine.state, request.decisionId);
    if (!latest) {
      throw new Rejection('EVALUATE', 'NOT_FOUND', `Expected to evaluate decision '${request.decisionId}', but no decision found for id '${request.decisionId}'`);
    }
    return latest;
  }
  if (BigInt(request.decisionKey || '-1') > -1n) {
    const decision = engine.state.decisions.get(request.decisionKey);
    if (!decision || decision.deleted) {
      throw new Rejection('EVALUATE', 'NOT_FOUND', `Expected to evaluate decision '${request.decisionKey}', but no decision found for key '${request.decisionKey}'`);
    }
    return decision;
  }
  throw new Rejection('EVALUATE', 'INVALID_ARGUMENT', 'Expected either a decision id or a valid decision key, but none provided');
}

