import { describe, expect, it } from '@jest/globals';
import { canonicalJson, entryHash, GENESIS_HASH, verifyChain, type ChainedEntry } from '@app/audit';

function chain(count: number): ChainedEntry[] {
  const entries: ChainedEntry[] = [];
  let previousHash = GENESIS_HASH;
  for (let i = 1; i <= count; i++) {
    const content = {
      occurredAt: new Date(Date.UTC(2026, 5, i)),
      actorId: `user-${i}`,
      actorRole: 'district_chair',
      actorTerritory: 'district:brno-venkov',
      action: 'intention.recommend',
      entityType: 'intention',
      entityId: String(i),
      data: { score: 4.2, nested: { b: 1, a: [1, 2] } },
      reason: i % 2 ? 'Potřebnost doložena komunitním plánem' : null,
    };
    const hash = entryHash(previousHash, content);
    entries.push({ ...content, id: String(i), previousHash, hash });
    previousHash = hash;
  }
  return entries;
}

describe('audit chain', () => {
  it('writes JSON with keys sorted at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: 1, e: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"e":2,"f":1}]},"b":1}');
  });

  it('does not depend on the order of keys', () => {
    const [entry] = chain(1);
    const reordered = { ...entry, data: { nested: { a: [1, 2], b: 1 }, score: 4.2 } };
    expect(entryHash(GENESIS_HASH, reordered)).toBe(entry.hash);
  });

  it('verifies an intact chain', () => {
    expect(verifyChain(chain(5))).toMatchObject({ valid: true, checked: 5 });
  });

  it('finds a changed entry', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2], reason: 'changed afterwards' };
    expect(verifyChain(entries)).toMatchObject({ valid: false, checked: 2, firstBrokenId: '3', reason: 'hash-mismatch' });
  });

  it('finds a removed entry by the link of the next one', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(verifyChain(entries)).toMatchObject({ valid: false, firstBrokenId: '3', reason: 'broken-link' });
  });

  it('finds an entry re-hashed to hide a change, by the next link', () => {
    const entries = chain(4);
    const forged = { ...entries[1], actorId: 'someone-else' };
    entries[1] = { ...forged, hash: entryHash(forged.previousHash, forged) };
    expect(verifyChain(entries)).toMatchObject({ valid: false, firstBrokenId: '3', reason: 'broken-link' });
  });
});
