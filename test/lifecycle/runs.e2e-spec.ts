import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { createTestApp, type TestApp } from '../harness/test-app.js';

const EXPERIMENTS = '/api/v1/ml/lifecycle/experiments';
const RUNS = '/api/v1/ml/lifecycle/runs';
const UNKNOWN_ID = '0123456789abcdef01234567';

interface HistoryPoint {
  key: string;
  value: number | string;
  step: number;
  timestamp: number;
}

interface Point {
  key: string;
  value: number | string;
  step?: number;
  timestamp?: number;
}

describe('lifecycle runs', () => {
  let t: TestApp;
  let experimentId: string;

  beforeAll(async () => {
    t = await createTestApp('runs');
    experimentId = await createExperiment('runs-main');
  });

  afterAll(async () => {
    await t.close();
  });

  async function createExperiment(name: string): Promise<string> {
    return (await t.http.post(EXPERIMENTS).send({ name }).expect(201)).body.id;
  }

  async function createRun(body: Record<string, unknown> = {}): Promise<{ id: string; name: string }> {
    return (await t.http.post(RUNS).send({ experimentId, ...body }).expect(201)).body;
  }

  function logMetrics(runId: string, points: Point[]) {
    return t.http.post(`${RUNS}/${runId}/metrics`).send({ points });
  }

  async function history(runId: string, key: string, limit = 200): Promise<HistoryPoint[]> {
    const items: HistoryPoint[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: HistoryPoint[]; nextCursor: string | null } } = await t.http
        .get(`${RUNS}/${runId}/metrics/${encodeURIComponent(key)}?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    return items;
  }

  describe('creating and reading', () => {
    it('opens a RUNNING run with params, tags and times, and reads it back', async () => {
      const created = await t.http
        .post(RUNS)
        .send({ experimentId, name: 'lr-sweep-01', startTime: '2026-01-05T09:00:00.000Z', artifactUri: 's3://ml/runs/1/', params: { lr: '0.01' }, tags: { team: 'alpha' } })
        .expect(201);
      expect(created.body).toMatchObject({
        experimentId,
        name: 'lr-sweep-01',
        status: 'RUNNING',
        startTime: '2026-01-05T09:00:00.000Z',
        endTime: null,
        artifactUri: 's3://ml/runs/1/',
        params: { lr: '0.01' },
        tags: { team: 'alpha' },
        latestMetrics: {},
        artifacts: [],
      });
      const read = await t.http.get(`${RUNS}/${created.body.id}`).expect(200);
      expect(read.body).toEqual(created.body);
    });

    it('names a run from its id and starts it now when neither is given', async () => {
      const before = Date.now();
      const run = await t.http.post(RUNS).send({ experimentId }).expect(201);
      expect(run.body.name).toBe(`run-${run.body.id.slice(-8)}`);
      expect(Date.parse(run.body.startTime)).toBeGreaterThanOrEqual(before - 1000);
    });

    it('answers 404 for an unknown experiment and 409 for an archived one, creating nothing', async () => {
      const unknown = await t.http.post(RUNS).send({ experimentId: UNKNOWN_ID }).expect(404);
      expect(unknown.body.detail).toContain(UNKNOWN_ID);
      const archivedId = await createExperiment('runs-archived');
      await t.http.post(`${EXPERIMENTS}/${archivedId}/archive`).expect(200);
      const archived = await t.http.post(RUNS).send({ experimentId: archivedId }).expect(409);
      expect(archived.body.detail).toContain('archived');
      const search = await t.http.get(`${RUNS}?experimentIds=${archivedId},${UNKNOWN_ID}`).expect(200);
      expect(search.body.items).toEqual([]);
    });

    it('answers 400 for malformed ids in the path and the body, and 404 for an unknown run', async () => {
      const path = await t.http.get(`${RUNS}/not-an-id`).expect(400);
      expect(path.body.errors[0].field).toBe('id');
      const body = await t.http.post(RUNS).send({ experimentId: 'nope' }).expect(400);
      expect(body.body.errors[0].field).toBe('experimentId');
      await t.http.get(`${RUNS}/${UNKNOWN_ID}`).expect(404);
    });

    it('refuses keys that could become operators or paths, over-long values and unknown fields', async () => {
      const res = await t.http
        .post(RUNS)
        .send({ experimentId, params: { 'a.b': '1' }, tags: { $where: 'x' }, startTime: 'yesterday', extra: true })
        .expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['extra', 'params', 'startTime', 'tags']);
      const long = await t.http.post(RUNS).send({ experimentId, params: { note: 'x'.repeat(6001) } }).expect(400);
      expect(long.body.errors[0].message).toContain('at most 6000 characters');
    });
  });

  describe('ending a run', () => {
    it('ends a run once with its end time and never re-opens it', async () => {
      const run = await createRun({ startTime: '2026-01-05T09:00:00.000Z' });
      const ended = await t.http.patch(`${RUNS}/${run.id}`).send({ status: 'FINISHED', endTime: '2026-01-05T10:00:00.000Z' }).expect(200);
      expect(ended.body).toMatchObject({ status: 'FINISHED', startTime: '2026-01-05T09:00:00.000Z', endTime: '2026-01-05T10:00:00.000Z' });
      const reopen = await t.http.patch(`${RUNS}/${run.id}`).send({ status: 'RUNNING' }).expect(409);
      expect(reopen.body).toMatchObject({ from: 'FINISHED', to: 'RUNNING' });
      const again = await t.http.patch(`${RUNS}/${run.id}`).send({ status: 'FAILED' }).expect(409);
      expect(again.body).toMatchObject({ from: 'FINISHED', to: 'FAILED' });
      const read = await t.http.get(`${RUNS}/${run.id}`).expect(200);
      expect(read.body).toMatchObject({ status: 'FINISHED', endTime: '2026-01-05T10:00:00.000Z' });
    });

    it('refuses RUNNING as a target, an end before the start and an unknown status', async () => {
      const run = await createRun({ startTime: '2026-01-05T09:00:00.000Z' });
      await t.http.patch(`${RUNS}/${run.id}`).send({ status: 'RUNNING' }).expect(409);
      const early = await t.http.patch(`${RUNS}/${run.id}`).send({ status: 'FINISHED', endTime: '2026-01-05T08:00:00.000Z' }).expect(422);
      expect(early.body.errors[0].field).toBe('endTime');
      const unknown = await t.http.patch(`${RUNS}/${run.id}`).send({ status: 'DONE' }).expect(400);
      expect(unknown.body.errors[0].field).toBe('status');
      expect((await t.http.get(`${RUNS}/${run.id}`).expect(200)).body.status).toBe('RUNNING');
      await t.http.patch(`${RUNS}/${UNKNOWN_ID}`).send({ status: 'KILLED' }).expect(404);
    });

    it('lets exactly one of concurrent end requests win', async () => {
      const run = await createRun();
      const statuses = ['FINISHED', 'FAILED', 'KILLED', 'FINISHED', 'FAILED', 'KILLED', 'FINISHED', 'FAILED'];
      const results = await Promise.all(statuses.map((status) => t.http.patch(`${RUNS}/${run.id}`).send({ status })));
      const winners = results.filter((r) => r.status === 200);
      expect(winners).toHaveLength(1);
      expect(results.filter((r) => r.status === 409)).toHaveLength(statuses.length - 1);
      const read = await t.http.get(`${RUNS}/${run.id}`).expect(200);
      expect(read.body.status).toBe(winners[0].body.status);
    });
  });

  describe('params', () => {
    it('logs params, accepts the same value again and refuses a changed one with nothing written', async () => {
      const run = await createRun({ params: { lr: '0.01' } });
      await t.http.post(`${RUNS}/${run.id}/params`).send({ params: { lr: '0.01', lookback: '20' } }).expect(200);
      const conflict = await t.http.post(`${RUNS}/${run.id}/params`).send({ params: { lr: '0.02', lookback: '30', fresh: 'yes' } }).expect(409);
      expect(conflict.body.conflicts).toEqual([
        { key: 'lr', logged: '0.01', given: '0.02' },
        { key: 'lookback', logged: '20', given: '30' },
      ]);
      expect(conflict.body.detail).toContain("'lr', 'lookback'");
      const read = await t.http.get(`${RUNS}/${run.id}`).expect(200);
      expect(read.body.params).toEqual({ lr: '0.01', lookback: '20' });
    });

    it('refuses params for an ended run, an empty set and a bad key', async () => {
      const run = await createRun();
      await t.http.post(`${RUNS}/${run.id}/params`).send({ params: {} }).expect(400);
      const badKey = await t.http.post(`${RUNS}/${run.id}/params`).send({ params: { '$gt': '1' } }).expect(422);
      expect(badKey.body.errors[0].field).toBe('params');
      await t.http.patch(`${RUNS}/${run.id}`).send({ status: 'KILLED' }).expect(200);
      const ended = await t.http.post(`${RUNS}/${run.id}/params`).send({ params: { lr: '1' } }).expect(409);
      expect(ended.body.runStatus).toBe('KILLED');
      await t.http.post(`${RUNS}/${UNKNOWN_ID}/params`).send({ params: { lr: '1' } }).expect(404);
    });

    it('writes exactly one of several racing conflicting values', async () => {
      const run = await createRun();
      const results = await Promise.all(['a', 'b', 'c', 'd'].map((v) => t.http.post(`${RUNS}/${run.id}/params`).send({ params: { seed: v } })));
      expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
      const read = await t.http.get(`${RUNS}/${run.id}`).expect(200);
      expect(read.body.params.seed).toBe(results.find((r) => r.status === 200)!.body.params.seed);
    });
  });

  describe('metrics', () => {
    it('logs a batch, keeps the latest value per key and serves the history', async () => {
      const run = await createRun();
      const res = await logMetrics(run.id, [
        { key: 'loss', value: 0.9, step: 1, timestamp: 1000 },
        { key: 'loss', value: 0.5, step: 3, timestamp: 3000 },
        { key: 'loss', value: 0.7, step: 2, timestamp: 2000 },
        { key: 'sharpe', value: 1.1, step: 0, timestamp: 1000 },
      ]).expect(201);
      expect(res.body).toEqual({ accepted: 4 });
      const read = await t.http.get(`${RUNS}/${run.id}`).expect(200);
      expect(read.body.latestMetrics).toEqual({ loss: 0.5, sharpe: 1.1 });
      expect((await history(run.id, 'loss')).map((p) => p.value)).toEqual([0.9, 0.7, 0.5]);
    });

    it('keeps the later point when batches arrive out of order', async () => {
      const run = await createRun();
      await logMetrics(run.id, [{ key: 'loss', value: 0.1, step: 10, timestamp: 5000 }]).expect(201);
      await logMetrics(run.id, [{ key: 'loss', value: 0.9, step: 5, timestamp: 9000 }]).expect(201);
      await logMetrics(run.id, [{ key: 'loss', value: 0.2, step: 10, timestamp: 4000 }]).expect(201);
      expect((await t.http.get(`${RUNS}/${run.id}`).expect(200)).body.latestMetrics.loss).toBe(0.1);
      await logMetrics(run.id, [{ key: 'loss', value: 0.3, step: 10, timestamp: 6000 }]).expect(201);
      expect((await t.http.get(`${RUNS}/${run.id}`).expect(200)).body.latestMetrics.loss).toBe(0.3);
    });

    it('ends concurrent batches for the same key with the value of the highest step', async () => {
      const run = await createRun();
      // 12 batches of 50 points, steps interleaved across batches so that every batch races with the others.
      const batches = Array.from({ length: 12 }, (_, b) =>
        Array.from({ length: 50 }, (_, i) => {
          const step = i * 12 + b;
          return { key: 'pnl', value: step * 10, step, timestamp: 1_700_000_000_000 + step };
        }),
      );
      const results = await Promise.all(batches.reverse().map((points) => logMetrics(run.id, points)));
      expect(results.map((r) => r.status)).toEqual(Array(12).fill(201));
      const read = await t.http.get(`${RUNS}/${run.id}`).expect(200);
      expect(read.body.latestMetrics.pnl).toBe(599 * 10);
      const points = await history(run.id, 'pnl');
      expect(points.map((p) => p.step)).toEqual(Array.from({ length: 600 }, (_, s) => s));
    });

    it('refuses a batch of 1,001 points and writes nothing', async () => {
      const run = await createRun();
      const points = Array.from({ length: 1001 }, (_, step) => ({ key: 'loss', value: 1, step }));
      const res = await logMetrics(run.id, points).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toEqual([{ field: 'points', message: expect.stringContaining('at most 1000') }]);
      expect(await history(run.id, 'loss')).toEqual([]);
    });

    it('refuses a batch with one bad point, names it and writes nothing', async () => {
      const run = await createRun();
      const points: Point[] = Array.from({ length: 20 }, (_, step) => ({ key: 'loss', value: 1, step }));
      points[13] = { key: 'loss', value: 'high', step: 13 };
      const res = await logMetrics(run.id, points).expect(400);
      expect(res.body.errors).toEqual([{ field: 'points[13].value', message: expect.stringContaining('"NaN", "Infinity", "-Infinity"') }]);
      expect(await history(run.id, 'loss')).toEqual([]);
      expect((await t.http.get(`${RUNS}/${run.id}`).expect(200)).body.latestMetrics).toEqual({});
    });

    it('refuses metrics for an ended run (409), an unknown run (404) and a malformed id (400)', async () => {
      const run = await createRun();
      await t.http.patch(`${RUNS}/${run.id}`).send({ status: 'FINISHED' }).expect(200);
      const ended = await logMetrics(run.id, [{ key: 'loss', value: 1 }]).expect(409);
      expect(ended.body.detail).toContain('FINISHED');
      await logMetrics(UNKNOWN_ID, [{ key: 'loss', value: 1 }]).expect(404);
      await logMetrics('xyz', [{ key: 'loss', value: 1 }]).expect(400);
      await t.http.get(`${RUNS}/${UNKNOWN_ID}/metrics/loss`).expect(404);
      const badKey = await t.http.get(`${RUNS}/${run.id}/metrics/${encodeURIComponent('$gt')}`).expect(400);
      expect(badKey.body.errors[0].field).toBe('key');
    });

    it('round-trips NaN, Infinity and -Infinity as strings in the run and the history', async () => {
      const run = await createRun();
      await logMetrics(run.id, [
        { key: 'loss', value: 'NaN', step: 1 },
        { key: 'ratio', value: 'Infinity', step: 1 },
        { key: 'floor', value: '-Infinity', step: 1 },
        { key: 'ratio', value: 2.5, step: 0 },
      ]).expect(201);
      const read = await t.http.get(`${RUNS}/${run.id}`).expect(200);
      expect(read.body.latestMetrics).toEqual({ loss: 'NaN', ratio: 'Infinity', floor: '-Infinity' });
      expect((await history(run.id, 'ratio')).map((p) => p.value)).toEqual([2.5, 'Infinity']);
      expect((await history(run.id, 'loss')).map((p) => p.value)).toEqual(['NaN']);
      const overflow = await t.http.post(`${RUNS}/${run.id}/metrics`).set('Content-Type', 'application/json').send('{"points":[{"key":"x","value":1e999}]}').expect(400);
      expect(overflow.body.errors[0].field).toBe('points[0].value');
    });

    it('pages through a history by step, then timestamp, each point exactly once', async () => {
      const run = await createRun();
      const points = [
        { key: 'acc', value: 5, step: 2, timestamp: 100 },
        { key: 'acc', value: 3, step: 1, timestamp: 300 },
        { key: 'acc', value: 1, step: 0, timestamp: 900 },
        { key: 'acc', value: 4, step: 2, timestamp: 100 },
        { key: 'acc', value: 2, step: 1, timestamp: 200 },
        { key: 'acc', value: 6, step: 2, timestamp: 500 },
        { key: 'acc', value: 7, step: 3, timestamp: 0 },
      ];
      await logMetrics(run.id, points).expect(201);
      const pages: number[][] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { items: { value: number; step: number }[]; nextCursor: string | null } } = await t.http
          .get(`${RUNS}/${run.id}/metrics/acc?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
          .expect(200);
        pages.push(res.body.items.map((p) => p.step));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(pages).toEqual([[0, 1, 1], [2, 2, 2], [3]]);
      const all = await history(run.id, 'acc');
      expect(all.map((p) => p.timestamp)).toEqual([900, 200, 300, 100, 100, 500, 0]);
      expect(all.slice(3, 5).map((p) => p.value).sort()).toEqual([4, 5]);
      await t.http.get(`${RUNS}/${run.id}/metrics/acc?limit=201`).expect(400);
      await t.http.get(`${RUNS}/${run.id}/metrics/acc?cursor=bm90LWEtY3Vyc29y`).expect(400);
    });
  });

  describe('tags and artifacts', () => {
    it('sets and deletes tags at any status, answering 404 for a tag that is not set', async () => {
      const run = await createRun({ tags: { team: 'alpha' } });
      await t.http.patch(`${RUNS}/${run.id}`).send({ status: 'FINISHED' }).expect(200);
      const set = await t.http.put(`${RUNS}/${run.id}/tags/${encodeURIComponent('review/state')}`).send({ value: 'approved' }).expect(200);
      expect(set.body.tags).toEqual({ team: 'alpha', 'review/state': 'approved' });
      await t.http.delete(`${RUNS}/${run.id}/tags/team`).expect(204);
      await t.http.delete(`${RUNS}/${run.id}/tags/team`).expect(404);
      expect((await t.http.get(`${RUNS}/${run.id}`).expect(200)).body.tags).toEqual({ 'review/state': 'approved' });
      await t.http.put(`${RUNS}/${run.id}/tags/${encodeURIComponent('a.b')}`).send({ value: 'x' }).expect(400);
      await t.http.put(`${RUNS}/${run.id}/tags/t`).send({ value: 'x'.repeat(5001) }).expect(400);
      await t.http.put(`${RUNS}/${UNKNOWN_ID}/tags/t`).send({ value: 'x' }).expect(404);
    });

    it('records artifacts with a name unique per run, even under a race', async () => {
      const run = await createRun();
      const artifact = { name: 'model.onnx', uri: 's3://ml/runs/2/model.onnx', type: 'model', sizeBytes: 2048, checksum: 'sha256:9f86d081884c7d65' };
      const results = await Promise.all(Array.from({ length: 5 }, () => t.http.post(`${RUNS}/${run.id}/artifacts`).send(artifact)));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
      expect(results.find((r) => r.status === 201)!.body).toMatchObject(artifact);
      expect(results.find((r) => r.status === 409)!.body.detail).toContain("'model.onnx'");
      await t.http.post(`${RUNS}/${run.id}/artifacts`).send({ name: 'report', uri: 'not a uri', type: 'report' }).expect(400);
      await t.http.post(`${RUNS}/${run.id}/artifacts`).send({ name: 'plot.png', uri: 'gs://b/plot.png', type: 'plot' }).expect(201);
      const read = await t.http.get(`${RUNS}/${run.id}`).expect(200);
      expect(read.body.artifacts.map((a: { name: string }) => a.name)).toEqual(['model.onnx', 'plot.png']);
      expect(read.body.artifacts[1]).toMatchObject({ sizeBytes: null, checksum: null });
      await t.http.patch(`${RUNS}/${run.id}`).send({ status: 'FINISHED' }).expect(200);
      await t.http.post(`${RUNS}/${run.id}/artifacts`).send({ name: 'late', uri: 'gs://b/late', type: 'model' }).expect(409);
    });
  });

  describe('search', () => {
    let expA: string;
    let expB: string;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      expA = await createExperiment('search-a');
      expB = await createExperiment('search-b');
      const runs: [string, string, Record<string, number | string>, Record<string, string>, Record<string, string>, string | null][] = [
        ['r1', expA, { sharpe: 1.5, dd: -0.1 }, { lr: '0.01' }, { team: 'alpha' }, 'FINISHED'],
        ['r2', expA, { sharpe: 0.8 }, { lr: '0.01' }, { team: 'alpha' }, 'FINISHED'],
        ['r3', expA, { sharpe: 2.5 }, { lr: '0.1' }, { team: 'beta' }, null],
        ['r4', expA, { sharpe: 'NaN' }, { lr: '0.01' }, { team: 'alpha' }, 'FINISHED'],
        ['r5', expB, { sharpe: 'Infinity' }, { lr: '0.01' }, { team: 'alpha' }, 'FAILED'],
        ['r6', expB, {}, { lr: '0.01' }, {}, 'FINISHED'],
        ['r7', expB, { sharpe: '-Infinity' }, {}, { team: 'alpha' }, 'FINISHED'],
        ['r8', expB, { sharpe: 1.3 }, { lr: '0.01' }, { team: 'alpha' }, 'FINISHED'],
      ];
      let minute = 0;
      for (const [name, exp, metrics, params, tags, status] of runs) {
        const startTime = new Date(Date.UTC(2026, 1, 1, 0, minute++)).toISOString();
        const run = (await t.http.post(RUNS).send({ experimentId: exp, name, params, tags, startTime }).expect(201)).body;
        ids[name] = run.id;
        const points = Object.entries(metrics).map(([key, value]) => ({ key, value, step: 1 }));
        if (points.length > 0) await logMetrics(run.id, points).expect(201);
        if (status) await t.http.patch(`${RUNS}/${run.id}`).send({ status }).expect(200);
      }
    });

    async function names(query: string): Promise<string[]> {
      const res = await t.http.get(`${RUNS}?experimentIds=${expA},${expB}&limit=200&${query}`).expect(200);
      return res.body.items.map((r: { name: string }) => r.name);
    }

    const q = (filter: string, orderBy = 'startTime ASC') => `filter=${encodeURIComponent(filter)}&orderBy=${encodeURIComponent(orderBy)}`;

    it('combines metric, param, tag and status comparisons', async () => {
      expect(await names(q('metrics.sharpe > 1.2 and params.lr = "0.01" and tags.team = "alpha" and status = "FINISHED"'))).toEqual(['r1', 'r8']);
      expect(await names(q('status = "RUNNING"'))).toEqual(['r3']);
      expect(await names(q('params.lr != "0.01"'))).toEqual(['r3']);
      expect(await names(q('tags.team != "alpha" and status != "RUNNING"'))).toEqual([]);
      expect(await names(q('metrics.sharpe >= 1.5 and metrics.sharpe <= 2.5'))).toEqual(['r1', 'r3']);
      expect(await names(q('metrics.dd < 0'))).toEqual(['r1']);
    });

    it('compares infinities as numbers and never matches NaN, not even with !=', async () => {
      expect(await names(q('metrics.sharpe > 100'))).toEqual(['r5']);
      expect(await names(q('metrics.sharpe < -100'))).toEqual(['r7']);
      expect(await names(q('metrics.sharpe != 0.8'))).toEqual(['r1', 'r3', 'r5', 'r7', 'r8']);
      expect(await names(q('metrics.sharpe > -1e308 and metrics.sharpe < 1e308'))).toEqual(['r1', 'r2', 'r3', 'r8']);
    });

    it('searches only the experiments it is given', async () => {
      const res = await t.http.get(`${RUNS}?experimentIds=${expB}&orderBy=startTime%20ASC`).expect(200);
      expect(res.body.items.map((r: { name: string }) => r.name)).toEqual(['r5', 'r6', 'r7', 'r8']);
    });

    it('orders by a metric descending across pages, with NaN and missing values last', async () => {
      const seen: string[][] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { items: { name: string }[]; nextCursor: string | null } } = await t.http
          .get(`${RUNS}?experimentIds=${expA},${expB}&orderBy=${encodeURIComponent('metrics.sharpe DESC')}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
          .expect(200);
        seen.push(res.body.items.map((r) => r.name));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen.flat().slice(0, 6)).toEqual(['r5', 'r3', 'r1', 'r8', 'r2', 'r7']);
      expect(seen.flat().slice(6).sort()).toEqual(['r4', 'r6']);
      expect(seen.map((page) => page.length)).toEqual([3, 3, 2]);
    });

    it('orders by a metric ascending across pages, with NaN and missing values first', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { items: { name: string }[]; nextCursor: string | null } } = await t.http
          .get(`${RUNS}?experimentIds=${expA},${expB}&orderBy=metrics.sharpe&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
          .expect(200);
        seen.push(...res.body.items.map((r) => r.name));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen.slice(0, 2).sort()).toEqual(['r4', 'r6']);
      expect(seen.slice(2)).toEqual(['r7', 'r2', 'r8', 'r1', 'r3', 'r5']);
    });

    it('orders by start time and pages with a filter', async () => {
      const first = await t.http.get(`${RUNS}?experimentIds=${expA},${expB}&${q('tags.team = "alpha"', 'startTime DESC')}&limit=4`).expect(200);
      expect(first.body.items.map((r: { name: string }) => r.name)).toEqual(['r8', 'r7', 'r5', 'r4']);
      const rest = await t.http
        .get(`${RUNS}?experimentIds=${expA},${expB}&${q('tags.team = "alpha"', 'startTime DESC')}&limit=4&cursor=${encodeURIComponent(first.body.nextCursor)}`)
        .expect(200);
      expect(rest.body.items.map((r: { name: string }) => r.name)).toEqual(['r2', 'r1']);
      expect(rest.body.nextCursor).toBeNull();
    });

    it('answers a malformed filter or ordering with 400 naming the position and what was expected', async () => {
      const filter = await t.http.get(`${RUNS}?experimentIds=${expA}&filter=${encodeURIComponent('metrics.sharpe > "high"')}`).expect(400);
      expect(filter.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(filter.body).toMatchObject({ position: 18, expected: 'a number (metrics compare numerically)' });
      expect(filter.body.errors[0]).toEqual({ field: 'filter', message: expect.stringContaining('at position 18') });
      const order = await t.http.get(`${RUNS}?experimentIds=${expA}&orderBy=${encodeURIComponent('params.lr DESC')}`).expect(400);
      expect(order.body).toMatchObject({ position: 1, errors: [{ field: 'orderBy', message: expect.any(String) }] });
      const ids = await t.http.get(`${RUNS}?experimentIds=${expA},nope`).expect(400);
      expect(ids.body.errors[0].field).toBe('experimentIds');
      await t.http.get(RUNS).expect(400);
    });

    it('treats user text as values only, never as operators', async () => {
      expect(await names(q('params.lr = "{\\"$ne\\": null}"'))).toEqual([]);
      expect(await names(q('tags.team = ".*"'))).toEqual([]);
      await t.http.get(`${RUNS}?experimentIds=${expA}&filter[$ne]=x`).expect(400);
    });
  });
});
