import { DomainError, DomainErrorCode, type FieldViolation } from '@app/domain';
import { territoryProblem, territoryText, type Role, type Territory } from './access.js';

/** A login of a local account, which is also its id. */
export const LOGIN_PATTERN = /^[a-z0-9._-]{2,64}$/;
export const MIN_PASSWORD_LENGTH = 8;

/** What an administrator may see and change of an account. */
export interface AccountState {
  id: string;
  source: 'local' | 'oidc';
  displayName: string;
  email: string | null;
  role: Role;
  territory: Territory;
  disabled: boolean;
}

/** The fields an administrator changes; absent ones stay as they are. */
export interface AccountPatch {
  role?: Role;
  territory?: Territory;
  displayName?: string;
  email?: string | null;
  disabled?: boolean;
}

export type AccountAction = 'user.role-changed' | 'user.disabled' | 'user.enabled' | 'user.updated';

/** One entry of the audit log a change writes. */
export interface AccountAct {
  action: AccountAction;
  data: Record<string, unknown>;
}

export interface AccountChange {
  after: AccountState;
  /** Empty when the patch changes nothing. */
  acts: AccountAct[];
  /** Role, territory or `disabled` changed: the account's tokens and sign-ins end. */
  authorizationChanged: boolean;
}

/** Why the role cannot have this territory, as a field error (HTTP 422), or null. */
export function territoryViolation(role: Role, territory: Territory): FieldViolation | null {
  const problem = territoryProblem(role, territory);
  return problem ? { field: 'territory', code: 'TERRITORY_NOT_FOR_ROLE', message: problem } : null;
}

/**
 * What an administrator's patch does to an account, or why it may not: an OIDC account takes
 * role, territory, name and e-mail from its identity provider (only disabling is ours); the
 * territory must fit the role; and an administrator neither disables themselves nor gives up
 * their own role, so that the region always keeps one.
 */
export function planAccountChange(actorId: string, before: AccountState, patch: AccountPatch): AccountChange {
  if (Object.values(patch).every((value) => value === undefined)) {
    throw new DomainError(DomainErrorCode.ValidationFailed, 'The request is not valid', [
      { field: 'body', code: 'NOTHING_TO_CHANGE', message: 'Name at least one of role, territory, displayName, email or disabled' },
    ]);
  }
  const after: AccountState = {
    ...before,
    role: patch.role ?? before.role,
    territory: patch.territory ?? before.territory,
    displayName: patch.displayName ?? before.displayName,
    email: patch.email === undefined ? before.email : patch.email,
    disabled: patch.disabled ?? before.disabled,
  };
  const roleChanged = after.role !== before.role || territoryText(after.territory) !== territoryText(before.territory);
  const profileFields = (['displayName', 'email'] as const).filter((field) => after[field] !== before[field]);

  if (before.source === 'oidc' && (roleChanged || profileFields.length > 0)) {
    const fields = [...(roleChanged ? ['role', 'territory'] : []), ...profileFields];
    throw new DomainError(
      DomainErrorCode.AccountFromIdentityProvider,
      `The account ${before.id} takes its role, territory, name and e-mail from the identity provider; change them there (it can only be disabled here)`,
      fields.map((field) => ({ field, code: 'SET_BY_IDENTITY_PROVIDER', message: `${field} of an OIDC account comes from its token's claims` })),
    );
  }
  const violations: FieldViolation[] = [];
  const territory = roleChanged ? territoryViolation(after.role, after.territory) : null;
  if (territory) violations.push(territory);
  if (actorId === before.id && after.disabled) {
    violations.push({ field: 'disabled', code: 'CANNOT_DISABLE_SELF', message: 'An administrator cannot disable their own account' });
  }
  if (actorId === before.id && before.role === 'administrator' && after.role !== 'administrator') {
    violations.push({ field: 'role', code: 'CANNOT_LEAVE_ADMINISTRATOR_ROLE', message: 'An administrator cannot take away their own administrator role' });
  }
  if (violations.length > 0) throw new DomainError(DomainErrorCode.RuleViolated, 'The account cannot be changed so', violations);

  const acts: AccountAct[] = [];
  if (roleChanged) {
    acts.push({
      action: 'user.role-changed',
      data: { before: { role: before.role, territory: territoryText(before.territory) }, after: { role: after.role, territory: territoryText(after.territory) } },
    });
  }
  if (after.disabled !== before.disabled) acts.push({ action: after.disabled ? 'user.disabled' : 'user.enabled', data: {} });
  if (profileFields.length > 0) {
    acts.push({
      action: 'user.updated',
      data: {
        before: Object.fromEntries(profileFields.map((field) => [field, before[field]])),
        after: Object.fromEntries(profileFields.map((field) => [field, after[field]])),
      },
    });
  }
  return { after, acts, authorizationChanged: roleChanged || after.disabled !== before.disabled };
}

/** The district team a user belongs to (read by district-review.load-team): district members and chairs of their district while active. */
export function districtTeamPlaceOf(account: Pick<AccountState, 'role' | 'territory' | 'disabled'>): { districtId: string; role: 'member' | 'chair' } | null {
  if (account.disabled || account.territory.kind !== 'district') return null;
  if (account.role === 'district_member') return { districtId: account.territory.id, role: 'member' };
  if (account.role === 'district_chair') return { districtId: account.territory.id, role: 'chair' };
  return null;
}
