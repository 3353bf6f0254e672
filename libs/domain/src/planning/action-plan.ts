/** An intention the Assembly approved, as the Action Plan draft sees it. */
export interface PlanCandidate {
  intentionId: string;
  requestedSubsidy: number;
  districtScore: number | null;
  /** Date of the Assembly's resolution (YYYY-MM-DD); earlier wins a tie. */
  approvedOn: string;
  submittedAt: Date;
}

export interface PlanDraft {
  included: PlanCandidate[];
  reserve: PlanCandidate[];
  /** Requested subsidies of the included intentions, CZK. */
  total: number;
}

/**
 * Orders by the district team's score (best first, unscored last), then by the earlier
 * Assembly decision and submission; takes each intention whose subsidy still fits under the
 * ceiling (first fit), so a cheaper one further down may still enter. Excluded ones and
 * all of them when there is no ceiling go to the reserve list.
 */
export function draftActionPlan(candidates: readonly PlanCandidate[], budgetCeiling: number | null, excluded: ReadonlySet<string> = new Set()): PlanDraft {
  const ordered = [...candidates].sort(
    (a, b) =>
      (b.districtScore ?? -1) - (a.districtScore ?? -1) ||
      a.approvedOn.localeCompare(b.approvedOn) ||
      a.submittedAt.getTime() - b.submittedAt.getTime() ||
      Number(BigInt(a.intentionId) - BigInt(b.intentionId)),
  );
  const draft: PlanDraft = { included: [], reserve: [], total: 0 };
  for (const candidate of ordered) {
    const fits = budgetCeiling !== null && draft.total + candidate.requestedSubsidy <= budgetCeiling;
    if (fits && !excluded.has(candidate.intentionId)) {
      draft.included.push(candidate);
      draft.total += candidate.requestedSubsidy;
    } else {
      draft.reserve.push(candidate);
    }
  }
  return draft;
}
