import type { ResolutionBody } from './resolution.js';

/** What a resolution can decide about: one intention, or the Action Plan of a year. */
export const RESOLUTION_SUBJECTS = ['intention', 'action-plan'] as const;
export type ResolutionSubject = (typeof RESOLUTION_SUBJECTS)[number];

/** The decisions each body's form offers: the Council recommends, the Assembly approves. */
export const RESOLUTION_DECISIONS: Readonly<Record<ResolutionBody, readonly string[]>> = {
  council: ['recommends', 'does-not-recommend'],
  assembly: ['approved', 'rejected'],
};

export function isResolutionDecision(body: ResolutionBody, decision: unknown): decision is string {
  return typeof decision === 'string' && RESOLUTION_DECISIONS[body].includes(decision);
}
