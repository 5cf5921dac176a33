import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { getConnectionToken } from '@nestjs/mongoose';
import { Types, type Connection } from 'mongoose';

import { hashEntry, pendingAudit, type AuditEntryBody } from '../../src/prompt-governance/audit/audit-entry.js';
import { AuditLogRepository } from '../../src/prompt-governance/audit/audit-log.repository.js';
import { AuditService } from '../../src/prompt-governance/audit/audit.service.js';
import { PromptVersionsRepository } from '../../src/prompt-governance/templates/prompt-versions.repository.js';
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

  describe('audit drafts left pending by an interrupted change', () => {
    const templates = () => db.collection('prompt_templates');
    const versions = () => db.collection('prompt_template_versions');
    const aMinuteAgo = () => new Date(Date.now() - 60_000);

    it('appends the draft of a change that was stored without its entry exactly once, when the chain is verified', async () => {
      const template = await t.http.post(`${PG}/templates`).set('X-Actor', 'alice').send(templateBody('crashed-update')).expect(201);
      const id = template.body.template.id as string;
      // A process that stored the change with its draft and died before appending it.
      const draft = pendingAudit({ actor: 'alice', action: 'template.updated', templateId: id, before: { tags: ['wealth'] }, after: { tags: ['crashed'] } }, aMinuteAgo());
      await templates().updateOne({ _id: new Types.ObjectId(id) }, { $set: { tags: ['crashed'] }, $push: { pendingAudit: draft } } as object);
      expect(await entries().countDocuments({ draftId: draft.draftId })).toBe(0);

      const verify = await t.http.get(`${PG}/audit/verify`).expect(200);
      expect(verify.body).toMatchObject({ intact: true, draftsAppended: 1, firstBreak: null });
      const appended = await entries().find({ draftId: draft.draftId }).toArray();
      expect(appended).toHaveLength(1);
      expect(appended[0]).toMatchObject({ action: 'template.updated', templateId: id, after: { tags: ['crashed'] }, at: draft.at });
      expect((await templates().findOne({ _id: new Types.ObjectId(id) }))!.pendingAudit).toEqual([]);

      const again = await t.http.get(`${PG}/audit/verify`).expect(200);
      expect(again.body).toMatchObject({ intact: true, draftsAppended: 0 });
      expect(await entries().countDocuments({ draftId: draft.draftId })).toBe(1);
    });

    it('leaves a draft younger than a few seconds to the request that is still appending it', async () => {
      const template = await t.http.post(`${PG}/templates`).set('X-Actor', 'alice').send(templateBody('fresh-draft')).expect(201);
      const id = template.body.template.id as string;
      const draft = pendingAudit({ actor: 'alice', action: 'template.updated', templateId: id, before: { tags: ['wealth'] }, after: { tags: ['fresh'] } });
      await templates().updateOne({ _id: new Types.ObjectId(id) }, { $set: { tags: ['fresh'] }, $push: { pendingAudit: draft } } as object);
      const verify = await t.http.get(`${PG}/audit/verify`).expect(200);
      expect(verify.body).toMatchObject({ intact: true, draftsAppended: 0 });
      expect(await entries().countDocuments({ draftId: draft.draftId })).toBe(0);
      await templates().updateOne({ _id: new Types.ObjectId(id) }, { $set: { 'pendingAudit.0.at': aMinuteAgo() } });
      await t.http.get(`${PG}/audit/verify`).expect(200).expect((res) => expect(res.body.draftsAppended).toBe(1));
    });

    it('keeps a change whose append failed, and appends its draft once the healer runs', async () => {
      const template = await t.http.post(`${PG}/templates`).set('X-Actor', 'alice').send(templateBody('append-fails')).expect(201);
      const id = template.body.template.id as string;
      const append = jest.spyOn(t.app.get(AuditLogRepository), 'append').mockRejectedValueOnce(new Error('the audit log is unreachable'));
      try {
        await t.http.post(`${PG}/templates/${id}/1/submit`).set('X-Actor', 'alice').send({}).expect(500);
      } finally {
        append.mockRestore();
      }
      const stored = (await versions().findOne({ templateId: new Types.ObjectId(id), version: 1 }))!;
      expect(stored.status).toBe('IN_REVIEW');
      expect(stored.pendingAudit).toHaveLength(1);
      await versions().updateOne({ _id: stored._id }, { $set: { 'pendingAudit.0.at': aMinuteAgo() } });

      const verify = await t.http.get(`${PG}/audit/verify`).expect(200);
      expect(verify.body).toMatchObject({ intact: true, draftsAppended: 1 });
      const history = await t.http.get(`${PG}/templates/${id}/audit`).expect(200);
      expect(history.body.items.map((e: { action: string }) => e.action)).toEqual(['template.created', 'version.created', 'version.submitted']);
      expect((await versions().findOne({ _id: stored._id }))!.pendingAudit).toEqual([]);
    });

    it('records a deleted draft whose append failed once it is healed, and hides the version meanwhile', async () => {
      const template = await t.http.post(`${PG}/templates`).set('X-Actor', 'alice').send(templateBody('delete-append-fails')).expect(201);
      const id = template.body.template.id as string;
      await t.http.post(`${PG}/templates/${id}/versions`).set('X-Actor', 'alice').send({ template: 'v {{x}}', variables: [{ name: 'x' }], modelSettings: { model: 'm' } }).expect(201);
      const append = jest.spyOn(t.app.get(AuditLogRepository), 'append').mockRejectedValueOnce(new Error('the audit log is unreachable'));
      try {
        await t.http.delete(`${PG}/templates/${id}/2`).set('X-Actor', 'alice').expect(500);
      } finally {
        append.mockRestore();
      }
      await t.http.get(`${PG}/templates/${id}/2`).expect(404);
      const list = await t.http.get(`${PG}/templates/${id}/versions`).expect(200);
      expect(list.body.items.map((v: { version: number }) => v.version)).toEqual([1]);
      await versions().updateOne({ templateId: new Types.ObjectId(id), version: 2 }, { $set: { 'pendingAudit.0.at': aMinuteAgo() } });

      await t.http.get(`${PG}/audit/verify`).expect(200).expect((res) => expect(res.body).toMatchObject({ intact: true, draftsAppended: 1 }));
      expect(await versions().countDocuments({ templateId: new Types.ObjectId(id), version: 2 })).toBe(0);
      expect(await entries().countDocuments({ templateId: id, action: 'version.deleted', version: 2 })).toBe(1);
    });

    it('appends a draft once when two healers replay it at the same moment', async () => {
      const template = await t.http.post(`${PG}/templates`).set('X-Actor', 'alice').send(templateBody('double-heal')).expect(201);
      const id = template.body.template.id as string;
      const version = (await versions().findOne({ templateId: new Types.ObjectId(id), version: 1 }))!;
      const draft = pendingAudit({ actor: 'alice', action: 'version.submitted', templateId: id, version: 1, before: { status: 'DRAFT' }, after: { status: 'IN_REVIEW' } }, aMinuteAgo());
      await versions().updateOne({ _id: version._id }, { $set: { status: 'IN_REVIEW' }, $push: { pendingAudit: draft } } as object);

      // Two processes each replaying the same draft, and two verifications racing them.
      const audit = t.app.get(AuditService);
      const outbox = t.app.get(PromptVersionsRepository);
      const [a, b] = await Promise.all([
        audit.publish(draft, outbox, String(version._id)),
        audit.publish(draft, outbox, String(version._id)),
        t.http.get(`${PG}/audit/verify`).expect(200),
        t.http.get(`${PG}/audit/verify`).expect(200),
      ]);
      expect(a.id).toBe(b.id);
      expect(await entries().countDocuments({ draftId: draft.draftId })).toBe(1);
      expect((await versions().findOne({ _id: version._id }))!.pendingAudit).toEqual([]);
      const verify = await t.http.get(`${PG}/audit/verify`).expect(200);
      expect(verify.body).toMatchObject({ intact: true, draftsAppended: 0, firstBreak: null });
      const seqs = (await entries().find({}, { projection: { seq: 1 } }).sort({ seq: 1 }).toArray()).map((e) => e.seq);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    });
  });
});
