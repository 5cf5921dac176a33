import { describe, expect, it } from '@jest/globals';

import { GENESIS_HASH, hashEntry, linkProblem, pendingAudit, type AuditEntryBody } from './audit-entry.js';

const body = (seq: number, prevHash: string): AuditEntryBody => ({
  seq,
  prevHash,
  at: new Date(Date.UTC(2025, 4, 1, 9, 30)),
  actor: 'alice',
  action: 'version.approved',
  templateId: '665f1c2b9d1e8a0012345678',
  version: 2,
  label: null,
  before: { status: 'IN_REVIEW' },
  after: { status: 'APPROVED' },
  comment: 'ok',
});

function chain(length: number): (AuditEntryBody & { hash: string })[] {
  const entries: (AuditEntryBody & { hash: string })[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= length; seq++) {
    const b = body(seq, prev);
    const hash = hashEntry(b);
    entries.push({ ...b, hash });
    prev = hash;
  }
  return entries;
}

describe('hashEntry', () => {
  it('does not depend on the order of keys in before and after', () => {
    const a = hashEntry({ ...body(1, GENESIS_HASH), after: { status: 'APPROVED', by: 'bob' } });
    const b = hashEntry({ ...body(1, GENESIS_HASH), after: { by: 'bob', status: 'APPROVED' } });
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes when any member changes', () => {
    const base = hashEntry(body(1, GENESIS_HASH));
    expect(hashEntry({ ...body(1, GENESIS_HASH), actor: 'mallory' })).not.toBe(base);
    expect(hashEntry({ ...body(1, GENESIS_HASH), at: new Date(Date.UTC(2025, 4, 1, 9, 31)) })).not.toBe(base);
    expect(hashEntry({ ...body(1, GENESIS_HASH), after: { status: 'REJECTED' } })).not.toBe(base);
  });
});

describe('linkProblem', () => {
  it('accepts every entry of an intact chain', () => {
    let prev = GENESIS_HASH;
    chain(4).forEach((entry, i) => {
      expect(linkProblem(entry, i + 1, prev)).toBeNull();
      prev = entry.hash;
    });
  });

  it('names an entry whose content was altered', () => {
    const [first] = chain(1);
    expect(linkProblem({ ...first, after: { status: 'REJECTED' } }, 1, GENESIS_HASH)).toBe('entry 1 was altered: its content no longer matches its hash');
  });

  it('names an entry that no longer links to its predecessor, even with a recomputed hash', () => {
    const [, second] = chain(2);
    const forged = { ...second, prevHash: 'f'.repeat(64) };
    expect(linkProblem({ ...forged, hash: hashEntry(forged) }, 2, chain(2)[0].hash)).toBe('entry 2 does not link to the hash of entry 1');
  });

  it('names a missing entry', () => {
    const entries = chain(3);
    expect(linkProblem(entries[2], 2, entries[0].hash)).toBe('entry 2 is missing: the sequence jumps from 1 to 3');
  });
});

describe(pendingAudit.name, () => {
  const draft = { actor: 'alice', action: 'label.moved' as const, templateId: '665f1c2b9d1e8a0012345678', before: { at: new Date(Date.UTC(2025, 0, 2)), gone: undefined }, after: null };

  it('gives every draft its own id and the time of its change', () => {
    const at = new Date(Date.UTC(2025, 4, 1));
    const [a, b] = [pendingAudit(draft, at), pendingAudit(draft, at)];
    expect(a.draftId).not.toBe(b.draftId);
    expect(a.at).toBe(at);
  });

  it('stores before and after as the plain JSON that will be hashed', () => {
    expect(pendingAudit(draft).before).toEqual({ at: '2025-01-02T00:00:00.000Z' });
  });
});
