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
  if (role === 'provider' || role === 'auditor') return '/zamery';
  return '/ukoly';
}
