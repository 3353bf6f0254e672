import { randomBytes } from 'node:crypto';
import type { Principal, Role, Territory } from '@app/auth';

/** The password of every user the factories create. */
export const TEST_PASSWORD = 'heslo-pro-testy';

export interface UserSpec {
  login: string;
  password: string;
  displayName: string;
  email: string | null;
  role: Role;
  territory: Territory;
}

/** A default territory for each role: Židlochovice, its district Brno-venkov, the region, a provider's IČO. */
const DEFAULT_TERRITORY: Readonly<Record<Role, Territory>> = {
  provider: { kind: 'provider', id: '70888337' },
  orp_official: { kind: 'orp', id: 'zidlochovice' },
  orp_head: { kind: 'orp', id: 'zidlochovice' },
  district_member: { kind: 'district', id: 'brno-venkov' },
  district_chair: { kind: 'district', id: 'brno-venkov' },
  regional_officer: { kind: 'region', id: 'jmk' },
  council_secretary: { kind: 'region', id: 'jmk' },
  administrator: { kind: 'region', id: 'jmk' },
  auditor: { kind: 'region', id: 'jmk' },
};

export type Place = 'inside' | 'outside';

/**
 * Where each role works inside the territory of the default intention and its tasks
 * (Židlochovice, district Brno-venkov, JMK, the provider 70888337), and outside it: provider
 * 44992785, ORP and district Znojmo. The region has one territory; administrators none outside.
 */
export const TERRITORIES: Readonly<Record<Role, Record<Place, Territory | null>>> = {
  provider: { inside: DEFAULT_TERRITORY.provider, outside: { kind: 'provider', id: '44992785' } },
  orp_official: { inside: DEFAULT_TERRITORY.orp_official, outside: { kind: 'orp', id: 'znojmo' } },
  orp_head: { inside: DEFAULT_TERRITORY.orp_head, outside: { kind: 'orp', id: 'znojmo' } },
  district_member: { inside: DEFAULT_TERRITORY.district_member, outside: { kind: 'district', id: 'znojmo' } },
  district_chair: { inside: DEFAULT_TERRITORY.district_chair, outside: { kind: 'district', id: 'znojmo' } },
  regional_officer: { inside: DEFAULT_TERRITORY.regional_officer, outside: DEFAULT_TERRITORY.regional_officer },
  council_secretary: { inside: DEFAULT_TERRITORY.council_secretary, outside: DEFAULT_TERRITORY.council_secretary },
  administrator: { inside: DEFAULT_TERRITORY.administrator, outside: null },
  auditor: { inside: DEFAULT_TERRITORY.auditor, outside: null },
};

/** A user of the role in its default territory (or the given one), with a unique login. */
export function aUser(role: Role, overrides: Partial<UserSpec> = {}): UserSpec {
  const login = overrides.login ?? `${role.replace(/_/g, '-')}.${randomBytes(4).toString('hex')}`;
  return {
    login,
    password: TEST_PASSWORD,
    displayName: `Test ${role}`,
    email: `${login}@test.invalid`,
    role,
    territory: DEFAULT_TERRITORY[role],
    ...overrides,
  };
}

/** A signed-in caller of the role in its default territory, for tests that call the use cases without the api. */
export function aPrincipal(role: Role, overrides: Partial<Principal> = {}): Principal {
  const userId = overrides.userId ?? `${role.replace(/_/g, '-')}.${randomBytes(4).toString('hex')}`;
  return { userId, displayName: `Test ${role}`, role, territory: DEFAULT_TERRITORY[role], ...overrides };
}
