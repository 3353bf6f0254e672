import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '@app/audit';
import { DomainError, DomainErrorCode } from '@app/domain';
import { UserAccountEntity } from '@app/persistence';
import { planAccountChange, type AccountPatch, type AccountState } from './account-changes.js';
import { auditActorOf, isRole, territoryText, type Principal, type Role, type Territory, type TerritoryKind } from './access.js';
import { AccountsService, type NewLocalUser } from './accounts.service.js';

/** An account as administrators see it; never its password hash. */
export interface UserView {
  id: string;
  login: string | null;
  displayName: string;
  email: string | null;
  role: Role;
  territory: string;
  source: 'local' | 'oidc';
  disabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface UserFilter {
  role?: Role;
  territory?: Territory;
  /** A part of the login (id) or of the name, in any case. */
  text?: string;
  /** Keyset pagination: the id of the last user of the previous page. */
  after?: string;
  limit: number;
}

/**
 * Administrators' management of accounts. Every change is audited in its own transaction,
 * with the district teams that follow the role; a refusal writes nothing.
 */
@Injectable()
export class UserAdministration {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
    private readonly audit: AuditLog,
  ) {}

  async list(filter: UserFilter): Promise<{ items: UserView[]; nextCursor: string | null }> {
    const query = this.dataSource.manager.createQueryBuilder(UserAccountEntity, 'account').orderBy('account.id', 'ASC').limit(filter.limit + 1);
    if (filter.role) query.andWhere('account.role = :role', { role: filter.role });
    if (filter.territory) query.andWhere('account.territory_kind = :kind AND account.territory_id = :territoryId', { kind: filter.territory.kind, territoryId: filter.territory.id });
    // strpos rather than LIKE: the text is matched as it is, % and _ included.
    if (filter.text) query.andWhere('(strpos(lower(account.id), lower(:text)) > 0 OR strpos(lower(account.display_name), lower(:text)) > 0)', { text: filter.text });
    if (filter.after) query.andWhere('account.id > :after', { after: filter.after });
    const rows = await query.getMany();
    const items = rows.slice(0, filter.limit).map(viewOf);
    return { items, nextCursor: rows.length > filter.limit ? items[items.length - 1].id : null };
  }

  async get(id: string): Promise<UserView> {
    return viewOf(await this.account(this.dataSource.manager, id, false));
  }

  /** A local account, in its district team when it has one; audited without its password. */
  async create(actor: Principal, user: NewLocalUser, reason: string | null): Promise<UserView> {
    return this.dataSource.transaction(async (manager) => {
      const account = viewOf(await this.accounts.addLocalUser(user, manager));
      const { login, displayName, email, role, territory, source } = account;
      await this.record(manager, actor, 'user.created', account.id, { login, displayName, email, role, territory, source }, reason);
      return account;
    });
  }

  /**
   * Changes role, territory, name, e-mail or the disabled flag (see `planAccountChange`). A
   * change of role, territory or state ends the user's tokens and sign-ins at once.
   */
  async update(actor: Principal, id: string, patch: AccountPatch, reason: string): Promise<UserView> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.account(manager, id, true);
      const { after, acts, authorizationChanged } = planAccountChange(actor.userId, stateOf(before), patch);
      if (acts.length === 0) return viewOf(before);
      await manager.query(
        `UPDATE user_account SET role = $2, territory_kind = $3, territory_id = $4, display_name = $5, email = $6, disabled = $7,
           authorization_version = authorization_version + $8, updated_at = now()
         WHERE id = $1`,
        [id, after.role, after.territory.kind, after.territory.id, after.displayName, after.email, after.disabled, authorizationChanged ? 1 : 0],
      );
      if (authorizationChanged) {
        await manager.query(`UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [id]);
        await this.accounts.joinDistrictTeam(after, manager);
      }
      for (const act of acts) await this.record(manager, actor, act.action, id, act.data, reason);
      return viewOf(await this.account(manager, id, false));
    });
  }

  private async account(manager: EntityManager, id: string, forUpdate: boolean): Promise<UserAccountEntity> {
    const account = await manager.findOne(UserAccountEntity, { where: { id }, ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!account) throw new DomainError(DomainErrorCode.NotFound, `User ${id} does not exist`);
    return account;
  }

  private record(manager: EntityManager, actor: Principal, action: string, userId: string, data: Record<string, unknown>, reason: string | null) {
    return this.audit.record(
      { ...auditActorOf(actor), action, entityType: 'user', entityId: userId, data, reason },
      manager,
    );
  }
}

function roleOf(account: UserAccountEntity): Role {
  // The database's check admits only the product's roles.
  if (!isRole(account.role)) throw new Error(`user ${account.id} has the unknown role ${account.role}`);
  return account.role;
}

function stateOf(account: UserAccountEntity): AccountState {
  return {
    id: account.id,
    source: account.source,
    displayName: account.displayName,
    email: account.email,
    role: roleOf(account),
    territory: territoryOf(account),
    disabled: account.disabled,
  };
}

function viewOf(account: UserAccountEntity): UserView {
  const { id, displayName, email, role, territory, source, disabled } = stateOf(account);
  return { id, login: account.login, displayName, email, role, territory: territoryText(territory), source, disabled, createdAt: account.createdAt, updatedAt: account.updatedAt };
}

function territoryOf(account: UserAccountEntity): Territory {
  return { kind: account.territoryKind as TerritoryKind, id: account.territoryId };
}
