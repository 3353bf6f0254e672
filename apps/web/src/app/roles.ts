import type { Role } from '../api/session';

/** Roles that work tasks in the inbox (providers answer returns in it too). */
export function hasInbox(role: Role): boolean {
  return role !== 'auditor';
}

/** Who reads Action Plans (the API answers 404 to providers). */
export function readsActionPlans(role: Role): boolean {
  return role !== 'provider';
}

/** Who opens a year's Action Plan. */
export function opensActionPlans(role: Role): boolean {
  return role === 'regional_officer' || role === 'administrator';
}

/** Where a user lands after signing in. */
export function homeOf(role: Role): string {
  if (role === 'provider') return '/zamery';
  if (role === 'auditor') return '/sprava/audit';
  return '/ukoly';
}

/** Who administers processes, instances and accounts (`/sprava`); the API answers 404 to others. */
export function administers(role: Role): boolean {
  return role === 'administrator';
}

/** Who reads the audit log. */
export function readsAudit(role: Role): boolean {
  return role === 'administrator' || role === 'auditor';
}
