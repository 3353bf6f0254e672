import type { IntentionStatus } from '../intention/status.js';

/**
 * What a notification says; the texts live with the inbox. The first three come from the
 * models (`notification.send`); `intention-status-changed` tells the provider of a decision.
 */
export const NOTIFICATION_TEMPLATES = ['declaration-reminder', 'declaration-escalated', 'returned-to-orp', 'intention-status-changed'] as const;
export type NotificationTemplate = (typeof NOTIFICATION_TEMPLATES)[number];

/** Statuses that record someone's decision about the intention, which its provider is told of. */
const DECISION_STATUSES: ReadonlySet<IntentionStatus> = new Set([
  'need_declared',
  'need_refused',
  'recommended_by_district',
  'not_recommended_by_district',
  'recommended_by_council',
  'not_recommended_by_council',
  'approved_by_assembly',
  'rejected_by_assembly',
  'included_in_action_plan',
  'withdrawn',
]);

export function isDecisionStatus(status: IntentionStatus): boolean {
  return DECISION_STATUSES.has(status);
}

/** A candidate group names a role and a territory or organisation, e.g. `orp:zidlochovice`, `region:jmk:social-dept`. */
export function isCandidateGroup(value: unknown): value is string {
  return typeof value === 'string' && /^[a-z-]+:[a-z0-9:-]+$/.test(value);
}

/** The group of the users of a provider organisation, identified by its IČO. */
export function providerGroup(providerIco: string): string {
  return `provider:${providerIco}`;
}
