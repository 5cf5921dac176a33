import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { ModelStagesService } from '../../src/lifecycle/registry/model-stages.service.js';
import { ModelVersionsService } from '../../src/lifecycle/registry/model-versions.service.js';
import { RegisteredModelsRepository } from '../../src/lifecycle/registry/registered-models.repository.js';
import { SYSTEM_ACTORS, systemPrincipal } from '../../src/common/auth/principal.js';
import { NotFoundError } from '../../src/common/errors/domain.errors.js';
import request from 'supertest';

import { createTestApp, type TestApp } from '../harness/test-app.js';

const PIPELINE = systemPrincipal(SYSTEM_ACTORS.retrainingPipeline, ['editor']);

const LIFECYCLE = '/api/v1/ml/lifecycle';
const MODELS = `${LIFECYCLE}/models`;
const CHECKLIST = [
  { key: 'risk-review', description: 'Risk committee sign-off', required: true },
  { key: 'backtest', description: 'Out-of-sample backtest reviewed', required: true },
  { key: 'notes', description: 'Release notes written', required: false },
];

interface Transition {
  version: number;
  from: string;
  to: string;
  actor: { id: string; name: string };
  comment: string;
  reason: string;
}

describe('lifecycle model registry', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp('registry');
  });

  afterAll(async () => {
    await t.close();
  });

  const model = (name: string, body: object = {}) => t.http.post(MODELS).send({ name, ...body });
  /** Versions are created by `dave`, an editor; `alice` and the other approvers review and promote them. */
  const version = (name: string, body: object = {}, creator = 'dave') =>
    t.http.post(`${MODELS}/${encodeURIComponent(name)}/versions`).set(t.as(creator)).send({ artifactUri: 's3://models/m', metrics: { sharpe: 1 }, ...body });
  const stage = (name: string, v: number, to: string, actor = 'alice', comment = '') =>
    t.http.post(`${MODELS}/${encodeURIComponent(name)}/versions/${v}/stage`).set(t.as(actor)).send({ stage: to, comment });
  const check = (name: string, v: number, key: string, checked = true, actor = 'carol') =>
    t.http.patch(`${MODELS}/${encodeURIComponent(name)}/versions/${v}/checklist/${key}`).set(t.as(actor)).send({ checked });
  const person = (id: string, name: string) => ({ id: `user:${id}`, name });
  const DAVE = person('dave', 'Dave Okafor');
  const ALICE = person('alice', 'Alice Kim');
  const BOB = person('bob', 'Bob Novak');
  const CAROL = person('carol', 'Carol Reyes');
  const getModel = async (name: string) => (await t.http.get(`${MODELS}/${encodeURIComponent(name)}`).expect(200)).body;
  const transitionsOf = async (name: string): Promise<Transition[]> => (await t.http.get(`${MODELS}/${name}/transitions?limit=200`).expect(200)).body.items;

  /** A model with the default checklist and `count` STAGING versions whose required items are all checked. */
  async function approvedStagingVersions(name: string, count: number): Promise<void> {
    await model(name, { defaultChecklist: CHECKLIST }).expect(201);
    for (let v = 1; v <= count; v++) {
      await version(name).expect(201);
      await stage(name, v, 'STAGING').expect(200);
      await check(name, v, 'risk-review').expect(200);
      await check(name, v, 'backtest').expect(200);
    }
  }

  async function finishedRun(artifactUri: string | null, params: Record<string, string>, points: object[]): Promise<string> {
    const experiment = await t.http.post(`${LIFECYCLE}/experiments`).send({ name: `exp-${Math.random().toString(36).slice(2)}` }).expect(201);
    const run = await t.http
      .post(`${LIFECYCLE}/runs`)
      .send({ experimentId: experiment.body.id, params, ...(artifactUri ? { artifactUri } : {}) })
      .expect(201);
    await t.http.post(`${LIFECYCLE}/runs/${run.body.id}/metrics`).send({ points }).expect((res) => expect(res.status).toBeLessThan(300));
    return run.body.id;
  }

  describe('models', () => {
    it('registers a model and reads it back', async () => {
      const created = await model('alpha', {
        description: 'KOSPI momentum',
        tags: ['equities'],
        owner: 'desk-a',
        metricDirections: { turnover: 'higher' },
        defaultChecklist: CHECKLIST,
      }).expect(201);
      expect(created.body).toMatchObject({
        name: 'alpha',
        description: 'KOSPI momentum',
        tags: ['equities'],
        owner: 'desk-a',
        metricDirections: { turnover: 'higher' },
        defaultChecklist: CHECKLIST,
        latestVersion: 0,
        productionVersion: null,
        pendingProductionChange: null,
      });
      expect(await getModel('alpha')).toEqual(created.body);
    });

    it('refuses a duplicate name with 409, even when the requests race', async () => {
      const results = await Promise.all(Array.from({ length: 6 }, () => model('dup-race')));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      const conflict = results.find((r) => r.status === 409)!;
      expect(conflict.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(conflict.body.detail).toContain("'dup-race' already exists");
    });

    it('updates description, tags, owner, directions and the default checklist, but never the name', async () => {
      await model('patch-me').expect(201);
      const patched = await t.http
        .patch(`${MODELS}/patch-me`)
        .send({ description: 'new', tags: ['x'], owner: 'desk-b', metricDirections: { pnl: 'higher' }, defaultChecklist: [CHECKLIST[0]] })
        .expect(200);
      expect(patched.body).toMatchObject({ description: 'new', tags: ['x'], owner: 'desk-b', metricDirections: { pnl: 'higher' }, defaultChecklist: [CHECKLIST[0]] });
      const rename = await t.http.patch(`${MODELS}/patch-me`).send({ name: 'other' }).expect(400);
      expect(rename.body.errors[0].field).toBe('name');
      await t.http.patch(`${MODELS}/no-such-model`).send({ description: 'x' }).expect(404);
      expect((await t.http.patch(`${MODELS}/patch-me`).send({}).expect(200)).body).toMatchObject({ description: 'new', owner: 'desk-b' });
    });

    it('refuses a checklist with repeated keys or a bad direction, writing nothing', async () => {
      const repeated = await model('bad-checklist', { defaultChecklist: [CHECKLIST[0], CHECKLIST[0]] }).expect(422);
      expect(repeated.body.detail).toContain("'risk-review' appears twice");
      const direction = await model('bad-direction', { metricDirections: { sharpe: 'up' } }).expect(400);
      expect(direction.body.errors[0]).toMatchObject({ field: 'metricDirections', message: expect.stringContaining('higher, lower') });
      await t.http.get(`${MODELS}/bad-checklist`).expect(404);
      await t.http.get(`${MODELS}/bad-direction`).expect(404);
    });

    it('serves a model whose name needs URL encoding in paths', async () => {
      const name = 'fx/carry G10';
      await model(name).expect(201);
      expect((await getModel(name)).name).toBe(name);
      expect((await version(name).expect(201)).body).toMatchObject({ modelName: name, version: 1 });
      await t.http.get(`${MODELS}/${encodeURIComponent(name)}/versions/1`).expect(200);
      await t.http.get(`${MODELS}/${encodeURIComponent(' padded')}`).expect(400);
    });

    it('lists models newest first, filtered by prefix, tag and owner, one page at a time', async () => {
      for (const [i, owner] of ['o1', 'o2', 'o1'].entries()) await model(`list.${i}`, { owner, tags: ['listing'] }).expect(201);
      const byOwner = await t.http.get(`${MODELS}?owner=o1&tag=listing`).expect(200);
      expect(byOwner.body.items.map((m: { name: string }) => m.name)).toEqual(['list.2', 'list.0']);
      const first = await t.http.get(`${MODELS}?namePrefix=list.&limit=2`).expect(200);
      const second = await t.http.get(`${MODELS}?namePrefix=list.&limit=2&cursor=${first.body.nextCursor}`).expect(200);
      expect([...first.body.items, ...second.body.items].map((m: { name: string }) => m.name)).toEqual(['list.2', 'list.1', 'list.0']);
      expect(second.body.nextCursor).toBeNull();
    });
  });

  describe('versions', () => {
    it('numbers 20 concurrent creations 1 to 20 without duplicates or gaps', async () => {
      await model('concurrent').expect(201);
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => version('concurrent', { metrics: { sharpe: i } })));
      expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
      const numbers = results.map((r) => r.body.version as number).sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect((await getModel('concurrent')).latestVersion).toBe(20);
      const listed: number[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: { version: number }[]; nextCursor: string | null } } = await t.http
          .get(`${MODELS}/concurrent/versions?limit=7${cursor ? `&cursor=${cursor}` : ''}`)
          .expect(200);
        listed.push(...page.body.items.map((v) => v.version));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(listed).toEqual(Array.from({ length: 20 }, (_, i) => 20 - i));
    });

    it('creates a version directly, with non-finite metrics, the default checklist and the creator', async () => {
      await model('direct', { defaultChecklist: CHECKLIST }).expect(201);
      const created = await version('direct', {
        artifactUri: 's3://models/direct/v1',
        metrics: { sharpe: 1.4, loss: 'NaN', calmar: 'Infinity' },
        params: { lookback: '252' },
        description: 'first cut',
        tags: ['manual'],
      }).expect(201);
      expect(created.body).toMatchObject({
        modelName: 'direct',
        version: 1,
        source: 'DIRECT',
        runId: null,
        artifactUri: 's3://models/direct/v1',
        metrics: { sharpe: 1.4, loss: 'NaN', calmar: 'Infinity' },
        params: { lookback: '252' },
        description: 'first cut',
        tags: ['manual'],
        stage: 'NONE',
        approved: false,
        createdBy: DAVE,
        originators: [DAVE.id],
        latestEvaluation: null,
        lastTransition: null,
      });
      expect(created.body.checklist).toEqual(CHECKLIST.map((item) => ({ ...item, systemChecked: false, checked: false, checkedBy: null, checkedAt: null, comment: '' })));
      const read = await t.http.get(`${MODELS}/direct/versions/1`).expect(200);
      expect(read.body).toEqual(created.body);
    });

    it('snapshots the metrics, params and artifact URI of a finished run', async () => {
      await model('from-run').expect(201);
      const runId = await finishedRun('s3://runs/r1/', { lr: '0.01', lookback: '20' }, [
        { key: 'sharpe', value: 1.1, step: 1 },
        { key: 'sharpe', value: 1.3, step: 2 },
        { key: 'val_loss', value: 'NaN', step: 2 },
      ]);
      await version('from-run', { runId, artifactUri: undefined, metrics: undefined }).expect(409);
      await t.http.patch(`${LIFECYCLE}/runs/${runId}`).send({ status: 'FINISHED' }).expect(200);
      const run = (await t.http.get(`${LIFECYCLE}/runs/${runId}`).expect(200)).body;
      const created = await version('from-run', { runId, artifactUri: undefined, metrics: undefined, tags: ['retrain'] }).expect(201);
      expect(created.body).toMatchObject({
        version: 1,
        source: 'RUN',
        runId,
        experimentId: run.experimentId,
        artifactUri: 's3://runs/r1/',
        metrics: { sharpe: 1.3, val_loss: 'NaN' },
        params: { lr: '0.01', lookback: '20' },
        tags: ['retrain'],
      });
      const overridden = await version('from-run', { runId, artifactUri: 's3://runs/r1/model.onnx', metrics: undefined }).expect(201);
      expect(overridden.body).toMatchObject({ version: 2, artifactUri: 's3://runs/r1/model.onnx', metrics: { sharpe: 1.3, val_loss: 'NaN' } });
    });

    it('answers 404 for an unknown run and 400 for mixed or missing sources, without using a version number', async () => {
      await model('refusals').expect(201);
      const unknown = await version('refusals', { runId: '0123456789abcdef01234567', artifactUri: undefined, metrics: undefined }).expect(404);
      expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
      const mixed = await version('refusals', { runId: '0123456789abcdef01234567' }).expect(400);
      expect(mixed.body.errors).toEqual([{ field: 'metrics', message: 'metrics must not be given with runId' }]);
      const missing = await version('refusals', { artifactUri: undefined }).expect(400);
      expect(missing.body.errors).toEqual([{ field: 'artifactUri', message: 'artifactUri is required when no runId is given' }]);
      const badMetric = await version('refusals', { metrics: { sharpe: 'high' } }).expect(400);
      expect(badMetric.body.errors[0].message).toContain("value of 'sharpe' must be a finite number");
      const badUri = await version('refusals', { artifactUri: 'no scheme' }).expect(400);
      expect(badUri.body.errors[0].field).toBe('artifactUri');
      expect((await getModel('refusals')).latestVersion).toBe(0);
      expect((await version('refusals').expect(201)).body.version).toBe(1);
    });

    it('answers 400 for a malformed version and 404 for an unknown model or version', async () => {
      await model('lookups').expect(201);
      await version('lookups').expect(201);
      for (const bad of ['abc', '0', '-1', '1.5', '1e99']) {
        const res = await t.http.get(`${MODELS}/lookups/versions/${bad}`).expect(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body.errors[0].field).toBe('version');
      }
      const noVersion = await t.http.get(`${MODELS}/lookups/versions/2`).expect(404);
      expect(noVersion.body.detail).toBe("Model version 'lookups v2' does not exist");
      const noModel = await t.http.get(`${MODELS}/ghost/versions/1`).expect(404);
      expect(noModel.body.detail).toBe("Model 'ghost' does not exist");
      await t.http.get(`${MODELS}/ghost`).expect(404);
      await t.http.get(`${MODELS}/ghost/versions`).expect(404);
      await version('ghost').expect(404);
      await t.http.get(`${MODELS}/ghost/transitions`).expect(404);
    });

    it('filters versions by stage', async () => {
      await model('by-stage').expect(201);
      for (let i = 0; i < 3; i++) await version('by-stage').expect(201);
      await stage('by-stage', 2, 'STAGING').expect(200);
      const staging = await t.http.get(`${MODELS}/by-stage/versions?stage=STAGING`).expect(200);
      expect(staging.body.items.map((v: { version: number }) => v.version)).toEqual([2]);
      await t.http.get(`${MODELS}/by-stage/versions?stage=LIVE`).expect(400);
    });
  });

  describe('stages and checklist', () => {
    it('refuses an illegal transition with 409 naming from and to, and records nothing', async () => {
      await model('illegal').expect(201);
      await version('illegal').expect(201);
      const refused = await stage('illegal', 1, 'PRODUCTION').expect(409);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({ from: 'NONE', to: 'PRODUCTION', allowed: ['STAGING', 'ARCHIVED'] });
      expect(refused.body.detail).toContain('cannot move from NONE to PRODUCTION');
      await stage('illegal', 1, 'NONE').expect(409);
      expect((await t.http.get(`${MODELS}/illegal/versions/1`).expect(200)).body.stage).toBe('NONE');
      expect(await transitionsOf('illegal')).toEqual([]);
    });

    it('refuses an anonymous stage change or checklist tick with 401, leaving the version as it was', async () => {
      await model('anonymous', { defaultChecklist: CHECKLIST }).expect(201);
      await version('anonymous').expect(201);
      const stageRes = await request(t.url).post(`${MODELS}/anonymous/versions/1/stage`).set('X-Actor', 'risk-committee').send({ stage: 'STAGING' }).expect(401);
      expect(stageRes.headers['www-authenticate']).toMatch(/^Bearer/);
      await request(t.url).patch(`${MODELS}/anonymous/versions/1/checklist/backtest`).set('X-Actor', 'risk-committee').send({ checked: true }).expect(401);
      expect((await t.http.get(`${MODELS}/anonymous/versions/1`).expect(200)).body).toMatchObject({ stage: 'NONE', approved: false });
    });

    it('refuses promotion while a required checklist item is unchecked, listing the unmet items', async () => {
      await model('unmet', { defaultChecklist: CHECKLIST }).expect(201);
      await version('unmet').expect(201);
      await stage('unmet', 1, 'STAGING').expect(200);
      await check('unmet', 1, 'backtest').expect(200);
      const refused = await stage('unmet', 1, 'PRODUCTION').expect(409);
      expect(refused.body).toMatchObject({ from: 'STAGING', to: 'PRODUCTION', unmetItems: [{ key: 'risk-review', description: 'Risk committee sign-off' }] });
      expect(refused.body.detail).toContain('risk-review');
      expect((await t.http.get(`${MODELS}/unmet/versions/1`).expect(200)).body.stage).toBe('STAGING');
      expect((await getModel('unmet')).productionVersion).toBeNull();
    });

    it('promotes once every required item is checked, recording who checked and who promoted', async () => {
      await model('approve', { defaultChecklist: CHECKLIST }).expect(201);
      await version('approve').expect(201);
      await stage('approve', 1, 'STAGING', 'alice', 'ready for review').expect(200);
      const checked = await check('approve', 1, 'risk-review', true, 'carol').expect(200);
      expect(checked.body.checklist[0]).toMatchObject({ key: 'risk-review', checked: true, checkedBy: CAROL, checkedAt: expect.any(String) });
      const finished = await check('approve', 1, 'backtest', true, 'reviewer-b').expect(200);
      expect(finished.body.approved).toBe(true);
      const promoted = await stage('approve', 1, 'PRODUCTION', 'bob', 'go live').expect(200);
      expect(promoted.body).toMatchObject({ stage: 'PRODUCTION', lastTransition: { from: 'STAGING', to: 'PRODUCTION', actor: BOB, comment: 'go live' } });
      expect(await getModel('approve')).toMatchObject({ productionVersion: 1, pendingProductionChange: null });
      const log = (await t.http.get(`${MODELS}/approve/versions/1/transitions`).expect(200)).body.items;
      expect(log).toEqual([
        expect.objectContaining({ from: 'STAGING', to: 'PRODUCTION', actor: BOB, comment: 'go live', reason: 'REQUESTED', at: expect.any(String) }),
        expect.objectContaining({ from: 'NONE', to: 'STAGING', actor: ALICE, comment: 'ready for review', reason: 'REQUESTED' }),
      ]);
    });

    it('answers 404 for an unknown checklist item and 400 for a malformed key', async () => {
      await model('items', { defaultChecklist: CHECKLIST }).expect(201);
      await version('items').expect(201);
      const unknown = await check('items', 1, 'no-such-item').expect(404);
      expect(unknown.body.detail).toContain('no-such-item');
      await check('items', 1, '$bad').expect(400);
      await check('items', 2, 'backtest').expect(404);
    });

    it('archives the previous production version when another is promoted, and logs both', async () => {
      await approvedStagingVersions('replace', 2);
      await stage('replace', 1, 'PRODUCTION', 'bob').expect(200);
      await stage('replace', 2, 'PRODUCTION', 'carol', 'v2 is better').expect(200);
      const versions = (await t.http.get(`${MODELS}/replace/versions`).expect(200)).body.items;
      expect(versions.map((v: { version: number; stage: string }) => [v.version, v.stage])).toEqual([
        [2, 'PRODUCTION'],
        [1, 'ARCHIVED'],
      ]);
      expect((await getModel('replace')).productionVersion).toBe(2);
      const log = await transitionsOf('replace');
      expect(log.filter((e) => e.to === 'PRODUCTION' || e.from === 'PRODUCTION')).toEqual([
        expect.objectContaining({ version: 1, from: 'PRODUCTION', to: 'ARCHIVED', actor: CAROL, reason: 'REPLACED', comment: 'Replaced in production by version 2' }),
        expect.objectContaining({ version: 2, from: 'STAGING', to: 'PRODUCTION', actor: CAROL, comment: 'v2 is better', reason: 'REQUESTED' }),
        expect.objectContaining({ version: 1, from: 'STAGING', to: 'PRODUCTION', actor: BOB }),
      ]);
    });

    it('retires the production version, leaving the model without one, and brings it back through STAGING', async () => {
      await approvedStagingVersions('retire', 1);
      await stage('retire', 1, 'PRODUCTION').expect(200);
      const archived = await stage('retire', 1, 'ARCHIVED', 'bob', 'incident 42').expect(200);
      expect(archived.body.stage).toBe('ARCHIVED');
      expect((await getModel('retire')).productionVersion).toBeNull();
      expect((await transitionsOf('retire'))[0]).toMatchObject({ from: 'PRODUCTION', to: 'ARCHIVED', actor: BOB, comment: 'incident 42', reason: 'REQUESTED' });
      await stage('retire', 1, 'PRODUCTION').expect(409);
      await stage('retire', 1, 'STAGING').expect(200);
      await stage('retire', 1, 'PRODUCTION').expect(200);
      expect((await getModel('retire')).productionVersion).toBe(1);
    });

    it('ends concurrent promotions of five versions with exactly one in production and a consistent log', async () => {
      await approvedStagingVersions('race', 5);
      const promoters = ['alice', 'bob', 'carol', 'approver', 'reviewer-b'];
      const results = await Promise.all([1, 2, 3, 4, 5].map((v) => stage('race', v, 'PRODUCTION', promoters[v - 1])));
      for (const r of results) expect([200, 409]).toContain(r.status);
      const won = results.filter((r) => r.status === 200).map((r) => r.body.version as number);
      expect(won.length).toBeGreaterThanOrEqual(1);
      for (const lost of results.filter((r) => r.status === 409)) {
        expect(lost.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(lost.body.detail).toContain("production version of model 'race' changed");
      }

      const versions: { version: number; stage: string }[] = (await t.http.get(`${MODELS}/race/versions`).expect(200)).body.items;
      const production = versions.filter((v) => v.stage === 'PRODUCTION');
      expect(production).toHaveLength(1);
      const modelAfter = await getModel('race');
      expect(modelAfter).toMatchObject({ productionVersion: production[0].version, pendingProductionChange: null });
      for (const v of versions) {
        if (v.version === production[0].version) continue;
        expect(v.stage).toBe(won.includes(v.version) ? 'ARCHIVED' : 'STAGING');
      }

      const log = await transitionsOf('race');
      const promotions = log.filter((e) => e.to === 'PRODUCTION');
      const replacements = log.filter((e) => e.from === 'PRODUCTION');
      expect(promotions.map((e) => e.version).sort()).toEqual([...won].sort());
      expect(replacements.map((e) => e.version).sort()).toEqual(won.filter((v) => v !== production[0].version).sort());
      for (const e of promotions) expect(e.actor.id).toBe(`user:${promoters[e.version - 1]}`);
    });

    it('lists the stage log of a model newest first, one page at a time', async () => {
      await model('log-pages').expect(201);
      await version('log-pages').expect(201);
      const path: [string, string][] = [
        ['STAGING', 'a'],
        ['NONE', 'b'],
        ['STAGING', 'c'],
        ['ARCHIVED', 'd'],
        ['STAGING', 'e'],
      ];
      for (const [to, comment] of path) await stage('log-pages', 1, to, 'erin', comment).expect(200);
      const first = await t.http.get(`${MODELS}/log-pages/transitions?limit=3`).expect(200);
      const second = await t.http.get(`${MODELS}/log-pages/transitions?limit=3&cursor=${first.body.nextCursor}`).expect(200);
      const comments = [...first.body.items, ...second.body.items].map((e: Transition) => e.comment);
      expect(comments).toEqual(['e', 'd', 'c', 'b', 'a']);
      expect(second.body.nextCursor).toBeNull();
    });
  });

  describe('identity: four eyes, roles and emergency rollback', () => {
    const audit = async (name: string) =>
      (await t.http.get(`/api/v1/audit?resourceType=model&resourceId=${encodeURIComponent(name)}&limit=200`).expect(200)).body.items as {
        action: string;
        outcome: string;
        actor: { id: string };
        context: { version?: number; key?: string };
      }[];

    it('refuses the creator of a version ticking its required items or promoting it, by identity, and records the attempts', async () => {
      await model('four-eyes', { defaultChecklist: CHECKLIST }).expect(201);
      await version('four-eyes', {}, 'alice').expect(201);
      await stage('four-eyes', 1, 'STAGING', 'alice').expect(200);
      const ownTick = await check('four-eyes', 1, 'risk-review', true, 'alice').expect(403);
      expect(ownTick.body).toMatchObject({ rule: 'four-eyes', key: 'risk-review' });
      await check('four-eyes', 1, 'notes', true, 'alice').expect(200);
      await check('four-eyes', 1, 'risk-review', true, 'bob').expect(200);
      await check('four-eyes', 1, 'backtest', true, 'carol').expect(200);
      const ownPromotion = await stage('four-eyes', 1, 'PRODUCTION', 'alice').expect(403);
      expect(ownPromotion.body.rule).toBe('four-eyes');
      expect((await getModel('four-eyes')).productionVersion).toBeNull();
      await stage('four-eyes', 1, 'PRODUCTION', 'bob').expect(200);
      const refused = (await audit('four-eyes')).filter((e) => e.outcome === 'REFUSED');
      expect(refused.map((e) => [e.action, e.actor.id])).toEqual(
        expect.arrayContaining([
          ['model.version.checklist-changed', 'user:alice'],
          ['model.version.stage-changed', 'user:alice'],
        ]),
      );
    });

    it('treats an admin\'s self-minted approver key as the admin, so it cannot approve the admin\'s own version', async () => {
      await model('self-key', { defaultChecklist: CHECKLIST }).expect(201);
      await version('self-key', {}, 'root').expect(201);
      const minted = await t.http.post('/api/v1/identity/api-keys').set(t.as('root')).send({ name: 'my approver key', roles: ['approver'] }).expect(201);
      expect(minted.body.owner).toEqual({ id: 'user:root', name: 'Rita Root', kind: 'person' });
      const byKey = { Authorization: `Bearer ${minted.body.secret}` };
      await t.http.patch(`${MODELS}/self-key/versions/1/checklist/risk-review`).set(byKey).send({ checked: true }).expect(403);
      await t.http.patch(`${MODELS}/self-key/versions/1/checklist/risk-review`).set(t.as('carol')).send({ checked: true }).expect(200);
    });

    it('lets only an approver move a version into or out of PRODUCTION, and refuses a viewer any stage change', async () => {
      await approvedStagingVersions('roles', 1);
      const editor = await stage('roles', 1, 'PRODUCTION', 'erin').expect(403);
      expect(editor.body.requiredRoles).toEqual(['approver']);
      await t.http.post(`${MODELS}/roles/versions/1/stage`).set(t.as('viewer')).send({ stage: 'NONE' }).expect(403);
      await stage('roles', 1, 'PRODUCTION', 'alice').expect(200);
      await stage('roles', 1, 'ARCHIVED', 'erin').expect(403);
      expect((await getModel('roles')).productionVersion).toBe(1);
    });

    it('never lets a person tick the system-checked evaluation item', async () => {
      await model('system-item', { defaultChecklist: [{ key: 'evaluation', description: 'Evaluation harness passed', required: true }] }).expect(201);
      await version('system-item').expect(201);
      const refused = await check('system-item', 1, 'evaluation', true, 'carol').expect(403);
      expect(refused.body.detail).toContain('evaluation harness');
      expect((await t.http.get(`${MODELS}/system-item/versions/1`).expect(200)).body.checklist[0]).toMatchObject({ systemChecked: true, checked: false });
    });

    it('answers which version was in production at any moment', async () => {
      await approvedStagingVersions('history', 2);
      const at = async (moment: Date) => (await t.http.get(`${MODELS}/history/production?at=${moment.toISOString()}`).expect(200)).body;
      const t0 = new Date();
      await new Promise((resolve) => setTimeout(resolve, 20));
      await stage('history', 1, 'PRODUCTION', 'alice').expect(200);
      const t1 = new Date();
      await new Promise((resolve) => setTimeout(resolve, 20));
      await stage('history', 2, 'PRODUCTION', 'bob').expect(200);
      const t2 = new Date();
      await new Promise((resolve) => setTimeout(resolve, 20));
      await stage('history', 2, 'ARCHIVED', 'bob').expect(200);
      const t3 = new Date();
      expect(await at(t0)).toMatchObject({ modelName: 'history', version: null, since: null });
      expect(await at(t1)).toMatchObject({ version: 1, since: expect.any(String) });
      expect(await at(t2)).toMatchObject({ version: 2 });
      expect(await at(t3)).toMatchObject({ version: null });
      await t.http.get(`${MODELS}/history/production?at=yesterday`).expect(400);
      await t.http.get(`${MODELS}/ghost/production`).expect(404);
    });

    it('rolls back to the previous production version in one call by one approver, audited as a rollback', async () => {
      await approvedStagingVersions('rollback', 2);
      await t.http.post(`${MODELS}/rollback/rollback`).set(t.as('carol')).send({ comment: 'nothing to roll back to' }).expect(409);
      await stage('rollback', 1, 'PRODUCTION', 'alice').expect(200);
      await stage('rollback', 2, 'PRODUCTION', 'bob').expect(200);
      await t.http.post(`${MODELS}/rollback/rollback`).set(t.as('erin')).send({ comment: 'not an approver' }).expect(403);
      const rolledBack = await t.http.post(`${MODELS}/rollback/rollback`).set(t.as('carol')).send({ comment: 'v2 mis-prices puts' }).expect(200);
      expect(rolledBack.body).toMatchObject({ version: 1, stage: 'PRODUCTION', lastTransition: { from: 'ARCHIVED', to: 'PRODUCTION', reason: 'ROLLBACK', actor: CAROL } });
      expect(await getModel('rollback')).toMatchObject({ productionVersion: 1, pendingProductionChange: null });
      expect((await t.http.get(`${MODELS}/rollback/versions/2`).expect(200)).body.stage).toBe('ARCHIVED');
      const entries = await audit('rollback');
      expect(entries.find((e) => e.action === 'model.version.rolled-back')).toMatchObject({ actor: { id: 'user:carol' }, context: { version: 1 } });
      expect(entries.filter((e) => e.action === 'model.version.stage-changed' && e.outcome === 'SUCCEEDED').map((e) => e.context.version)).toEqual(expect.arrayContaining([1, 2]));
    });
  });

  describe('compare', () => {
    it('compares versions metric by metric in each metric’s direction', async () => {
      await model('cmp', { metricDirections: { turnover: 'higher' } }).expect(201);
      await version('cmp', { metrics: { sharpe: 1.5, max_drawdown: 0.2, turnover: 1, hit_rate: 0 } }).expect(201);
      await version('cmp', { metrics: { sharpe: 1.8, max_drawdown: 0.25, turnover: 2, hit_rate: 0.5 } }).expect(201);
      await version('cmp', { metrics: { sharpe: 'NaN', max_drawdown: 0.1, turnover: 0.5, hit_rate: 0.4 } }).expect(201);
      const res = await t.http.get(`${MODELS}/cmp/compare?versions=1,2,3&baseline=1`).expect(200);
      expect(res.body).toMatchObject({ modelName: 'cmp', baseline: 1, versions: [1, 2, 3] });
      const byName = Object.fromEntries(res.body.metrics.map((m: { metric: string }) => [m.metric, m]));
      expect(Object.keys(byName)).toEqual(['hit_rate', 'max_drawdown', 'sharpe', 'turnover']);
      expect(byName.sharpe).toMatchObject({ direction: 'higher', directionSource: 'default', baselineValue: 1.5, best: 2 });
      expect(byName.sharpe.values[1].delta).toBeCloseTo(0.3, 12);
      expect(byName.sharpe.values[1].relativeDelta).toBeCloseTo(0.2, 12);
      expect(byName.sharpe.values[2]).toEqual({ version: 3, value: 'NaN', delta: null, relativeDelta: null, outcome: null });
      expect(byName.max_drawdown).toMatchObject({ direction: 'lower', directionSource: 'default', best: 3 });
      expect(byName.max_drawdown.values.map((v: { outcome: string }) => v.outcome)).toEqual(['EQUAL', 'WORSE', 'BETTER']);
      expect(byName.turnover).toMatchObject({ direction: 'higher', directionSource: 'declared', best: 2 });
      expect(byName.hit_rate.values[1]).toMatchObject({ delta: 0.5, relativeDelta: null });
    });

    it('answers 400 for a malformed comparison query, 422 for repeated or foreign versions and 404 for unknown versions or models', async () => {
      await model('cmp-bad').expect(201);
      await version('cmp-bad').expect(201);
      await version('cmp-bad').expect(201);
      const cases: [string, number, string][] = [
        ['versions=1', 400, 'versions'],
        ['versions=1,1', 422, 'versions'],
        ['versions=1,x', 400, 'versions'],
        ['versions=1,2&baseline=3', 422, 'baseline'],
        ['baseline=1', 400, 'versions'],
        [`versions=${Array.from({ length: 21 }, (_, i) => i + 1).join(',')}`, 400, 'versions'],
      ];
      for (const [query, status, field] of cases) {
        const res = await t.http.get(`${MODELS}/cmp-bad/compare?${query}`).expect(status);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body.errors[0].field).toBe(field);
      }
      const unknown = await t.http.get(`${MODELS}/cmp-bad/compare?versions=1,7`).expect(404);
      expect(unknown.body.detail).toContain('cmp-bad v7');
      await t.http.get(`${MODELS}/ghost/compare?versions=1,2`).expect(404);
    });
  });

  describe('seams for other domains', () => {
    it('records an evaluation on the version and checks or unchecks its system-checked evaluation item', async () => {
      const evaluationItem = { key: 'evaluation', description: 'Evaluation harness passed', required: true };
      await model('evaluated', { defaultChecklist: [evaluationItem] }).expect(201);
      await version('evaluated').expect(201);
      const sut = t.app.get(ModelVersionsService);
      const base = { evaluationRunId: 'e1', scenarioId: 's1', scenarioRevision: 2, summary: 'beats the baseline' };

      await sut.recordEvaluation('evaluated', 1, { ...base, status: 'PASSED_WITH_WARNINGS', evaluatedAt: new Date('2024-06-01T00:00:00Z') });
      let read = (await t.http.get(`${MODELS}/evaluated/versions/1`).expect(200)).body;
      expect(read.latestEvaluation).toEqual({ ...base, status: 'PASSED_WITH_WARNINGS', evaluatedAt: '2024-06-01T00:00:00.000Z' });
      expect(read.checklist[0]).toMatchObject({ key: 'evaluation', systemChecked: true, checked: true, checkedBy: SYSTEM_ACTORS.evaluationHarness });

      await sut.recordEvaluation('evaluated', 1, { ...base, evaluationRunId: 'e2', status: 'FAILED', evaluatedAt: new Date('2024-06-02T00:00:00Z') });
      read = (await t.http.get(`${MODELS}/evaluated/versions/1`).expect(200)).body;
      expect(read.latestEvaluation.evaluationRunId).toBe('e2');
      expect(read.checklist[0]).toMatchObject({ checked: false, checkedBy: SYSTEM_ACTORS.evaluationHarness });

      await sut.recordEvaluation('evaluated', 1, { ...base, evaluationRunId: 'e0', status: 'PASSED', evaluatedAt: new Date('2024-05-01T00:00:00Z') });
      read = (await t.http.get(`${MODELS}/evaluated/versions/1`).expect(200)).body;
      expect(read.latestEvaluation.evaluationRunId).toBe('e2');
      expect(read.checklist[0].checked).toBe(false);

      await expect(sut.recordEvaluation('evaluated', 9, { ...base, status: 'PASSED', evaluatedAt: new Date() })).rejects.toBeInstanceOf(NotFoundError);
      await expect(sut.recordEvaluation('ghost', 1, { ...base, status: 'PASSED', evaluatedAt: new Date() })).rejects.toBeInstanceOf(NotFoundError);
    });

    it('stores an evaluation on a version without an evaluation item, leaving its checklist alone', async () => {
      await model('evaluated-plain', { defaultChecklist: CHECKLIST }).expect(201);
      await version('evaluated-plain').expect(201);
      await t.app
        .get(ModelVersionsService)
        .recordEvaluation('evaluated-plain', 1, { evaluationRunId: 'e1', scenarioId: 's', scenarioRevision: 1, status: 'PASSED', evaluatedAt: new Date(), summary: '' });
      const read = (await t.http.get(`${MODELS}/evaluated-plain/versions/1`).expect(200)).body;
      expect(read.latestEvaluation.status).toBe('PASSED');
      expect(read.checklist.every((item: { checked: boolean }) => !item.checked)).toBe(true);
    });

    it('registers a finished run as a STAGING version for the retraining pipeline', async () => {
      await model('retrained').expect(201);
      const runId = await finishedRun('s3://runs/retrain/', { window: '60' }, [{ key: 'sharpe', value: 2, step: 1 }]);
      await t.http.patch(`${LIFECYCLE}/runs/${runId}`).send({ status: 'FINISHED' }).expect(200);
      const created = await t.app.get(ModelStagesService).registerRunForStaging('retrained', runId, PIPELINE, { tags: ['auto'], alsoOriginatedBy: ['service:risk-trainer'] });
      expect(created).toMatchObject({ version: 1, stage: 'STAGING', runId, createdBy: SYSTEM_ACTORS.retrainingPipeline, originators: [SYSTEM_ACTORS.retrainingPipeline.id, 'service:risk-trainer'], tags: ['auto'] });
      expect(await transitionsOf('retrained')).toEqual([
        expect.objectContaining({ version: 1, from: 'NONE', to: 'STAGING', actor: SYSTEM_ACTORS.retrainingPipeline, comment: `Registered from run ${runId}` }),
      ]);
    });
  });

  describe('idempotent registration', () => {
    it('registers a replayed retraining job once, and refuses its key for another model', async () => {
      await model('replayed').expect(201);
      await model('other-model').expect(201);
      const runId = await finishedRun('s3://runs/replay/', {}, [{ key: 'sharpe', value: 1, step: 1 }]);
      await t.http.patch(`${LIFECYCLE}/runs/${runId}`).send({ status: 'FINISHED' }).expect(200);
      const sut = t.app.get(ModelStagesService);
      const attempts = await Promise.all([1, 2, 3].map(() => sut.registerRunForStaging('replayed', runId, PIPELINE, { idempotencyKey: `job-${runId}` })));
      expect(new Set(attempts.map((v) => v.version)).size).toBe(1);
      const versions = (await t.http.get(`${MODELS}/replayed/versions`).expect(200)).body.items;
      expect(versions.map((v: { stage: string }) => v.stage)).toEqual(['STAGING']);
      expect((await transitionsOf('replayed')).filter((e) => e.to === 'STAGING')).toHaveLength(1);
      await expect(sut.registerRunForStaging('other-model', runId, PIPELINE, { idempotencyKey: `job-${runId}` })).rejects.toThrow(
        /already created version \d+ of model 'replayed'/,
      );
      expect((await getModel('other-model')).latestVersion).toBe(0);
    });
  });

  describe('contract', () => {
    it('documents every registry endpoint with its problem answers in OpenAPI', async () => {
      const { paths } = (await t.http.get('/api/docs-json').expect(200)).body;
      const expected: [string, string, string[]][] = [
        ['/api/v1/ml/lifecycle/models', 'post', ['201', '400', '409', '422']],
        ['/api/v1/ml/lifecycle/models', 'get', ['200', '400']],
        ['/api/v1/ml/lifecycle/models/{model}', 'patch', ['200', '400', '404', '422']],
        ['/api/v1/ml/lifecycle/models/{model}/compare', 'get', ['200', '400', '404', '422']],
        ['/api/v1/ml/lifecycle/models/{model}/transitions', 'get', ['200', '404']],
        ['/api/v1/ml/lifecycle/models/{model}/versions', 'post', ['201', '400', '404', '409', '422']],
        ['/api/v1/ml/lifecycle/models/{model}/versions/{version}', 'get', ['200', '400', '404']],
        ['/api/v1/ml/lifecycle/models/{model}/versions/{version}/stage', 'post', ['200', '400', '404', '409']],
        ['/api/v1/ml/lifecycle/models/{model}/versions/{version}/checklist/{key}', 'patch', ['200', '400', '404']],
        ['/api/v1/ml/lifecycle/models/{model}/versions/{version}/transitions', 'get', ['200', '404']],
      ];
      for (const [path, method, statuses] of expected) {
        expect(Object.keys(paths[path]?.[method]?.responses ?? {})).toEqual(expect.arrayContaining(statuses));
      }
      const stageParams = paths['/api/v1/ml/lifecycle/models/{model}/versions/{version}/stage'].post.parameters.map((p: { name: string }) => p.name);
      expect(stageParams).toEqual(expect.arrayContaining(['model', 'version']));
      expect(stageParams).not.toContain('X-Actor');
      expect(paths['/api/v1/ml/lifecycle/models/{model}/versions/{version}/stage'].post.security).toEqual([{ bearer: [] }]);
    });

    it('refuses unknown fields and operator-shaped values, writing nothing', async () => {
      await model('strict').expect(201);
      const unknownField = await version('strict', { stage: 'PRODUCTION' }).expect(400);
      expect(unknownField.body.errors[0].field).toBe('stage');
      const operatorKey = await version('strict', { metrics: { $gt: 1 } }).expect(422);
      expect(operatorKey.body.errors[0].field).toBe('metrics');
      await t.http.get(`${MODELS}?owner[$ne]=x`).expect(400);
      expect((await getModel('strict')).latestVersion).toBe(0);
    });
  });

  describe('recovery after an interrupted production change', () => {
    it('completes a promotion that was committed but not applied, on the next stage change of the model', async () => {
      await approvedStagingVersions('crash-forward', 1);
      await version('crash-forward').expect(201);
      const before = await getModel('crash-forward');
      const v1 = (await t.http.get(`${MODELS}/crash-forward/versions/1`).expect(200)).body;
      const repository = t.app.get(RegisteredModelsRepository);
      const ids = ['aaaaaaaaaaaaaaaaaaaaaaa1', 'aaaaaaaaaaaaaaaaaaaaaaa2'];
      // The state a crash right after the commit leaves: the pointer moved, the versions and the log untouched.
      const revision = (await t.app.get(ModelVersionsService).get('crash-forward', 1)).revision;
      await repository.beginProductionChange('crash-forward', before.productionVersion, {
        id: ids[0],
        toVersion: 1,
        toRevision: revision,
        toTransitionId: ids[1],
        fromVersion: null,
        fromProductionTransitionId: null,
        fromTransitionId: null,
        actor: { id: 'user:crashed-promoter', name: 'Crashed Promoter' },
        comment: 'interrupted',
        requestedAt: new Date(),
      });
      expect(await getModel('crash-forward')).toMatchObject({ productionVersion: 1, pendingProductionChange: { id: ids[0], toVersion: 1 } });
      expect(v1.stage).toBe('STAGING');

      await stage('crash-forward', 2, 'STAGING').expect(200);
      expect(await getModel('crash-forward')).toMatchObject({ productionVersion: 1, pendingProductionChange: null });
      expect((await t.http.get(`${MODELS}/crash-forward/versions/1`).expect(200)).body.stage).toBe('PRODUCTION');
      expect(await transitionsOf('crash-forward')).toContainEqual(
        expect.objectContaining({ id: ids[1], version: 1, from: 'STAGING', to: 'PRODUCTION', actor: { id: 'user:crashed-promoter', name: 'Crashed Promoter' }, comment: 'interrupted' }),
      );
    });

    it('puts the pointer back when the version changed after the interrupted commit', async () => {
      await approvedStagingVersions('crash-back', 1);
      const revision = (await t.app.get(ModelVersionsService).get('crash-back', 1)).revision;
      await t.app.get(RegisteredModelsRepository).beginProductionChange('crash-back', null, {
        id: 'bbbbbbbbbbbbbbbbbbbbbbb1',
        toVersion: 1,
        toRevision: revision,
        toTransitionId: 'bbbbbbbbbbbbbbbbbbbbbbb2',
        fromVersion: null,
        fromProductionTransitionId: null,
        fromTransitionId: null,
        actor: { id: 'user:crashed-promoter', name: 'Crashed Promoter' },
        comment: '',
        requestedAt: new Date(),
      });
      await check('crash-back', 1, 'risk-review', false).expect(200);

      const refused = await stage('crash-back', 1, 'PRODUCTION').expect(409);
      expect(refused.body.unmetItems).toEqual([{ key: 'risk-review', description: 'Risk committee sign-off' }]);
      expect(await getModel('crash-back')).toMatchObject({ productionVersion: null, pendingProductionChange: null });
      expect((await t.http.get(`${MODELS}/crash-back/versions/1`).expect(200)).body.stage).toBe('STAGING');
      expect((await transitionsOf('crash-back')).some((e) => e.to === 'PRODUCTION')).toBe(false);
    });
  });
});
