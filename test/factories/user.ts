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
