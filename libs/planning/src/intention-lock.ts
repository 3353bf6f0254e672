import type { EntityManager } from 'typeorm';
import { intentionNotFound } from '@app/intentions';
import { IntentionEntity } from '@app/persistence';

/**
 * Reads an intention and holds its row until the transaction ends, so that two deliveries
 * of one job, or a job and an API call, change it one after the other.
 */
export async function lockIntention(manager: EntityManager, id: string): Promise<IntentionEntity> {
  const intention = await manager.findOne(IntentionEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!intention) throw intentionNotFound(id);
  return intention;
}
