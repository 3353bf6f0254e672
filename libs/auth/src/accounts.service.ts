import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DomainError, DomainErrorCode } from '@app/domain';
import { UserAccountEntity } from '@app/persistence';
import { districtTeamPlaceOf, LOGIN_PATTERN, MIN_PASSWORD_LENGTH, territoryViolation, type AccountState } from './account-changes.js';
import { groupMembers, type Principal, type Role, type Territory } from './access.js';
import { hashPassword } from './password.js';

export interface NewLocalUser {
  login: string;
  password: string;
  displayName: string;
  email?: string | null;
  role: Role;
  territory: Territory;
}

export interface Recipient {
  id: string;
  displayName: string;
  email: string | null;
}

/** User accounts: local ones with a password, OIDC ones provisioned from their tokens, and who belongs to a group. */
@Injectable()
export class AccountsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Creates a local account; its id is its login, which is what the engine's assignee names.
   * The bare account: `addLocalUser` also puts it in its district team.
   */
  async createLocalUser(user: NewLocalUser, manager: EntityManager = this.dataSource.manager): Promise<UserAccountEntity> {
    const territory = territoryViolation(user.role, user.territory);
    if (territory) throw new DomainError(DomainErrorCode.RuleViolated, 'The user cannot have this territory', [territory]);
    if (!LOGIN_PATTERN.test(user.login)) throw invalid('login', 'INVALID_LOGIN', 'A login is 2–64 characters a–z, 0–9, dot, underscore or hyphen');
    if (user.password.length < MIN_PASSWORD_LENGTH) throw invalid('password', 'PASSWORD_TOO_SHORT', `A password has at least ${MIN_PASSWORD_LENGTH} characters`);
    const passwordHash = await hashPassword(user.password);
    const inserted = await manager.query(
      `INSERT INTO user_account (id, login, password_hash, display_name, email, role, territory_kind, territory_id, source)
       VALUES ($1, $1, $2, $3, $4, $5, $6, $7, 'local') ON CONFLICT DO NOTHING RETURNING id`,
      [user.login, passwordHash, user.displayName, user.email ?? null, user.role, user.territory.kind, user.territory.id],
    );
    if (inserted.length === 0) {
      throw new DomainError(DomainErrorCode.AccountExists, `An account ${user.login} exists already`, [
        { field: 'login', code: 'LOGIN_TAKEN', message: `The login ${user.login} is taken` },
      ]);
    }
    return manager.findOneByOrFail(UserAccountEntity, { id: user.login });
  }

  /** A local account in its district team, as a new user of the product is (demo accounts, administrators' new users). */
  async addLocalUser(user: NewLocalUser, manager: EntityManager): Promise<UserAccountEntity> {
    const account = await this.createLocalUser(user, manager);
    await this.joinDistrictTeam({ id: account.id, role: user.role, territory: user.territory, disabled: account.disabled }, manager);
    return account;
  }

  /**
   * Puts the user in the district team their role, territory and state give them, and out of
   * any other (district-review.load-team reads the teams). A team has one chair.
   */
  async joinDistrictTeam(account: Pick<AccountState, 'id' | 'role' | 'territory' | 'disabled'>, manager: EntityManager): Promise<void> {
    const place = districtTeamPlaceOf(account);
    await manager.query(`DELETE FROM district_team_member WHERE user_id = $1 AND district_id IS DISTINCT FROM $2`, [account.id, place?.districtId ?? null]);
    if (!place) return;
    if (place.role === 'chair') {
      // The district's row serialises chair changes, so that two at once cannot both find the chair empty.
      await manager.query(`SELECT 1 FROM district WHERE id = $1 FOR NO KEY UPDATE`, [place.districtId]);
      const [chair] = await manager.query(`SELECT user_id AS "userId" FROM district_team_member WHERE district_id = $1 AND role = 'chair' AND user_id <> $2`, [
        place.districtId,
        account.id,
      ]);
      if (chair) {
        throw new DomainError(DomainErrorCode.RuleViolated, 'The district team has a chair already', [
          { field: 'role', code: 'DISTRICT_HAS_CHAIR', message: `The district team of ${place.districtId} is chaired by ${chair.userId}; change their role first` },
        ]);
      }
    }
    await manager.query(
      `INSERT INTO district_team_member (district_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT (district_id, user_id) DO UPDATE SET role = EXCLUDED.role`,
      [place.districtId, account.id, place.role],
    );
  }

  /**
   * Keeps the account of an OIDC user in step with the claims of their token, so that group
   * notifications reach them. A local account with the same id is never taken over.
   */
  async provisionOidcUser(principal: Principal, email: string | null): Promise<void> {
    const rows = await this.dataSource.query(
      `INSERT INTO user_account (id, display_name, email, role, territory_kind, territory_id, source)
       VALUES ($1, $2, $3, $4, $5, $6, 'oidc')
       ON CONFLICT (id) DO UPDATE SET display_name = EXCLUDED.display_name, email = EXCLUDED.email, role = EXCLUDED.role,
         territory_kind = EXCLUDED.territory_kind, territory_id = EXCLUDED.territory_id, updated_at = now(),
         -- A new role or territory from the provider ends the product's own access tokens of the account (its web sessions' refresh follows the account).
         authorization_version = user_account.authorization_version
           + CASE WHEN (user_account.role, user_account.territory_kind, user_account.territory_id) IS DISTINCT FROM (EXCLUDED.role, EXCLUDED.territory_kind, EXCLUDED.territory_id) THEN 1 ELSE 0 END
       WHERE user_account.source = 'oidc'
       RETURNING id`,
      [principal.userId, principal.displayName, email, principal.role, principal.territory.kind, principal.territory.id],
    );
    if (rows.length === 0) {
      const [existing] = await this.dataSource.query(`SELECT source FROM user_account WHERE id = $1`, [principal.userId]);
      if (existing?.source === 'local') {
        throw new DomainError(DomainErrorCode.Unauthenticated, `The user id ${principal.userId} belongs to a local account`);
      }
    }
  }

  /** The active users of the given candidate groups (and explicitly named users), each once. */
  async recipientsOf(groups: readonly string[], userIds: readonly string[] = [], manager: EntityManager = this.dataSource.manager): Promise<Recipient[]> {
    const members = groups.flatMap((group) => {
      const found = groupMembers(group);
      return found ? found.roles.map((role) => ({ role, ...found.territory })) : [];
    });
    if (members.length === 0 && userIds.length === 0) return [];
    return manager.query(
      `SELECT id, display_name AS "displayName", email FROM user_account
       WHERE NOT disabled AND ((territory_kind, territory_id, role) IN (SELECT * FROM unnest($1::text[], $2::text[], $3::text[]))
         OR id = ANY($4::text[]))
       ORDER BY id`,
      [members.map((member) => member.kind), members.map((member) => member.id), members.map((member) => member.role), [...userIds]],
    );
  }

  /** Whether the user exists, is active and belongs to one of the groups (or is one of the users). */
  async isCandidate(userId: string, groups: readonly string[], users: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const recipients = await this.recipientsOf(groups, users, manager);
    return recipients.some((recipient) => recipient.id === userId);
  }
}

function invalid(field: string, code: string, message: string): DomainError {
  return new DomainError(DomainErrorCode.ValidationFailed, 'The user is not valid', [{ field, code, message }]);
}
