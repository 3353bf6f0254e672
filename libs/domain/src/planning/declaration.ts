import type { IntentionKind } from '../intention/intention.js';
import { isPledgeSufficient, requiredCofinancing } from './cofinancing.js';

export const NEED_DECISIONS = ['declared', 'refused'] as const;
export type NeedDecisionValue = (typeof NEED_DECISIONS)[number];

export interface PledgeCheck {
  kind: IntentionKind;
  decision: NeedDecisionValue;
  /** The decision table's share of the yearly costs, 0–1. */
  rate: number;
  yearlyCosts: number;
  /** Whole CZK the municipalities pledge; only a declared new service has one. */
  pledged: number | null;
}

export type PledgeOutcome =
  | { accepted: true; requiredCofinancing: number | null }
  | { accepted: false; requiredCofinancing: number; rejection: string };

const czk = (amount: number) => `${new Intl.NumberFormat('cs-CZ').format(amount)} Kč`;

/**
 * Only a declared new service needs co-financing; a pledge below the required share is
 * refused with a Czech text for the ORP officials, who declare again.
 */
export function checkPledge(check: PledgeCheck): PledgeOutcome {
  if (check.decision !== 'declared' || check.kind !== 'new_service') return { accepted: true, requiredCofinancing: null };
  const required = requiredCofinancing(check.rate, check.yearlyCosts);
  if (check.pledged !== null && isPledgeSufficient(check.pledged, required)) return { accepted: true, requiredCofinancing: required };
  const share = `${new Intl.NumberFormat('cs-CZ', { maximumFractionDigits: 2 }).format(check.rate * 100)} %`;
  const rejection =
    check.pledged === null
      ? `Nová služba vyžaduje závazek spolufinancování obcí ve výši alespoň ${share} ročních nákladů, tj. ${czk(required)}.`
      : `Závazek spolufinancování ${czk(check.pledged)} je nižší než požadovaný podíl ${share} ročních nákladů, tj. ${czk(required)}.`;
  return { accepted: false, requiredCofinancing: required, rejection };
}
