import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditEntryEntity } from '@app/persistence';
import { entryHash, GENESIS_HASH, verifyChain, type AuditContent, type ChainVerdict } from './chain.js';

/**
 * Who acts, as the audit log names them: a user with role and territory (`auditActorOf` in
 * `@app/auth`), or the product itself, a process or the start-up, with neither (`systemActor`).
 */
export type AuditActor = Pick<AuditContent, 'actorId' | 'actorRole' | 'actorTerritory'>;

/** The product acting by itself: `process:<bpmnProcessId>`, `system:startup`. */
export function systemActor(actorId: string): AuditActor {
  return { actorId, actorRole: null, actorTerritory: null };
}

export type AuditRecord = Omit<AuditContent, 'occurredAt' | 'reason' | 'data'> & Partial<Pick<AuditContent, 'reason' | 'data'>>;

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  /** Entries about an intention: its own, and acts on its tasks and processes that name it in their data. */
  intentionId?: string;
  /** Entries about a process instance: its start, cancellation and migration, the acts on its tasks and what its workers recorded. */
  processInstanceKey?: string;
  actorId?: string;
  action?: string;
  from?: Date;
  to?: Date;
  /** Keyset pagination: the id of the last entry of the previous page. */
  after?: string;
  limit: number;
}

/** Any fixed number: the lock that keeps the chain a single line. */
const CHAIN_LOCK = 7_2026_1122;
const VERIFY_BATCH = 1000;

/** The append-only, hash-chained record of every decision and administrative act. */
@Injectable()
export class AuditLog {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends an entry. Pass the transaction of the act being audited, so that the act and
   * its record commit or fail together.
   */
  async record(record: AuditRecord, manager?: EntityManager): Promise<AuditEntryEntity> {
    if (!manager) return this.dataSource.transaction((own) => this.record(record, own));
    await manager.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
    const [last] = await manager.query<{ hash: string }[]>('SELECT hash FROM audit_entry ORDER BY id DESC LIMIT 1');
    const previousHash = last?.hash ?? GENESIS_HASH;
    const content: AuditContent = {
      occurredAt: new Date(),
      actorId: record.actorId,
      actorRole: record.actorRole,
      actorTerritory: record.actorTerritory,
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId,
      data: record.data ?? {},
      reason: record.reason ?? null,
    };
    return manager.save(AuditEntryEntity, { ...content, previousHash, hash: entryHash(previousHash, content) });
  }

  async search(filter: AuditFilter): Promise<{ items: AuditEntryEntity[]; nextCursor: string | null }> {
    const query = this.dataSource.manager.createQueryBuilder(AuditEntryEntity, 'entry').orderBy('entry.id', 'DESC').limit(filter.limit + 1);
    if (filter.entityType) query.andWhere('entry.entity_type = :entityType', { entityType: filter.entityType });
    if (filter.entityId) query.andWhere('entry.entity_id = :entityId', { entityId: filter.entityId });
    if (filter.intentionId) {
      query.andWhere(`((entry.entity_type = 'intention' AND entry.entity_id = :intentionId) OR entry.data->>'intentionId' = :intentionId)`, { intentionId: filter.intentionId });
    }
    if (filter.processInstanceKey) {
      query.andWhere(`((entry.entity_type = 'process-instance' AND entry.entity_id = :processInstanceKey) OR entry.data->>'processInstanceKey' = :processInstanceKey)`, {
        processInstanceKey: filter.processInstanceKey,
      });
    }
    if (filter.actorId) query.andWhere('entry.actor_id = :actorId', { actorId: filter.actorId });
    if (filter.action) query.andWhere('entry.action = :action', { action: filter.action });
    if (filter.from) query.andWhere('entry.occurred_at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('entry.occurred_at < :to', { to: filter.to });
    if (filter.after) query.andWhere('entry.id < :after', { after: filter.after });
    const rows = await query.getMany();
    const items = rows.slice(0, filter.limit);
    return { items, nextCursor: rows.length > filter.limit ? items[items.length - 1].id : null };
  }

  /** Re-computes the whole chain in batches and reports the first broken link. */
  async verify(): Promise<ChainVerdict> {
    let previous = GENESIS_HASH;
    let checked = 0;
    let after = '0';
    for (;;) {
      const batch = await this.dataSource.manager
        .createQueryBuilder(AuditEntryEntity, 'entry')
        .where('entry.id > :after', { after })
        .orderBy('entry.id', 'ASC')
        .limit(VERIFY_BATCH)
        .getMany();
      if (batch.length === 0) return { valid: true, checked };
      const { lastHash, ...verdict } = verifyChain(batch, previous, checked);
      if (!verdict.valid) return verdict;
      previous = lastHash;
      checked = verdict.checked;
      after = batch[batch.length - 1].id;
    }
  }
}
