import { DomainError, DomainErrorCode } from '../errors.js';

/** Where a development intention stands in the yearly planning cycle. */
export const INTENTION_STATUSES = [
  'draft',
  'submitted',
  'returned_for_completion',
  'need_declared',
  'need_refused',
  'in_district_review',
  'recommended_by_district',
  'not_recommended_by_district',
  'recommended_by_council',
  'not_recommended_by_council',
  'approved_by_assembly',
  'rejected_by_assembly',
  'included_in_action_plan',
  'in_reserve',
  'withdrawn',
] as const;
export type IntentionStatus = (typeof INTENTION_STATUSES)[number];

export const INTENTION_STATUS_LABELS: Readonly<Record<IntentionStatus, string>> = {
  draft: 'koncept',
  submitted: 'podán',
  returned_for_completion: 'vrácen k doplnění',
  need_declared: 'potřebnost deklarována ORP',
  need_refused: 'potřebnost ORP nedeklarována',
  in_district_review: 'posuzován okresním týmem',
  recommended_by_district: 'doporučen okresním týmem',
  not_recommended_by_district: 'nedoporučen okresním týmem',
  recommended_by_council: 'Rada kraje doporučuje ke schválení',
  not_recommended_by_council: 'Rada kraje nedoporučuje ke schválení',
  approved_by_assembly: 'schválen Zastupitelstvem kraje',
  rejected_by_assembly: 'zamítnut Zastupitelstvem kraje',
  included_in_action_plan: 'zařazen do akčního plánu',
  in_reserve: 'v zásobníku',
  withdrawn: 'vzat zpět',
};

/** Statuses from which the provider may still withdraw: everything before the Assembly decides. */
const WITHDRAWABLE: ReadonlySet<IntentionStatus> = new Set([
  'submitted',
  'returned_for_completion',
  'need_declared',
  'in_district_review',
  'recommended_by_district',
  'recommended_by_council',
  'not_recommended_by_council',
]);

const TRANSITIONS: Readonly<Record<IntentionStatus, readonly IntentionStatus[]>> = {
  draft: ['submitted'],
  submitted: ['returned_for_completion', 'need_declared', 'need_refused'],
  returned_for_completion: ['submitted'],
  need_declared: ['in_district_review'],
  need_refused: [],
  // A district chair may send the intention back to the ORP with a question.
  in_district_review: ['recommended_by_district', 'not_recommended_by_district', 'need_declared', 'need_refused'],
  recommended_by_district: ['recommended_by_council', 'not_recommended_by_council'],
  not_recommended_by_district: [],
  // The Assembly decides whatever the Council recommended.
  recommended_by_council: ['approved_by_assembly', 'rejected_by_assembly'],
  not_recommended_by_council: ['approved_by_assembly', 'rejected_by_assembly'],
  approved_by_assembly: ['included_in_action_plan', 'in_reserve'],
  rejected_by_assembly: [],
  included_in_action_plan: [],
  // The reserve list is carried into the next year's plan.
  in_reserve: ['included_in_action_plan'],
  withdrawn: [],
};

/** The provider writes a draft, and completes an intention the check returned to them. */
export function isEditableStatus(status: IntentionStatus): boolean {
  return status === 'draft' || status === 'returned_for_completion';
}

export function canTransition(from: IntentionStatus, to: IntentionStatus): boolean {
  if (to === 'withdrawn') return WITHDRAWABLE.has(from);
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: IntentionStatus, to: IntentionStatus): void {
  if (!canTransition(from, to)) {
    throw new DomainError(
      DomainErrorCode.TransitionNotAllowed,
      `An intention in status '${from}' cannot move to '${to}'`,
    );
  }
}

export function isFinalStatus(status: IntentionStatus): boolean {
  return status !== 'in_reserve' && TRANSITIONS[status].length === 0 && !WITHDRAWABLE.has(status);
}
