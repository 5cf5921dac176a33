import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';

import { hashEntry, type AuditEntryBody } from '../../src/prompt-governance/audit/audit-entry.js';
import { createTestApp, type TestApp } from '../harness/test-app.js';
import { PG, templateBody } from './prompt-fixtures.js';

describe('prompt governance audit chain', () => {
  let t: TestApp;
  let db: Connection;

  beforeAll(async () => {
    t = await createTestApp('prompt_audit');
    db = t.app.get<Connection>(getConnectionToken());
  });

  afterAll(async () => {
    await t.close();
  });

  const entries = () => db.collection('prompt_audit_logs');

  it('never forks under concurrent appends: one entry per position, each linked to the one before', async () => {
    const created = await Promise.all(Array.from({ length: 20 }, (_, i) => t.http.post(`${PG}/templates`).set('X-Actor', `author-${i}`).send(templateBody(`parallel-${i}`))));
    expect(created.every((r) => r.status === 201)).toBe(true);
    const verify = await t.http.get(`${PG}/audit/verify`).expect(200);
    expect(verify.body).toMatchObject({ intact: true, entriesChecked: 40, headSeq: 40, firstBreak: null });
    const seqs = (await entries().find({}, { projection: { seq: 1 } }).sort({ seq: 1 }).toArray()).map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('heals an append that stopped between writing its entry and moving the head', async () => {
    const head = (await db.collection('prompt_audit_chain').findOne({}))!;
    const template = await t.http.post(`${PG}/templates`).set('X-Actor', 'alice').send(templateBody('heal-me')).expect(201);
    const headAfter = (await db.collection('prompt_audit_chain').findOne({}))!;
    // An appender that wrote its entry and died: the entry is there, the head does not know it.
    const body: AuditEntryBody = {
      seq: headAfter.seq + 1,
      prevHash: headAfter.lastHash,
      at: new Date(),
      actor: 'crashed-appender',
      action: 'template.updated',
      templateId: template.body.template.id,
      version: null,
      label: null,
      before: { tags: [] },
      after: { tags: ['x'] },
      comment: null,
    };
    await entries().insertOne({ ...body, hash: hashEntry(body) });
    expect(headAfter.seq).toBeGreaterThan(head.seq);

    const verify = await t.http.get(`${PG}/audit/verify`).expect(200);
    expect(verify.body).toMatchObject({ intact: true, healed: 1, headSeq: body.seq });

    await entries().insertOne({ ...body, seq: body.seq + 1, prevHash: hashEntry(body), hash: hashEntry({ ...body, seq: body.seq + 1, prevHash: hashEntry(body) }) });
    // The next append finds its position taken, moves the head on, and appends after the orphan.
    await t.http.patch(`${PG}/templates/${template.body.template.id}`).set('X-Actor', 'alice').send({ tags: ['after-crash'] }).expect(200);
    const after = await t.http.get(`${PG}/audit/verify`).expect(200);
    expect(after.body).toMatchObject({ intact: true, healed: 0, headSeq: body.seq + 2 });
  });

  it('names the entry whose content was altered in the database, and is intact again once it is restored', async () => {
    const target = (await entries().findOne({ seq: 5 }))!;
    await entries().updateOne({ _id: target._id }, { $set: { actor: 'mallory' } });
    const broken = await t.http.get(`${PG}/audit/verify`).expect(200);
    expect(broken.body).toMatchObject({ intact: false, firstBreak: { seq: 5, entryId: String(target._id), reason: 'entry 5 was altered: its content no longer matches its hash' } });
    await entries().updateOne({ _id: target._id }, { $set: { actor: target.actor } });
    await t.http.get(`${PG}/audit/verify`).expect(200).expect((res) => expect(res.body.intact).toBe(true));
  });

  it('catches a forged entry whose hash was recomputed, at the link to the next entry', async () => {
    const target = (await entries().findOne({ seq: 7 }))!;
    const { _id, hash: _hash, ...body } = target;
    const forged = { ...(body as unknown as AuditEntryBody), after: { status: 'APPROVED' } };
    await entries().updateOne({ _id }, { $set: { after: forged.after, hash: hashEntry(forged) } });
    const broken = await t.http.get(`${PG}/audit/verify`).expect(200);
    expect(broken.body).toMatchObject({ intact: false, firstBreak: { seq: 8, reason: 'entry 8 does not link to the hash of entry 7' } });
    await entries().updateOne({ _id }, { $set: { after: target.after, hash: target.hash } });
  });

  it('catches a deleted entry', async () => {
    const target = (await entries().findOne({ seq: 3 }))!;
    await entries().deleteOne({ _id: target._id });
    const broken = await t.http.get(`${PG}/audit/verify`).expect(200);
    expect(broken.body).toMatchObject({ intact: false, firstBreak: { seq: 3, entryId: null, reason: 'entry 3 is missing: the sequence jumps from 2 to 4' } });
    await entries().insertOne(target);
    await t.http.get(`${PG}/audit/verify`).expect(200).expect((res) => expect(res.body.intact).toBe(true));
  });

  it('catches entries removed from the end of the chain', async () => {
    const last = (await entries().find({}).sort({ seq: -1 }).limit(1).toArray())[0];
    await entries().deleteOne({ _id: last._id });
    const broken = await t.http.get(`${PG}/audit/verify`).expect(200);
    expect(broken.body.intact).toBe(false);
    expect(broken.body.firstBreak.reason).toContain(`entries ${last.seq} to ${last.seq} are missing`);
    await entries().insertOne(last);
  });

  it('pages through a template’s history in chain order', async () => {
    const template = await t.http.post(`${PG}/templates`).set('X-Actor', 'alice').send(templateBody('paged-history')).expect(201);
    const id = template.body.template.id;
    for (let i = 0; i < 3; i++) await t.http.patch(`${PG}/templates/${id}`).set('X-Actor', 'alice').send({ tags: [`t${i}`] }).expect(200);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { action: string }[]; nextCursor: string | null } } = await t.http.get(`${PG}/templates/${id}/audit?limit=2${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
      seen.push(...res.body.items.map((e) => e.action));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['template.created', 'version.created', 'template.updated', 'template.updated', 'template.updated']);
    await t.http.get(`${PG}/templates/0123456789abcdef01234567/audit`).expect(404);
  });
});
