import type { AuditActor } from '@app/audit';
import { isValidIco, JMK_DISTRICTS, JMK_ORPS, JMK_REGION } from '@app/domain';

/** The roles of the planning cycle; each user has one, with one territory. */
export const ROLES = [
  'provider',
  'orp_official',
  'orp_head',
  'district_member',
  'district_chair',
  'regional_officer',
  'council_secretary',
  'administrator',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export type TerritoryKind = 'provider' | 'orp' | 'district' | 'region';

/** Where a user acts: a provider organisation (by IČO), an ORP, a district or the region. */
export interface Territory {
  kind: TerritoryKind;
  id: string;
}

export const TERRITORY_KIND_OF_ROLE: Readonly<Record<Role, TerritoryKind>> = {
  provider: 'provider',
  orp_official: 'orp',
  orp_head: 'orp',
  district_member: 'district',
  district_chair: 'district',
  regional_officer: 'region',
  council_secretary: 'region',
  administrator: 'region',
  auditor: 'region',
};

/** The signed-in caller, as every use case sees it. */
export interface Principal {
  userId: string;
  displayName: string;
  role: Role;
  territory: Territory;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** `orp:zidlochovice`, `provider:70888337`, `region:jmk`. */
export function territoryText(territory: Territory): string {
  return `${territory.kind}:${territory.id}`;
}

/** A territory as text: `kind:id`. */
export const TERRITORY_PATTERN = /^(provider|orp|district|region):([a-z0-9-]+)$/;

/** The signed-in user as the audit log names who acted. */
export function auditActorOf(principal: Principal): AuditActor {
  return { actorId: principal.userId, actorRole: principal.role, actorTerritory: territoryText(principal.territory) };
}

export function parseTerritory(text: string): Territory | null {
  const match = TERRITORY_PATTERN.exec(text);
  return match ? { kind: match[1] as TerritoryKind, id: match[2] } : null;
}

/** Why a role cannot have this territory, or null when it can. */
export function territoryProblem(role: Role, territory: Territory): string | null {
  const expected = TERRITORY_KIND_OF_ROLE[role];
  if (territory.kind !== expected) return `the role ${role} belongs to a territory of kind '${expected}', not '${territory.kind}'`;
  const known =
    (territory.kind === 'provider' && isValidIco(territory.id)) ||
    (territory.kind === 'orp' && JMK_ORPS.some((orp) => orp.id === territory.id)) ||
    (territory.kind === 'district' && JMK_DISTRICTS.some((district) => district.id === territory.id)) ||
    (territory.kind === 'region' && territory.id === JMK_REGION.id);
  return known ? null : `'${territoryText(territory)}' is not a known ${territory.kind === 'provider' ? 'IČO' : territory.kind}`;
}

/** The candidate groups of the models (docs/PROCESSES.md) a user belongs to by role and territory. */
export function candidateGroupsOf(principal: Pick<Principal, 'role' | 'territory'>): string[] {
  const { id } = principal.territory;
  switch (principal.role) {
    case 'provider':
      return [`provider:${id}`];
    case 'orp_official':
      return [`orp:${id}`];
    // The head takes the escalations and oversees the officials' work.
    case 'orp_head':
      return [`orp-head:${id}`, `orp:${id}`];
    case 'district_member':
      return [`district:${id}`];
    // The chair decides, and reassigns within the team.
    case 'district_chair':
      return [`district-chair:${id}`, `district:${id}`];
    case 'regional_officer':
      return [`region:${id}:social-dept`];
    case 'council_secretary':
      return [`region:${id}:council-secretary`];
    // Administrators assign but take no tasks; auditors only read the audit log.
    case 'administrator':
    case 'auditor':
      return [];
  }
}

/** Who belongs to a candidate group: the inverse of `candidateGroupsOf`; null for a group no role has. */
export function groupMembers(group: string): { roles: Role[]; territory: Territory } | null {
  const match = /^(provider|orp|orp-head|district|district-chair):([a-z0-9-]+)$/.exec(group) ?? /^(region):([a-z0-9-]+):(social-dept|council-secretary)$/.exec(group);
  if (!match) return null;
  const [, prefix, id, department] = match;
  switch (prefix) {
    case 'provider':
      return { roles: ['provider'], territory: { kind: 'provider', id } };
    case 'orp':
      return { roles: ['orp_official', 'orp_head'], territory: { kind: 'orp', id } };
    case 'orp-head':
      return { roles: ['orp_head'], territory: { kind: 'orp', id } };
    case 'district':
      return { roles: ['district_member', 'district_chair'], territory: { kind: 'district', id } };
    case 'district-chair':
      return { roles: ['district_chair'], territory: { kind: 'district', id } };
    default:
      return { roles: [department === 'social-dept' ? 'regional_officer' : 'council_secretary'], territory: { kind: 'region', id } };
  }
}

/** Access key of everything administrators see. */
export const EVERYTHING = '*';

/** The keys under which a user finds tasks and events: their groups (`g:`) and themselves (`u:`). */
export function accessKeysOf(principal: Principal): string[] {
  const keys = [...candidateGroupsOf(principal).map(groupKey), userKey(principal.userId)];
  return principal.role === 'administrator' ? [EVERYTHING, ...keys] : keys;
}

export function groupKey(group: string): string {
  return `g:${group}`;
}

export function userKey(userId: string): string {
  return `u:${userId}`;
}

/** The task's groups a chair or a head manages (their team's), or every group for an administrator. */
export function managesGroups(principal: Principal, groups: readonly string[]): boolean {
  const { id } = principal.territory;
  if (principal.role === 'administrator') return true;
  if (principal.role === 'district_chair') return groups.some((group) => group === `district:${id}` || group === `district-chair:${id}`);
  if (principal.role === 'orp_head') return groups.some((group) => group === `orp:${id}` || group === `orp-head:${id}`);
  return false;
}

/** Who opens the Action Plan of a year: the social department, and administrators for support. */
export const ACTION_PLAN_OPENERS: readonly Role[] = ['regional_officer', 'administrator'];

/** Who reads the Action Plans: every official and the administrator; not providers, since a plan lists other providers' intentions. */
export const ACTION_PLAN_READERS: readonly Role[] = ROLES.filter((role) => role !== 'provider');
