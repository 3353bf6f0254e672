import { createHash } from 'node:crypto';

/** The previous hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** What an entry says; the hash covers all of it and the previous entry's hash. */
export interface AuditContent {
  occurredAt: Date;
  actorId: string;
  actorRole: string | null;
  actorTerritory: string | null;
  action: string;
  entityType: string;
  entityId: string;
  data: Record<string, unknown>;
  reason: string | null;
}

export interface ChainedEntry extends AuditContent {
  id: string;
  previousHash: string;
  hash: string;
}

/** JSON with object keys sorted at every depth, so that jsonb's reordering cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function entryHash(previousHash: string, content: AuditContent): string {
  // Only the content: a stored entry also carries its id and hashes.
  const body = canonicalJson({
    occurredAt: content.occurredAt.toISOString(),
    actorId: content.actorId,
    actorRole: content.actorRole,
    actorTerritory: content.actorTerritory,
    action: content.action,
    entityType: content.entityType,
    entityId: content.entityId,
    data: content.data,
    reason: content.reason,
  });
  return createHash('sha256').update(previousHash).update('\n').update(body).digest('hex');
}

export type ChainVerdict =
  | { valid: true; checked: number }
  | { valid: false; checked: number; firstBrokenId: string; reason: 'hash-mismatch' | 'broken-link' };

/**
 * Re-computes the chain in id order. The first entry whose content does not give its hash
 * (changed) or whose link does not name the previous hash (removed, inserted or reordered)
 * is the first broken link.
 */
export function verifyChain(entries: Iterable<ChainedEntry>, expectedPrevious = GENESIS_HASH, alreadyChecked = 0): ChainVerdict & { lastHash: string } {
  let previous = expectedPrevious;
  let checked = alreadyChecked;
  for (const entry of entries) {
    if (entry.previousHash !== previous) return { valid: false, checked, firstBrokenId: entry.id, reason: 'broken-link', lastHash: previous };
    if (entryHash(entry.previousHash, entry) !== entry.hash) return { valid: false, checked, firstBrokenId: entry.id, reason: 'hash-mismatch', lastHash: previous };
    previous = entry.hash;
    checked++;
  }
  return { valid: true, checked, lastHash: previous };
}
