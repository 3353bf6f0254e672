import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CatalogService } from '@app/catalog';
import {
  checkIntentionRules,
  DomainError,
  DomainErrorCode,
  isEditableStatus,
  type IntentionContent,
  type IntentionStatus,
} from '@app/domain';
import { IntentionEntity, IntentionEventEntity, OrpEntity } from '@app/persistence';

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

/** Use cases of development intentions (rozvojové záměry) while providers write them. */
@Injectable()
export class IntentionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: CatalogService,
  ) {}

  async createDraft(input: IntentionInput, actor: string): Promise<IntentionDetail> {
    const content = contentOf(input);
    await this.assertRules(content);
    const id = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(manager.create(IntentionEntity, { ...content, status: 'draft' }));
      await this.record(manager, saved.id, actor, 'created', null, 'draft', { ...content });
      return saved.id;
    });
    return this.get(id);
  }

  async updateDraft(id: string, patch: IntentionPatch, actor: string): Promise<IntentionDetail> {
    await this.dataSource.transaction(async (manager) => {
      const intention = await manager.findOne(IntentionEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!intention) throw notFound(id);
      if (!isEditableStatus(intention.status)) {
        throw new DomainError(
          DomainErrorCode.IntentionNotEditable,
          `Intention ${id} is '${intention.status}'; only a draft or an intention returned for completion can be changed`,
        );
      }
      const before = contentOf(intention);
      const after: IntentionContent = { ...before, ...definedOnly(patch) };
      await this.assertRules(after);
      const changed = CONTENT_FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
      if (changed.length === 0) return;
      Object.assign(intention, after);
      await manager.save(intention);
      await this.record(manager, id, actor, 'updated', intention.status, intention.status, Object.fromEntries(changed.map((field) => [field, after[field]])));
    });
    return this.get(id);
  }

  async get(id: string): Promise<IntentionDetail> {
    const intention = await this.dataSource.manager.findOneBy(IntentionEntity, { id });
    if (!intention) throw notFound(id);
    const history = await this.dataSource.manager.find(IntentionEventEntity, { where: { intentionId: id }, order: { id: 'ASC' } });
    return Object.assign(intention, { history });
  }

  async list(filter: IntentionFilter): Promise<IntentionPage> {
    const query = this.dataSource.manager.createQueryBuilder(IntentionEntity, 'intention').orderBy('intention.id', 'DESC').limit(filter.limit + 1);
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

  private async assertRules(content: IntentionContent): Promise<void> {
    const violations = checkIntentionRules(content, await this.catalog.intentionContext(new Date()));
    if (violations.length > 0) {
      throw new DomainError(DomainErrorCode.RuleViolated, 'The intention breaks the rules of the planning cycle', violations);
    }
  }

  private async record(
    manager: EntityManager,
    intentionId: string,
    actor: string,
    action: string,
    fromStatus: IntentionStatus | null,
    toStatus: IntentionStatus | null,
    data: Record<string, unknown>,
  ): Promise<void> {
    await manager.save(IntentionEventEntity, { intentionId, actor, action, fromStatus, toStatus, data, comment: null });
  }
}

function notFound(id: string): DomainError {
  return new DomainError(DomainErrorCode.NotFound, `Intention ${id} does not exist`);
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}
