import { describe, expect, it } from '@jest/globals';
import { districtTeamPlaceOf, planAccountChange, type AccountState } from '@app/auth';
import { DomainError, DomainErrorCode } from '@app/domain';

const member: AccountState = {
  id: 'okres.clen',
  source: 'local',
  displayName: 'Lucie Procházková',
  email: 'lucie@brno-venkov.cz',
  role: 'district_member',
  territory: { kind: 'district', id: 'brno-venkov' },
  disabled: false,
};
const admin: AccountState = { ...member, id: 'admin', displayName: 'Správce', email: null, role: 'administrator', territory: { kind: 'region', id: 'jmk' } };

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the change was not refused');
}

describe('planAccountChange', () => {
  it('records a change of role with the role and territory before and after, and ends the sign-ins', () => {
    const change = planAccountChange('admin', member, { role: 'district_chair' });
    expect(change.after).toMatchObject({ role: 'district_chair', territory: { kind: 'district', id: 'brno-venkov' } });
    expect(change.acts).toEqual([
      { action: 'user.role-changed', data: { before: { role: 'district_member', territory: 'district:brno-venkov' }, after: { role: 'district_chair', territory: 'district:brno-venkov' } } },
    ]);
    expect(change.authorizationChanged).toBe(true);
  });

  it('takes a move to another territory of the same role for a change of role', () => {
    const change = planAccountChange('admin', member, { territory: { kind: 'district', id: 'znojmo' } });
    expect(change.acts.map((act) => act.action)).toEqual(['user.role-changed']);
  });

  it('records disabling, enabling and the other fields apart, only what really changes', () => {
    const change = planAccountChange('admin', member, { disabled: true, displayName: 'Lucie Nová', email: 'lucie@brno-venkov.cz' });
    expect(change.acts).toEqual([
      { action: 'user.disabled', data: {} },
      { action: 'user.updated', data: { before: { displayName: 'Lucie Procházková' }, after: { displayName: 'Lucie Nová' } } },
    ]);
    expect(change.authorizationChanged).toBe(true);
    expect(planAccountChange('admin', { ...member, disabled: true }, { disabled: false }).acts).toEqual([{ action: 'user.enabled', data: {} }]);
  });

  it('changes no authorization for a new name or a cleared e-mail', () => {
    const change = planAccountChange('admin', member, { email: null });
    expect(change.acts).toEqual([{ action: 'user.updated', data: { before: { email: 'lucie@brno-venkov.cz' }, after: { email: null } } }]);
    expect(change.authorizationChanged).toBe(false);
  });

  it('writes nothing for values the account has already', () => {
    expect(planAccountChange('admin', member, { role: 'district_member', disabled: false }).acts).toEqual([]);
  });

  it('refuses a patch that names nothing (400)', () => {
    expect(refusal(() => planAccountChange('admin', member, {}))).toMatchObject({ code: DomainErrorCode.ValidationFailed, violations: [{ code: 'NOTHING_TO_CHANGE' }] });
  });

  it('refuses a territory of another kind than the role needs, or an unknown one (422)', () => {
    expect(refusal(() => planAccountChange('admin', member, { role: 'orp_official' }))).toMatchObject({
      code: DomainErrorCode.RuleViolated,
      violations: [{ field: 'territory', code: 'TERRITORY_NOT_FOR_ROLE', message: expect.stringContaining("kind 'orp'") }],
    });
    expect(refusal(() => planAccountChange('admin', member, { territory: { kind: 'district', id: 'atlantida' } }))).toMatchObject({ violations: [{ code: 'TERRITORY_NOT_FOR_ROLE' }] });
  });

  it('lets an administrator neither disable themselves nor give up their own role, both reported at once', () => {
    const error = refusal(() => planAccountChange('admin', admin, { role: 'auditor', disabled: true }));
    expect(error.code).toBe(DomainErrorCode.RuleViolated);
    expect(error.violations.map((violation) => violation.code)).toEqual(['CANNOT_DISABLE_SELF', 'CANNOT_LEAVE_ADMINISTRATOR_ROLE']);
    // Another administrator may do both, and the administrator may rename themselves.
    expect(planAccountChange('admin2', admin, { role: 'auditor', disabled: true }).acts.map((act) => act.action)).toEqual(['user.role-changed', 'user.disabled']);
    expect(planAccountChange('admin', admin, { displayName: 'Hlavní správce' }).acts.map((act) => act.action)).toEqual(['user.updated']);
  });

  it('leaves role, territory, name and e-mail of an OIDC account to its identity provider, but disables it', () => {
    const oidc: AccountState = { ...member, source: 'oidc' };
    const error = refusal(() => planAccountChange('admin', oidc, { role: 'district_chair', email: 'jina@brno-venkov.cz' }));
    expect(error.code).toBe(DomainErrorCode.AccountFromIdentityProvider);
    expect(error.violations.map((violation) => violation.field)).toEqual(['role', 'territory', 'email']);
    expect(planAccountChange('admin', oidc, { disabled: true }).acts).toEqual([{ action: 'user.disabled', data: {} }]);
  });
});

describe('districtTeamPlaceOf', () => {
  it('puts active district members and chairs in their district’s team, nobody else', () => {
    expect(districtTeamPlaceOf(member)).toEqual({ districtId: 'brno-venkov', role: 'member' });
    expect(districtTeamPlaceOf({ ...member, role: 'district_chair', territory: { kind: 'district', id: 'znojmo' } })).toEqual({ districtId: 'znojmo', role: 'chair' });
    expect(districtTeamPlaceOf({ ...member, disabled: true })).toBeNull();
    expect(districtTeamPlaceOf(admin)).toBeNull();
  });
});
