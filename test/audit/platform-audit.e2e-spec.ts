import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getConnectionToken } from '@nestjs/mongoose';
import { compactVerify, importJWK } from 'jose';
import type { Connection } from 'mongoose';

import { GENESIS_HASH, hashEntry, type AuditEntryBody } from '../../src/audit/audit-entry.js';
import { createTestApp, type TestApp } from '../harness/test-app.js';

const AUDIT = '/api/v1/audit';
const MODELS = '/api/v1/ml/lifecycle/models';
const CHECKLIST = [{ key: 'risk-review', description: 'Risk committee sign-off', required: true }];

interface Entry {
  seq: number;
  action: string;
  outcome: string;
  actor: { id: string; name: string };
  resource: { type: string; id: string };
  context: Record<string, unknown> | null;
}

describe('platform audit: one verified chain for every governed action', () => {
  let t: TestApp;
  let db: Connection;
  const entries = () => db.collection('audit_log');

  beforeAll(async () => {
    t = await createTestApp('platform_audit');
    db = t.app.get<Connection>(getConnectionToken());
    // Lifecycle, identity and refused actions, by several people.
    await t.http.post(MODELS).send({ name: 'audited', defaultChecklist: CHECKLIST }).expect(201);
    await t.http.post(`${MODELS}/audited/versions`).set(t.as('dave')).send({ artifactUri: 's3://m/1', metrics: { sharpe: 1 } }).expect(201);
    await t.http.post(`${MODELS}/audited/versions/1/stage`).set(t.as('alice')).send({ stage: 'STAGING' }).expect(200);
    await t.http.patch(`${MODELS}/audited/versions/1/checklist/risk-review`).set(t.as('carol')).send({ checked: true, comment: 'reviewed' }).expect(200);
    await t.http.post(`${MODELS}/audited/versions/1/stage`).set(t.as('erin')).send({ stage: 'PRODUCTION' }).expect(403);
    await t.http.post(`${MODELS}/audited/versions/1/stage`).set(t.as('bob')).send({ stage: 'PRODUCTION', comment: 'go live' }).expect(200);
    await t.http
      .put(`${MODELS}/audited/retraining-policy`)
      .set(t.as('ops'))
      .send({ enabled: false, minSeverity: 'HIGH', cooldownSeconds: 60, trainer: { kind: 'command', command: 'logistic-regression' } })
      .expect(200);
    await t.http.put(`${MODELS}/audited/retraining-policy`).set(t.as('tester')).send({ enabled: true, minSeverity: 'LOW', cooldownSeconds: 0, trainer: { kind: 'command', command: 'logistic-regression' } }).expect(403);
  });

  afterAll(async () => {
    await t.close();
  });

  const list = async (query: string): Promise<Entry[]> => (await t.http.get(`${AUDIT}?${query}&limit=200`).expect(200)).body.items;

  it('records stage transitions, checklist changes and policy changes under the acting person, newest first', async () => {
    const model = await list('resourceType=model&resourceId=audited');
    expect(model.filter((e) => e.outcome === 'SUCCEEDED').map((e) => [e.action, e.actor.id, e.context?.version ?? null])).toEqual([
      ['retraining.policy.changed', 'user:ops', null],
      ['model.version.stage-changed', 'user:bob', 1],
      ['model.version.checklist-changed', 'user:carol', 1],
      ['model.version.stage-changed', 'user:alice', 1],
    ]);
    const seqs = model.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
  });

  it('records refused attempts at governed actions with the refused actor', async () => {
    const refused = await list('outcome=REFUSED');
    expect(refused.map((e) => [e.action, e.actor.id])).toEqual(
      expect.arrayContaining([
        ['model.version.stage-changed', 'user:erin'],
        ['access.refused', 'user:tester'],
      ]),
    );
    expect(refused.find((e) => e.actor.id === 'user:tester')?.resource).toEqual({ type: 'operation', id: 'PUT /api/v1/ml/lifecycle/models/:model/retraining-policy' });
  });

  it('filters by actor, action and time', async () => {
    expect((await list('actorId=user:carol')).map((e) => e.action)).toEqual(['model.version.checklist-changed']);
    expect((await list('action=retraining.policy.changed')).map((e) => e.actor.id)).toEqual(['user:ops']);
    expect(await list(`from=${new Date(Date.now() + 60_000).toISOString()}`)).toEqual([]);
    await t.http.get(`${AUDIT}?from=yesterday`).expect(400);
    await t.http.get(`${AUDIT}?actorId[$ne]=x`).expect(400);
  });

  it('verifies the whole chain and a signed checkpoint of its head', async () => {
    const checkpoint = await t.http.post(`${AUDIT}/checkpoints`).set(t.as('admin')).expect(201);
    expect(checkpoint.body).toMatchObject({ seq: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/), jws: expect.any(String) });
    const key = (await t.http.get(`${AUDIT}/checkpoints/public-key`).expect(200)).body;
    const { payload } = await compactVerify(checkpoint.body.jws, await importJWK(key, 'EdDSA'));
    expect(JSON.parse(new TextDecoder().decode(payload))).toMatchObject({ seq: checkpoint.body.seq, hash: checkpoint.body.hash });
    const verified = await t.http.get(`${AUDIT}/verify`).expect(200);
    expect(verified.body).toMatchObject({ intact: true, firstBreak: null, checkpoints: { enabled: true, checked: 1, invalid: 0, latestSeq: checkpoint.body.seq } });
    await t.http.post(`${AUDIT}/checkpoints`).set(t.as('tester')).expect(403);
  });

  it('exports the chain as JSON lines for retention elsewhere, to admins only', async () => {
    const res = await t.http.get(`${AUDIT}/export`).set(t.as('admin')).buffer(true).parse((r, done) => {
      let text = '';
      r.on('data', (chunk: Buffer) => (text += chunk.toString()));
      r.on('end', () => done(null, text));
    }).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = (res.body as string).trim().split('\n').map((line) => JSON.parse(line) as Entry & { hash: string; prevHash: string });
    expect(lines.map((e) => e.seq)).toEqual(lines.map((_, i) => i + 1));
    expect(lines[0].prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < lines.length; i++) expect(lines[i].prevHash).toBe(lines[i - 1].hash);
    await t.http.get(`${AUDIT}/export`).set(t.as('viewer')).expect(403);
    // The export is the whole chain (or all that matches the filters): it takes no page.
    await t.http.get(`${AUDIT}/export?limit=5`).set(t.as('admin')).expect(400);
  });

  it('detects an altered entry, and is intact again once it is restored', async () => {
    const target = (await entries().findOne({ seq: 2 }))!;
    await entries().updateOne({ _id: target._id }, { $set: { 'actor.name': 'Mallory' } });
    const broken = await t.http.get(`${AUDIT}/verify`).expect(200);
    expect(broken.body).toMatchObject({ intact: false, firstBreak: { seq: 2, reason: 'entry 2 was altered: its content no longer matches its hash' } });
    await entries().updateOne({ _id: target._id }, { $set: { actor: target.actor } });
    expect((await t.http.get(`${AUDIT}/verify`).expect(200)).body.intact).toBe(true);
  });

  it('detects a chain rewritten and recomputed from the start by its signed checkpoint, also one kept outside the database', async () => {
    const checkpoint = (await t.http.post(`${AUDIT}/checkpoints`).set(t.as('admin')).expect(201)).body;
    const original = await entries().find({}).sort({ seq: 1 }).toArray();
    const head = await db.collection('audit_chain').findOne({ _id: 'platform' as never });
    // A database administrator rewrites entry 3 and recomputes every later hash and the head: every link holds.
    let prevHash = GENESIS_HASH;
    for (const doc of original) {
      const body = { ...(doc as unknown as AuditEntryBody), prevHash };
      if (doc.seq === 3) body.actor = { id: 'user:mallory', name: 'Mallory' };
      const hash = hashEntry(body);
      await entries().updateOne({ _id: doc._id }, { $set: { actor: body.actor, prevHash, hash } });
      prevHash = hash;
    }
    await db.collection('audit_chain').updateOne({ _id: 'platform' as never }, { $set: { lastHash: prevHash } });

    const caught = await t.http.get(`${AUDIT}/verify`).expect(200);
    expect(caught.body).toMatchObject({ intact: false, firstBreak: { reason: expect.stringMatching(/differs from the checkpoint signed at .*: the chain was rewritten/) } });

    // Deleting the stored checkpoints hides it from the database's own view, not from a copy kept elsewhere.
    const stored = await db.collection('audit_checkpoints').find({}).toArray();
    await db.collection('audit_checkpoints').deleteMany({});
    expect((await t.http.get(`${AUDIT}/verify`).expect(200)).body.intact).toBe(true);
    const external = await t.http.get(`${AUDIT}/verify?checkpoint=${checkpoint.jws}`).expect(200);
    expect(external.body).toMatchObject({ intact: false, checkpoints: { checked: 1 } });
    const forged = `${checkpoint.jws.slice(0, -4)}AAAA`;
    await t.http.get(`${AUDIT}/verify?checkpoint=${forged}`).expect(422);

    for (const doc of original) await entries().replaceOne({ _id: doc._id }, doc);
    await db.collection('audit_chain').replaceOne({ _id: 'platform' as never }, head!);
    await db.collection('audit_checkpoints').insertMany(stored);
    expect((await t.http.get(`${AUDIT}/verify`).expect(200)).body).toMatchObject({ intact: true });
  });

  it('detects entries removed from the end that a checkpoint had seen', async () => {
    const checkpoint = (await t.http.post(`${AUDIT}/checkpoints`).set(t.as('admin')).expect(201)).body;
    const last = (await entries().findOne({ seq: checkpoint.seq }))!;
    const head = await db.collection('audit_chain').findOne({ _id: 'platform' as never });
    const previous = (await entries().findOne({ seq: checkpoint.seq - 1 }))!;
    await entries().deleteOne({ _id: last._id });
    await db.collection('audit_chain').updateOne({ _id: 'platform' as never }, { $set: { seq: previous.seq, lastHash: previous.hash } });
    const broken = await t.http.get(`${AUDIT}/verify`).expect(200);
    expect(broken.body).toMatchObject({ intact: false, firstBreak: { reason: expect.stringContaining('entries were removed') } });
    await entries().insertOne(last);
    await db.collection('audit_chain').replaceOne({ _id: 'platform' as never }, head!);
    expect((await t.http.get(`${AUDIT}/verify`).expect(200)).body.intact).toBe(true);
  });
});
