import type { FieldViolation } from '../errors.js';
import { isFinalStatus, type IntentionStatus } from '../intention/status.js';

/** An intention of the same provider, service type, ORP and plan year. */
export interface SiblingIntention {
  id: string;
  status: IntentionStatus;
}

export const DUPLICATE = 'DUPLICATE';

/**
 * Another intention with the same provider, service type, ORP and plan year duplicates this
 * one while it is still on its way through the cycle. A draft is not yet on its way (a
 * provider may keep drafts and has no way to delete them), and a final one has ended.
 */
export function duplicateViolations(intentionId: string, siblings: readonly SiblingIntention[]): FieldViolation[] {
  return siblings
    .filter((other) => other.id !== intentionId && other.status !== 'draft' && !isFinalStatus(other.status))
    .map((other) => ({
      field: 'intention',
      code: DUPLICATE,
      message: `Intention ${other.id} of the same provider, service type, ORP and plan year is still open (status '${other.status}')`,
    }));
}
