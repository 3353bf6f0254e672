import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { intentionScopeOf, intentionWriteRefusal, type IntentionScope, type Principal } from '@app/auth';
import { CatalogService } from '@app/catalog';
import {
  checkIntentionRules,
  DomainError,
  DomainErrorCode,
  isEditableStatus,
  type FieldViolation,
  type IntentionContent,
  type IntentionStatus,
} from '@app/domain';
import { IntentionEntity, IntentionEventEntity, OrpEntity } from '@app/persistence';
import { IntentionHistory } from './intention-history.js';

type Optional = 'existingServiceRegistryId' | 'form' | 'targetGroups' | 'capacity' | 'capacityUnit' | 'yearlyCosts' | 'requestedSubsidy' | 'justification';

/** A new draft: identification is required, the rest may follow later. */
export type IntentionInput = Omit<IntentionContent, Optional> & Partial<Pick<IntentionContent, Optional>>;
/** A change of a draft; `null` clears an optional field. */
export type IntentionPatch = Partial<IntentionContent>;

export interface IntentionFilter {
  status?: IntentionStatus;
  orpId?: string;
  districtId?: string;
  planYear?: number;
  serviceType?: string;
  /** Keyset pagination: the id of the last intention of the previous page. */
  after?: string;
  limit: number;
}

export interface IntentionPage {
  items: IntentionEntity[];
  /** Pass as `after` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface IntentionDetail extends IntentionEntity {
  history: IntentionEventEntity[];
}

const CONTENT_FIELDS = [
  'kind',
  'existingServiceRegistryId',
  'providerName',
  'providerIco',
  'serviceType',
  'form',
  'targetGroups',
  'orpId',
  'capacity',
  'capacityUnit',
  'yearlyCosts',
  'requestedSubsidy',
  'planYear',
  'justification',
] as const satisfies readonly (keyof IntentionContent)[];

function contentOf(source: IntentionInput | IntentionEntity): IntentionContent {
  return {
    kind: source.kind,
    existingServiceRegistryId: source.existingServiceRegistryId ?? null,
    providerName: source.providerName,
    providerIco: source.providerIco,
    serviceType: source.serviceType,
    form: source.form ?? null,
    targetGroups: source.targetGroups ?? [],
    orpId: source.orpId,
    capacity: source.capacity ?? null,
    capacityUnit: source.capacityUnit ?? null,
    yearlyCosts: source.yearlyCosts ?? null,
    requestedSubsidy: source.requestedSubsidy ?? null,
    planYear: source.planYear,
    justification: source.justification ?? null,
  };
}

/**
 * Use cases of development intentions (rozvojové záměry) while providers write them. Every
 * use case is the caller's: an intention outside their scope (`intentionScopeOf`) answers 404,
 * as if it did not exist; only its provider writes it.
 */
@Injectable()
export class IntentionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: CatalogService,
    private readonly history: IntentionHistory,
  ) {}

  /** Only a provider, and only for its own IČO (another IČO is a violation on `providerIco`). */
  async createDraft(principal: Principal, input: IntentionInput): Promise<IntentionDetail> {
    const ownership = providerIcoViolations(intentionScopeOf(principal), input.providerIco);
    const content = contentOf(input);
    await this.assertRules(content, ownership);
    const id = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(manager.create(IntentionEntity, { ...content, status: 'draft' }));
      await this.history.append(manager, { intentionId: saved.id, actor: principal, action: 'created', fromStatus: null, toStatus: 'draft', data: { ...content }, comment: null });
      return saved.id;
    });
    return this.get(principal, id);
  }

  async updateDraft(principal: Principal, id: string, patch: IntentionPatch): Promise<IntentionDetail> {
    await this.dataSource.transaction(async (manager) => {
      const intention = await this.lockForAct(manager, principal, id);
      if (!isEditableStatus(intention.status)) {
        throw new DomainError(
          DomainErrorCode.IntentionNotEditable,
          `Intention ${id} is '${intention.status}'; only a draft or an intention returned for completion can be changed`,
        );
      }
      const before = contentOf(intention);
      const after: IntentionContent = { ...before, ...definedOnly(patch) };
      await this.assertRules(after, providerIcoViolations(intentionScopeOf(principal), after.providerIco));
      const changed = CONTENT_FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
      if (changed.length === 0) return;
      Object.assign(intention, after);
      await manager.save(intention);
      await this.history.append(manager, {
        intentionId: id,
        actor: principal,
        action: 'updated',
        fromStatus: intention.status,
        toStatus: intention.status,
        data: Object.fromEntries(changed.map((field) => [field, after[field]])),
        comment: null,
      });
    });
    return this.get(principal, id);
  }

  async get(principal: Principal, id: string): Promise<IntentionDetail> {
    const intention = await this.inScope(this.dataSource.manager, intentionScopeOf(principal), id).getOne();
    if (!intention) throw intentionNotFound(id);
    const history = await this.dataSource.manager.find(IntentionEventEntity, { where: { intentionId: id }, order: { id: 'ASC' } });
    return Object.assign(intention, { history });
  }

  /** The caller's scope and the filter together, in the query itself, so that keyset pages stay whole. */
  async list(principal: Principal, filter: IntentionFilter): Promise<IntentionPage> {
    const query = this.inScope(this.dataSource.manager, intentionScopeOf(principal)).orderBy('intention.id', 'DESC').limit(filter.limit + 1);
    if (filter.status) query.andWhere('intention.status = :status', { status: filter.status });
    if (filter.orpId) query.andWhere('intention.orp_id = :orpId', { orpId: filter.orpId });
    if (filter.planYear) query.andWhere('intention.plan_year = :planYear', { planYear: filter.planYear });
    if (filter.serviceType) query.andWhere('intention.service_type = :serviceType', { serviceType: filter.serviceType });
    if (filter.districtId) {
      query.innerJoin(OrpEntity, 'orp', 'orp.id = intention.orp_id AND orp.district_id = :districtId', { districtId: filter.districtId });
    }
    if (filter.after) query.andWhere('intention.id < :after', { after: filter.after });
    const rows = await query.getMany();
    const items = rows.slice(0, filter.limit);
    return { items, nextCursor: rows.length > filter.limit ? items[items.length - 1].id : null };
  }

  /**
   * The intention the caller is about to change, locked until the transaction ends: 404 outside
   * their scope, 403 when they see it but it is not theirs to write.
   */
  async lockForAct(manager: EntityManager, principal: Principal, id: string): Promise<IntentionEntity> {
    const scope = intentionScopeOf(principal);
    const intention = await this.inScope(manager, scope, id).setLock('pessimistic_write').getOne();
    if (!intention) throw intentionNotFound(id);
    if (intentionWriteRefusal(scope, intention.providerIco) !== null) throw forbiddenToWrite();
    return intention;
  }

  /**
   * The intentions of the scope (one of them, given its id): the one translation of the scope
   * into SQL, for the single intention and the list alike.
   */
  private inScope(manager: EntityManager, scope: IntentionScope, id?: string): SelectQueryBuilder<IntentionEntity> {
    const query = manager.createQueryBuilder(IntentionEntity, 'intention');
    if (id !== undefined) query.andWhere('intention.id = :id', { id });
    if (!scope.drafts) query.andWhere(`intention.status <> 'draft'`);
    const { kind, id: territoryId } = scope.territory;
    switch (kind) {
      case 'provider':
        return query.andWhere('intention.provider_ico = :territoryId', { territoryId });
      case 'orp':
        return query.andWhere('intention.orp_id = :territoryId', { territoryId });
      case 'district':
        return query.andWhere('intention.orp_id IN (SELECT scope_orp.id FROM orp scope_orp WHERE scope_orp.district_id = :territoryId)', { territoryId });
      case 'region':
        return query.andWhere(
          `intention.orp_id IN (SELECT scope_orp.id FROM orp scope_orp JOIN district scope_district ON scope_district.id = scope_orp.district_id
                                WHERE scope_district.region_id = :territoryId)`,
          { territoryId },
        );
    }
  }

  private async assertRules(content: IntentionContent, ownership: readonly FieldViolation[]): Promise<void> {
    const violations = [...checkIntentionRules(content, await this.catalog.intentionContext(new Date()))];
    // An IČO that is not a valid one already has its violation; only a valid one can be another provider's.
    if (!violations.some((violation) => violation.field === 'providerIco')) violations.push(...ownership);
    if (violations.length > 0) {
      throw new DomainError(DomainErrorCode.RuleViolated, 'The intention breaks the rules of the planning cycle', violations);
    }
  }
}

/** An intention that does not exist, or one outside the caller's scope: the same answer, so that existence does not leak. */
export function intentionNotFound(id: string): DomainError {
  return new DomainError(DomainErrorCode.NotFound, `Intention ${id} does not exist`);
}

function forbiddenToWrite(): DomainError {
  return new DomainError(DomainErrorCode.Forbidden, 'An intention is created, changed, submitted and withdrawn only by its provider');
}

/** The IČO an intention is written for: a role that does not write intentions is refused (403), another provider's IČO is a violation (422). */
function providerIcoViolations(scope: IntentionScope, providerIco: string): FieldViolation[] {
  const refusal = intentionWriteRefusal(scope, providerIco);
  if (refusal === null) return [];
  if (refusal === 'not-a-provider') throw forbiddenToWrite();
  return [{ field: 'providerIco', code: 'NOT_OWN_ICO', message: `Záměr lze podat jen za vlastní organizaci (IČO ${scope.territory.id})` }];
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}
