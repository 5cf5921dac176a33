import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { getConnectionToken } from '@nestjs/mongoose';
import { Types, type Connection } from 'mongoose';

import { hashEntry, type AuditEntryBody } from '../../src/audit/audit-entry.js';
import { AuditLogRepository } from '../../src/audit/audit-log.repository.js';
import { AuditService } from '../../src/audit/audit.service.js';
import { commonFieldsOf } from '../../src/audit/legacy/prompt-audit-entry.js';
import { PromptAuditMigration } from '../../src/audit/legacy/prompt-audit-migration.js';
import { canonicalJson, canonicalValue, sha256Hex } from '../../src/common/hashing/canonical-json.js';
import { promptAudit } from '../../src/prompt-governance/shared/prompt-audit.js';
import { PromptVersionsRepository } from '../../src/prompt-governance/templates/prompt-versions.repository.js';
import { createTestApp, type TestApp } from '../harness/test-app.js';
import { actor, PG, templateBody } from './prompt-fixtures.js';

/** An entry of the prompt governance chain as it was written before the platform audit (format 1). */
interface LegacyEntry {
  seq: number;
  prevHash: string;
  hash: string;
  at: Date;
  actor: string;
  action: string;
  templateId: string;
  version: number | null;
  label: string | null;
  before: unknown;
  after: unknown;
  comment: string | null;
  draftId?: string;
}

/** The hash of that chain, exactly as src/prompt-governance/audit/audit-entry.ts computed it. */
function legacyHash(entry: Omit<LegacyEntry, 'hash' | 'draftId'>): string {
  return sha256Hex(
    canonicalJson({
      seq: entry.seq,
      prevHash: entry.prevHash,
      at: entry.at,
      actor: entry.actor,
      action: entry.action,
      templateId: entry.templateId,
      version: entry.version,
      label: entry.label,
      before: entry.before,
      after: entry.after,
      comment: entry.comment,
    }),
  );
}

const GENESIS = '0'.repeat(64);

/** How the platform names the actor of a moved entry, which only had a name. */
const legacyActor = (name: string) => commonFieldsOf({ actor: name, action: 'template.created', templateId: '', version: null, label: null }).actor;

/** A legacy chain of two templates' histories, linked and hashed the old way. */
function legacyChain(templateA: string, templateB: string): LegacyEntry[] {
  const steps: Omit<LegacyEntry, 'seq' | 'prevHash' | 'hash'>[] = [
    { at: new Date('2025-01-10T09:00:00.000Z'), actor: 'alice', action: 'template.created', templateId: templateA, version: null, label: null, before: null, after: { name: 'legacy-a', tags: ['wealth'] }, comment: null },
    { at: new Date('2025-01-10T09:00:00.001Z'), actor: 'alice', action: 'version.created', templateId: templateA, version: 1, label: null, before: null, after: { version: 1, status: 'DRAFT', grade: 'LOW' }, comment: 'first', draftId: 'c0ffee00-0000-4000-8000-000000000001' },
    { at: new Date('2025-01-11T10:30:00.000Z'), actor: 'alice', action: 'version.submitted', templateId: templateA, version: 1, label: null, before: { status: 'DRAFT' }, after: { status: 'IN_REVIEW' }, comment: null },
    { at: new Date('2025-01-12T08:15:00.000Z'), actor: 'Alice', action: 'version.approved', templateId: templateA, version: 1, label: null, before: { status: 'IN_REVIEW' }, after: { status: 'APPROVED' }, comment: 'ok' },
    { at: new Date('2025-01-12T08:20:00.000Z'), actor: 'ops', action: 'label.moved', templateId: templateA, version: 1, label: 'production', before: null, after: { version: 1 }, comment: null },
    { at: new Date('2025-02-01T12:00:00.000Z'), actor: 'bob', action: 'template.created', templateId: templateB, version: null, label: null, before: null, after: { name: 'legacy-b', policies: [{ id: 'no-pii' }] }, comment: null },
  ];
  const chain: LegacyEntry[] = [];
  for (const [i, step] of steps.entries()) {
    const body = { ...step, seq: i + 1, prevHash: chain.at(-1)?.hash ?? GENESIS, before: canonicalValue(step.before), after: canonicalValue(step.after) };
    const { draftId, ...hashed } = body;
    chain.push({ ...body, hash: legacyHash(hashed), ...(draftId && { draftId }) });
  }
  return chain;
}

const AUTHORS = ['alice', 'bob', 'dave', 'erin', 'tester', 'author-a', 'analyst-1', 'analyst-2', 'quant.alice', 'quant.bob'];

describe('prompt governance in the platform audit chain', () => {
  let t: TestApp;
  let db: Connection;

  beforeAll(async () => {
    // No periodic sweep: these tests decide when pending drafts are appended.
    t = await createTestApp('prompt_audit', { AUDIT_HEAL_INTERVAL_MS: '3600000' });
    db = t.app.get<Connection>(getConnectionToken());
  });

  afterAll(async () => {
    await t.close();
  });

  const entries = () => db.collection('audit_log');
  const head = async () => (await db.collection('audit_chain').findOne({ _id: 'platform' as never }))!;
  const promptCopies = () => db.collection('prompt_audit_logs');
  const verify = async () => (await t.http.get(`${PG}/audit/verify`).expect(200)).body;
  const seqs = async () => (await entries().find({}, { projection: { seq: 1 } }).sort({ seq: 1 }).toArray()).map((e) => e.seq as number);
  /** The nth entry written since the platform audit (format 2), counting from 0. */
  const platformEntry = async (n: number) => (await entries().find({ format: 2 }).sort({ seq: 1 }).skip(n).limit(1).toArray())[0];

  describe('a prompt chain written before the platform audit', () => {
    const templateA = new Types.ObjectId().toHexString();
    const templateB = new Types.ObjectId().toHexString();
    const legacy = legacyChain(templateA, templateB);

    it('is moved into audit_log by the migration as it was hashed, once however often the migration runs', async () => {
      expect(await entries().countDocuments()).toBe(0);
      await promptCopies().insertMany(legacy.map((entry) => ({ ...entry })));
      const migration = t.app.get(PromptAuditMigration);

      expect(await migration.run()).toBe(legacy.length);
      expect(await migration.run()).toBe(0);

      const moved = await entries().find({}).sort({ seq: 1 }).toArray();
      expect(moved.map((e) => [e.seq, e.format, e.hash, e.prevHash])).toEqual(legacy.map((e) => [e.seq, 1, e.hash, e.prevHash]));
      expect(moved[3]).toMatchObject({
        actor: legacyActor('Alice'),
        action: 'prompt.version.approved',
        resource: { type: 'prompt-template', id: templateA },
        context: { version: 1, label: null },
        outcome: 'SUCCEEDED',
        comment: 'ok',
      });
      expect(moved[1].draftId).toBe(legacy[1].draftId);
      expect(await head()).toMatchObject({ seq: legacy.length, lastHash: legacy.at(-1)!.hash });
      expect(await verify()).toMatchObject({ intact: true, entriesChecked: legacy.length, headSeq: legacy.length, healed: 0, firstBreak: null });
      expect(await promptCopies().countDocuments({ format: { $exists: false } })).toBe(legacy.length);
    });

    it('answers the moved history through the platform audit, filtered by template', async () => {
      const res = await t.http.get(`/api/v1/audit?resourceType=prompt-template&resourceId=${templateA}`).expect(200);
      expect(res.body.items.map((e: { seq: number; action: string; actor: unknown }) => [e.seq, e.action, e.actor])).toEqual([
        [5, 'prompt.label.moved', legacyActor('ops')],
        [4, 'prompt.version.approved', legacyActor('Alice')],
        [3, 'prompt.version.submitted', legacyActor('alice')],
        [2, 'prompt.version.created', legacyActor('alice')],
        [1, 'prompt.template.created', legacyActor('alice')],
      ]);
      expect(res.body.items[0]).toMatchObject({ format: 1, context: { version: 1, label: 'production' }, at: '2025-01-12T08:20:00.000Z' });
    });

    it('is continued by later appends, which verify, and a migration run after them changes nothing', async () => {
      await t.http.post(`${PG}/templates`).set(t.as('alice')).send(templateBody('after-legacy')).expect(201);
      const next = await entries().findOne({ seq: legacy.length + 1 });
      expect(next).toMatchObject({ format: 2, prevHash: legacy.at(-1)!.hash, action: 'prompt.template.created', actor: actor('alice') });

      expect(await t.app.get(PromptAuditMigration).run()).toBe(0);
      expect(await seqs()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(await entries().countDocuments({ format: 1 })).toBe(legacy.length);
      expect(await verify()).toMatchObject({ intact: true, entriesChecked: legacy.length + 2, headSeq: legacy.length + 2, firstBreak: null });
    });

    it('still detects a moved entry altered afterwards, by its old hash', async () => {
      // Both the hashed name and the platform's view of it, consistently: only the old hash can tell.
      await entries().updateOne({ seq: 3 }, { $set: { 'legacy.actor': 'mallory', actor: legacyActor('mallory') } });
      expect((await verify()).firstBreak).toMatchObject({ seq: 3, reason: 'entry 3 was altered: its content no longer matches its hash' });
      await entries().updateOne({ seq: 3 }, { $set: { 'legacy.actor': 'alice', actor: legacyActor('alice') } });
      expect((await verify()).intact).toBe(true);
    });
  });

  it('copies each new prompt entry into the seed’s prompt_audit_logs, in the seed’s shape', async () => {
    const created = await t.http.post(`${PG}/templates`).set(t.as('bob')).send(templateBody('seed-copy')).expect(201);
    const id = created.body.template.id as string;
    await t.http.put(`${PG}/templates/${id}/labels/staging`).set(t.as('bob')).send({ version: 1 }).expect(409);
    await t.http.post(`${PG}/templates/${id}/1/submit`).set(t.as('bob')).send({ comment: 'ready' }).expect(200);

    const chained = await entries().find({ 'resource.id': id }).sort({ seq: 1 }).toArray();
    expect(chained.map((e) => e.action)).toEqual(['prompt.template.created', 'prompt.version.created', 'prompt.version.submitted']);
    const copies = await promptCopies().find({ templateId: id }).sort({ seq: 1 }).toArray();
    expect(copies.map(({ _id, ...copy }) => copy)).toEqual(
      chained.map((e) => ({
        format: 2,
        seq: e.seq,
        prevHash: e.prevHash,
        hash: e.hash,
        at: e.at,
        actor: 'Bob Novak',
        actorId: 'user:bob',
        action: (e.action as string).replace(/^prompt\./, ''),
        outcome: 'SUCCEEDED',
        templateId: id,
        version: e.context.version,
        label: null,
        before: e.before,
        after: e.after,
        comment: e.comment,
      })),
    );
    expect(copies[2]).toMatchObject({ action: 'version.submitted', version: 1, comment: 'ready', before: { status: 'DRAFT' } });
    const everyPromptEntry = await entries().countDocuments({ format: 2, 'resource.type': 'prompt-template' });
    expect(await promptCopies().countDocuments({ format: 2 })).toBe(everyPromptEntry);
  });

  it('never forks under concurrent appends: one entry per position, each linked to the one before', async () => {
    const before = (await head()).seq as number;
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.http.post(`${PG}/templates`).set(t.as(AUTHORS[i % AUTHORS.length])).send(templateBody(`parallel-${i}`))),
    );
    expect(created.map((r) => r.status)).toEqual(Array.from({ length: 20 }, () => 201));
    expect(await verify()).toMatchObject({ intact: true, entriesChecked: before + 40, headSeq: before + 40, firstBreak: null });
    expect(await seqs()).toEqual(Array.from({ length: before + 40 }, (_, i) => i + 1));
    for (const response of created) {
      const id = response.body.template.id as string;
      expect(await entries().countDocuments({ 'resource.id': id })).toBe(2);
    }
  });

  it('heals an append that stopped between writing its entry and moving the head', async () => {
    const template = await t.http.post(`${PG}/templates`).set(t.as('alice')).send(templateBody('heal-me')).expect(201);
    const id = template.body.template.id as string;
    const headAfter = await head();
    // An appender that wrote its entry and died: the entry is there, the head does not know it.
    const body: AuditEntryBody = {
      seq: headAfter.seq + 1,
      prevHash: headAfter.lastHash,
      at: new Date(),
      actor: actor('alice'),
      action: 'prompt.template.updated',
      resource: { type: 'prompt-template', id },
      context: { version: null, label: null },
      outcome: 'SUCCEEDED',
      before: { tags: ['wealth'] },
      after: { tags: ['x'] },
      comment: null,
    };
    await entries().insertOne({ ...body, format: 2, hash: hashEntry(body) });

    expect(await verify()).toMatchObject({ intact: true, healed: 1, headSeq: body.seq });

    const orphan = { ...body, seq: body.seq + 1, prevHash: hashEntry(body) };
    await entries().insertOne({ ...orphan, format: 2, hash: hashEntry(orphan) });
    // The next append finds its position taken, moves the head on, and appends after the orphan.
    await t.http.patch(`${PG}/templates/${id}`).set(t.as('alice')).send({ tags: ['after-crash'] }).expect(200);
    expect(await verify()).toMatchObject({ intact: true, healed: 0, headSeq: body.seq + 2 });
    expect(await entries().findOne({ seq: body.seq + 2 })).toMatchObject({ action: 'prompt.template.updated', prevHash: hashEntry(orphan), after: { tags: ['after-crash'] } });
  });

  it('names the entry whose content was altered in the database, and is intact again once it is restored', async () => {
    const target = await platformEntry(4);
    await entries().updateOne({ _id: target._id }, { $set: { actor: { id: 'user:mallory', name: 'Mallory' } } });
    expect(await verify()).toMatchObject({
      intact: false,
      firstBreak: { seq: target.seq, entryId: String(target._id), reason: `entry ${target.seq} was altered: its content no longer matches its hash` },
    });
    await entries().updateOne({ _id: target._id }, { $set: { actor: target.actor } });
    expect((await verify()).intact).toBe(true);
  });

  it('catches a forged entry whose hash was recomputed, at the link to the next entry', async () => {
    const target = await platformEntry(6);
    const { _id, hash: _hash, format: _format, draftId: _draftId, ...stored } = target;
    const forged = { ...(stored as unknown as AuditEntryBody), after: { status: 'APPROVED' } };
    await entries().updateOne({ _id }, { $set: { after: forged.after, hash: hashEntry(forged) } });
    expect((await verify()).firstBreak).toMatchObject({ seq: target.seq + 1, reason: `entry ${target.seq + 1} does not link to the hash of entry ${target.seq}` });
    await entries().updateOne({ _id }, { $set: { after: target.after, hash: target.hash } });
    expect((await verify()).intact).toBe(true);
  });

  it('catches a deleted entry', async () => {
    const target = await platformEntry(2);
    await entries().deleteOne({ _id: target._id });
    expect(await verify()).toMatchObject({
      intact: false,
      firstBreak: { seq: target.seq, entryId: null, reason: `entry ${target.seq} is missing: the sequence jumps from ${target.seq - 1} to ${target.seq + 1}` },
    });
    await entries().insertOne(target);
    expect((await verify()).intact).toBe(true);
  });

  it('catches entries removed from the end of the chain', async () => {
    const last = (await entries().find({}).sort({ seq: -1 }).limit(1).toArray())[0];
    await entries().deleteOne({ _id: last._id });
    const broken = await verify();
    expect(broken.intact).toBe(false);
    expect(broken.firstBreak.reason).toContain(`entries ${last.seq} to ${last.seq} are missing`);
    await entries().insertOne(last);
    expect((await verify()).intact).toBe(true);
  });

  it('pages through a template’s history in chain order', async () => {
    const template = await t.http.post(`${PG}/templates`).set(t.as('alice')).send(templateBody('paged-history')).expect(201);
    const id = template.body.template.id;
    for (let i = 0; i < 3; i++) await t.http.patch(`${PG}/templates/${id}`).set(t.as('alice')).send({ tags: [`t${i}`] }).expect(200);
    const seen: { seq: number; action: string }[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { seq: number; action: string }[]; nextCursor: string | null } } = await t.http
        .get(`${PG}/templates/${id}/audit?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen.map((e) => e.action)).toEqual(['prompt.template.created', 'prompt.version.created', 'prompt.template.updated', 'prompt.template.updated', 'prompt.template.updated']);
    expect(seen.map((e) => e.seq)).toEqual([...seen.map((e) => e.seq)].sort((a, b) => a - b));
    await t.http.get(`${PG}/templates/0123456789abcdef01234567/audit`).expect(404);
  });

  it('answers the prompt governance verify exactly as the platform verify', async () => {
    const [prompt, platform] = await Promise.all([t.http.get(`${PG}/audit/verify`).expect(200), t.http.get('/api/v1/audit/verify').expect(200)]);
    expect(prompt.body).toEqual(platform.body);
    expect(prompt.body).toMatchObject({ intact: true, checkpoints: { enabled: true } });
  });

  describe('audit drafts left pending by an interrupted change', () => {
    const templates = () => db.collection('prompt_templates');
    const versions = () => db.collection('prompt_template_versions');
    const aMinuteAgo = () => new Date(Date.now() - 60_000);

    it('appends the draft of a change that was stored without its entry exactly once, when the chain is verified', async () => {
      const template = await t.http.post(`${PG}/templates`).set(t.as('alice')).send(templateBody('crashed-update')).expect(201);
      const id = template.body.template.id as string;
      // A process that stored the change with its draft and died before appending it.
      const draft = promptAudit({ actor: actor('alice'), action: 'template.updated', templateId: id, before: { tags: ['wealth'] }, after: { tags: ['crashed'] } }, aMinuteAgo());
      await templates().updateOne({ _id: new Types.ObjectId(id) }, { $set: { tags: ['crashed'] }, $push: { pendingAudit: draft } } as object);
      expect(await entries().countDocuments({ draftId: draft.draftId })).toBe(0);

      expect(await verify()).toMatchObject({ intact: true, draftsAppended: 1, firstBreak: null });
      const appended = await entries().find({ draftId: draft.draftId }).toArray();
      expect(appended).toHaveLength(1);
      expect(appended[0]).toMatchObject({ action: 'prompt.template.updated', actor: actor('alice'), resource: { type: 'prompt-template', id }, after: { tags: ['crashed'] }, at: draft.at });
      expect((await templates().findOne({ _id: new Types.ObjectId(id) }))!.pendingAudit).toEqual([]);
      expect(await promptCopies().countDocuments({ seq: appended[0].seq, format: 2 })).toBe(1);

      expect(await verify()).toMatchObject({ intact: true, draftsAppended: 0 });
      expect(await entries().countDocuments({ draftId: draft.draftId })).toBe(1);
    });

    it('leaves a draft younger than a few seconds to the request that is still appending it', async () => {
      const template = await t.http.post(`${PG}/templates`).set(t.as('alice')).send(templateBody('fresh-draft')).expect(201);
      const id = template.body.template.id as string;
      const draft = promptAudit({ actor: actor('alice'), action: 'template.updated', templateId: id, before: { tags: ['wealth'] }, after: { tags: ['fresh'] } });
      await templates().updateOne({ _id: new Types.ObjectId(id) }, { $set: { tags: ['fresh'] }, $push: { pendingAudit: draft } } as object);
      expect(await verify()).toMatchObject({ intact: true, draftsAppended: 0 });
      expect(await entries().countDocuments({ draftId: draft.draftId })).toBe(0);
      await templates().updateOne({ _id: new Types.ObjectId(id) }, { $set: { 'pendingAudit.0.at': aMinuteAgo() } });
      expect((await verify()).draftsAppended).toBe(1);
      expect(await entries().countDocuments({ draftId: draft.draftId })).toBe(1);
    });

    it('keeps a change whose append failed, and appends its draft once the healer runs', async () => {
      const template = await t.http.post(`${PG}/templates`).set(t.as('alice')).send(templateBody('append-fails')).expect(201);
      const id = template.body.template.id as string;
      const append = jest.spyOn(t.app.get(AuditLogRepository), 'append').mockRejectedValueOnce(new Error('the audit log is unreachable'));
      try {
        await t.http.post(`${PG}/templates/${id}/1/submit`).set(t.as('alice')).send({}).expect(500);
      } finally {
        append.mockRestore();
      }
      const stored = (await versions().findOne({ templateId: new Types.ObjectId(id), version: 1 }))!;
      expect(stored.status).toBe('IN_REVIEW');
      expect(stored.pendingAudit).toHaveLength(1);
      await versions().updateOne({ _id: stored._id }, { $set: { 'pendingAudit.0.at': aMinuteAgo() } });

      expect(await verify()).toMatchObject({ intact: true, draftsAppended: 1 });
      const history = await t.http.get(`${PG}/templates/${id}/audit`).expect(200);
      expect(history.body.items.map((e: { action: string }) => e.action)).toEqual(['prompt.template.created', 'prompt.version.created', 'prompt.version.submitted']);
      expect(history.body.items[2]).toMatchObject({ actor: actor('alice'), context: { version: 1, label: null } });
      expect((await versions().findOne({ _id: stored._id }))!.pendingAudit).toEqual([]);
    });

    it('records a deleted draft whose append failed once it is healed, and hides the version meanwhile', async () => {
      const template = await t.http.post(`${PG}/templates`).set(t.as('alice')).send(templateBody('delete-append-fails')).expect(201);
      const id = template.body.template.id as string;
      await t.http.post(`${PG}/templates/${id}/versions`).set(t.as('alice')).send({ template: 'v {{x}}', variables: [{ name: 'x' }], modelSettings: { model: 'm' } }).expect(201);
      const append = jest.spyOn(t.app.get(AuditLogRepository), 'append').mockRejectedValueOnce(new Error('the audit log is unreachable'));
      try {
        await t.http.delete(`${PG}/templates/${id}/2`).set(t.as('alice')).expect(500);
      } finally {
        append.mockRestore();
      }
      await t.http.get(`${PG}/templates/${id}/2`).expect(404);
      const list = await t.http.get(`${PG}/templates/${id}/versions`).expect(200);
      expect(list.body.items.map((v: { version: number }) => v.version)).toEqual([1]);
      await versions().updateOne({ templateId: new Types.ObjectId(id), version: 2 }, { $set: { 'pendingAudit.0.at': aMinuteAgo() } });

      expect(await verify()).toMatchObject({ intact: true, draftsAppended: 1 });
      expect(await versions().countDocuments({ templateId: new Types.ObjectId(id), version: 2 })).toBe(0);
      expect(await entries().countDocuments({ 'resource.id': id, action: 'prompt.version.deleted', 'context.version': 2 })).toBe(1);
      expect(await verify()).toMatchObject({ intact: true, draftsAppended: 0 });
      expect(await entries().countDocuments({ 'resource.id': id, action: 'prompt.version.deleted' })).toBe(1);
    });

    it('appends a draft once when two healers replay it while the chain is being verified', async () => {
      const template = await t.http.post(`${PG}/templates`).set(t.as('alice')).send(templateBody('double-heal')).expect(201);
      const id = template.body.template.id as string;
      const version = (await versions().findOne({ templateId: new Types.ObjectId(id), version: 1 }))!;
      const draft = promptAudit({ actor: actor('alice'), action: 'version.submitted', templateId: id, version: 1, before: { status: 'DRAFT' }, after: { status: 'IN_REVIEW' } }, aMinuteAgo());
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
      expect(await verify()).toMatchObject({ intact: true, draftsAppended: 0, firstBreak: null });
      const all = await seqs();
      expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    });

    it('adds exactly one entry when a change publishes while the chain is verified', async () => {
      const template = await t.http.post(`${PG}/templates`).set(t.as('alice')).send(templateBody('publish-vs-verify')).expect(201);
      const id = template.body.template.id as string;
      const before = (await head()).seq as number;
      const [submitted] = await Promise.all([
        t.http.post(`${PG}/templates/${id}/1/submit`).set(t.as('alice')).send({}),
        t.http.get(`${PG}/audit/verify`),
        t.http.get('/api/v1/audit/verify'),
      ]);
      expect(submitted.status).toBe(200);
      expect((await head()).seq).toBe(before + 1);
      expect(await entries().countDocuments({ 'resource.id': id, action: 'prompt.version.submitted' })).toBe(1);
      expect(await verify()).toMatchObject({ intact: true, headSeq: before + 1 });
    });
  });
});
