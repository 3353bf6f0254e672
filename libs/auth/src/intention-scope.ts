import type { Principal, Territory } from './access.js';

/**
 * Which development intentions a caller sees and writes. One value serves both the check of a
 * single intention and the query of a list, so the two cannot disagree.
 */
export interface IntentionScope {
  /**
   * Whose intentions: a provider's own (territory `provider:<IČO>`), an ORP's, those of the
   * ORPs of a district, or the whole region's.
   */
  territory: Territory;
  /** Whether drafts are visible: a draft is the provider's unfinished work until it is submitted. */
  drafts: boolean;
  /** Whether the caller creates, changes, submits and withdraws them: the provider, for itself. */
  writes: boolean;
}

/** The intentions a user sees by role and territory; outside them an intention answers 404 as if it did not exist. */
export function intentionScopeOf(principal: Pick<Principal, 'role' | 'territory'>): IntentionScope {
  const { territory } = principal;
  switch (principal.role) {
    case 'provider':
      return { territory, drafts: true, writes: true };
    // Officials see their territory's intentions from submission on; the role fixes the territory's kind.
    case 'orp_official':
    case 'orp_head':
    case 'district_member':
    case 'district_chair':
    case 'regional_officer':
    case 'council_secretary':
      return { territory, drafts: false, writes: false };
    // Support and audit see everything, drafts included (the audit log names them), and act for nobody.
    case 'administrator':
    case 'auditor':
      return { territory, drafts: true, writes: false };
  }
}

/** Why a caller may not write an intention of this provider. */
export type IntentionWriteRefusal =
  /** The role does not write intentions at all. */
  | 'not-a-provider'
  /** A provider writing for another provider's IČO. */
  | 'another-provider';

/** Why the caller may not create, change, submit or withdraw an intention of `providerIco`; null when it is their own. */
export function intentionWriteRefusal(scope: IntentionScope, providerIco: string): IntentionWriteRefusal | null {
  if (!scope.writes) return 'not-a-provider';
  return scope.territory.kind === 'provider' && scope.territory.id === providerIco ? null : 'another-provider';
}
