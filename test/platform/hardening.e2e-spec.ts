import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';

import { createTestApp, type TestApp } from '../harness/test-app.js';

const LIFECYCLE = '/api/v1/ml/lifecycle';
const MAX_METRIC_KEYS = 50;

/** Each finding of the black-box review that belongs to the platform as a whole, reproduced and now refused. */
describe('hardening against the black-box review', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp('hardening', { RUN_MAX_METRIC_KEYS: String(MAX_METRIC_KEYS) });
  });

  afterAll(async () => {
    await t.close();
  });

  describe('finding 5: deeply nested JSON', () => {
    it('answers 9.8 MB of nested brackets with a 400 before parsing, and stays responsive meanwhile', async () => {
      const body = '['.repeat(9.8 * 1024 * 1024);
      const started = Date.now();
      const [deep, live] = await Promise.all([
        t.http.post(`${LIFECYCLE}/experiments`).set('Content-Type', 'application/json').send(body),
        (async () => {
          await new Promise((resolve) => setTimeout(resolve, 50));
          return request(t.url).get('/health/live');
        })(),
      ]);
      expect(deep.status).toBe(400);
      expect(deep.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(deep.body).toMatchObject({ type: expect.stringContaining('json-too-deep'), detail: expect.stringContaining('32 levels') });
      expect(live.status).toBe(200);
      // Generous for a loaded CI machine; the unbounded parse took minutes.
      expect(Date.now() - started).toBeLessThan(20_000);
    });

    it('answers 10,000 levels of objects with a 400, not a 500, and accepts 32 levels', async () => {
      const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
      const res = await t.http.post(`${LIFECYCLE}/experiments`).set('Content-Type', 'application/json').send(deep).expect(400);
      expect(res.body.title).toBe('JSON nested too deeply');
      const fine = `{"name":"depth-32","tags":["x"],"description":${'['.repeat(30)}${']'.repeat(30)}}`;
      const accepted = await t.http.post(`${LIFECYCLE}/experiments`).set('Content-Type', 'application/json').send(fine);
      expect(accepted.status).toBe(400);
      expect(new Set(accepted.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['description']));
    });
  });

  describe('finding 7: unbounded distinct metric keys', () => {
    it('refuses a batch that would take a run past the cap with 409, writing nothing', async () => {
      const experiment = await t.http.post(`${LIFECYCLE}/experiments`).send({ name: 'many-keys' }).expect(201);
      const run = await t.http.post(`${LIFECYCLE}/runs`).send({ experimentId: experiment.body.id }).expect(201);
      const points = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ key: `k${from + i}`, value: i, step: 0 }));
      await t.http.post(`${LIFECYCLE}/runs/${run.body.id}/metrics`).send({ points: points(0, 40) }).expect(201);
      const refused = await t.http.post(`${LIFECYCLE}/runs/${run.body.id}/metrics`).send({ points: points(40, 11) }).expect(409);
      expect(refused.body).toMatchObject({ limit: MAX_METRIC_KEYS, held: 40 });
      const after = (await t.http.get(`${LIFECYCLE}/runs/${run.body.id}`).expect(200)).body;
      expect(Object.keys(after.latestMetrics)).toHaveLength(40);
      expect((await t.http.get(`${LIFECYCLE}/runs/${run.body.id}/metrics/k45`).expect(200)).body.items).toEqual([]);
      // Known keys never count twice.
      await t.http.post(`${LIFECYCLE}/runs/${run.body.id}/metrics`).send({ points: [...points(0, 40), ...points(40, 10)] }).expect(201);
    });

    it('lets concurrent batches of new keys together stay within the cap', async () => {
      const experiment = await t.http.post(`${LIFECYCLE}/experiments`).send({ name: 'racing-keys' }).expect(201);
      const run = await t.http.post(`${LIFECYCLE}/runs`).send({ experimentId: experiment.body.id }).expect(201);
      const batch = (n: number) => ({ points: Array.from({ length: 20 }, (_, i) => ({ key: `b${n}-${i}`, value: 1, step: 0 })) });
      const results = await Promise.all([0, 1, 2, 3, 4].map((n) => t.http.post(`${LIFECYCLE}/runs/${run.body.id}/metrics`).send(batch(n))));
      expect(results.map((r) => r.status).sort()).toEqual([201, 201, 409, 409, 409]);
      const after = (await t.http.get(`${LIFECYCLE}/runs/${run.body.id}`).expect(200)).body;
      expect(Object.keys(after.latestMetrics)).toHaveLength(40);
    });
  });

  describe('finding 8: null for a field that is not nullable', () => {
    it('refuses {"name": null} on an experiment with 400 and keeps the name', async () => {
      const experiment = await t.http.post(`${LIFECYCLE}/experiments`).send({ name: 'keep-my-name' }).expect(201);
      const res = await t.http.patch(`${LIFECYCLE}/experiments/${experiment.body.id}`).send({ name: null }).expect(400);
      expect(res.body.errors).toEqual([{ field: 'name', message: expect.stringContaining('must not be null') }]);
      expect((await t.http.get(`${LIFECYCLE}/experiments/${experiment.body.id}`).expect(200)).body.name).toBe('keep-my-name');
      await t.http.post(`${LIFECYCLE}/models`).send({ name: 'null-checklist' }).expect(201);
      await t.http.patch(`${LIFECYCLE}/models/null-checklist`).send({ defaultChecklist: null }).expect(400);
      await t.http.post(`${LIFECYCLE}/models/null-checklist/versions`).send({ artifactUri: 's3://m', metrics: { sharpe: 1 }, params: { lr: null } }).expect(400);
    });
  });

  describe('finding 9: security headers and CORS', () => {
    it('sends nosniff, frame, HSTS and CSP headers on the API, the docs and errors, and never X-Powered-By', async () => {
      for (const res of [await t.http.get(`${LIFECYCLE}/experiments`), await request(t.url).get('/api/docs'), await request(t.url).get(`${LIFECYCLE}/experiments`)]) {
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
        expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
        expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
        expect(res.headers['x-powered-by']).toBeUndefined();
      }
    });

    it('grants no cross-origin access unless CORS_ORIGINS is set', async () => {
      const preflight = await request(t.url).options(`${LIFECYCLE}/experiments`).set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      const res = await t.http.get(`${LIFECYCLE}/experiments`).set('Origin', 'https://evil.example').expect(200);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('finding 10: methods a path does not support', () => {
    it('answers 405 with Allow for an unsupported method on a known path, and OPTIONS lists the methods', async () => {
      const trace = await request(t.url).trace('/health/live').expect(405);
      expect(trace.headers.allow).toBe('GET, HEAD, OPTIONS');
      const put = await t.http.put(`${LIFECYCLE}/experiments`).send({}).expect(405);
      expect(put.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(put.headers.allow).toBe('GET, HEAD, POST, OPTIONS');
      const options = await t.http.options(`${LIFECYCLE}/experiments/0123456789abcdef01234567`).expect(204);
      expect(options.headers.allow).toBe('GET, HEAD, PATCH, OPTIONS');
      await t.http.get('/api/v1/no-such-thing').expect(404);
    });

    it('does not let a method of a templated path capture a concrete one: PATCH …/diff is 405, not a version edit', async () => {
      const res = await t.http.patch('/api/v1/prompt-governance/templates/0123456789abcdef01234567/diff?from=1&to=2').send({}).expect(405);
      expect(res.headers.allow).toBe('GET, HEAD, OPTIONS');
    });
  });
});
