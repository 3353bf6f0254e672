import { describe, expect, it } from '@jest/globals';
import { accessKeysOf, auditActorOf, candidateGroupsOf, managesGroups, ROLES, territoryProblem, type Principal } from '@app/auth';

const auditor: Principal = { userId: 'kontrolor', displayName: 'Kateřina Malá', role: 'auditor', territory: { kind: 'region', id: 'jmk' } };

describe('the auditor role', () => {
  it('is a role of the region', () => {
    expect(ROLES).toContain('auditor');
    expect(territoryProblem('auditor', { kind: 'region', id: 'jmk' })).toBeNull();
    expect(territoryProblem('auditor', { kind: 'orp', id: 'zidlochovice' })).toMatch(/territory of kind 'region'/);
  });

  it('belongs to no candidate group, sees only what is addressed to the user and manages nothing', () => {
    expect(candidateGroupsOf(auditor)).toEqual([]);
    expect(accessKeysOf(auditor)).toEqual(['u:kontrolor']);
    expect(managesGroups(auditor, ['region:jmk:social-dept', 'orp:zidlochovice'])).toBe(false);
  });
});

describe('auditActorOf', () => {
  it('names the user with role and territory as the audit log keeps them', () => {
    expect(auditActorOf(auditor)).toEqual({ actorId: 'kontrolor', actorRole: 'auditor', actorTerritory: 'region:jmk' });
  });
});
