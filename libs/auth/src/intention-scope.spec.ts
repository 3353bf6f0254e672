import { describe, expect, it } from '@jest/globals';
import { ACTION_PLAN_OPENERS, ACTION_PLAN_READERS, intentionScopeOf, intentionWriteRefusal, ROLES, type Role } from '@app/auth';
import { aPrincipal } from '../../../test/factories/user.js';

/** The scope of a user of the role in its default territory: Židlochovice, Brno-venkov, JMK, IČO 70888337. */
const scopeOf = (role: Role) => intentionScopeOf(aPrincipal(role));

describe('intentionScopeOf', () => {
  it('gives a provider its own intentions by IČO, drafts included, to write', () => {
    expect(scopeOf('provider')).toEqual({ territory: { kind: 'provider', id: '70888337' }, drafts: true, writes: true });
  });

  it.each([
    ['orp_official', { kind: 'orp', id: 'zidlochovice' }],
    ['orp_head', { kind: 'orp', id: 'zidlochovice' }],
    ['district_member', { kind: 'district', id: 'brno-venkov' }],
    ['district_chair', { kind: 'district', id: 'brno-venkov' }],
    ['regional_officer', { kind: 'region', id: 'jmk' }],
    ['council_secretary', { kind: 'region', id: 'jmk' }],
  ] as const)('gives the %s the submitted intentions of its territory, read-only and without drafts', (role, territory) => {
    expect(scopeOf(role)).toEqual({ territory, drafts: false, writes: false });
  });

  it.each(['administrator', 'auditor'] as const)('gives the %s the whole region, drafts included, read-only', (role) => {
    expect(scopeOf(role)).toEqual({ territory: { kind: 'region', id: 'jmk' }, drafts: true, writes: false });
  });

  it('has a scope for every role', () => {
    for (const role of ROLES) expect(scopeOf(role)).toEqual(expect.objectContaining({ territory: aPrincipal(role).territory }));
  });
});

describe('intentionWriteRefusal', () => {
  it('lets a provider write its own IČO and refuses another provider’s', () => {
    expect(intentionWriteRefusal(scopeOf('provider'), '70888337')).toBeNull();
    expect(intentionWriteRefusal(scopeOf('provider'), '44992785')).toBe('another-provider');
  });

  it('refuses every other role, whatever the IČO', () => {
    for (const role of ROLES.filter((candidate) => candidate !== 'provider')) {
      expect([role, intentionWriteRefusal(scopeOf(role), '70888337')]).toEqual([role, 'not-a-provider']);
    }
  });
});

describe('Action Plan roles', () => {
  it('lets the social department and administrators open a plan', () => {
    expect([...ACTION_PLAN_OPENERS].sort()).toEqual(['administrator', 'regional_officer']);
  });

  it('lets every role but providers read the plans', () => {
    expect(ACTION_PLAN_READERS).toEqual(ROLES.filter((role) => role !== 'provider'));
    expect(ACTION_PLAN_READERS).not.toContain('provider');
  });
});
