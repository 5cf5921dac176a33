import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import request from 'supertest';

import { createTestApp, type TestApp } from '../harness/test-app.js';

describe('platform cross-cutting behaviour', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp('platform', { BODY_LIMIT: '64kb' });
  });

  afterAll(async () => {
    await t.close();
  });

  it('answers liveness without touching dependencies', async () => {
    const res = await t.http.get('/health/live').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('reports readiness with MongoDB and Redis both up', async () => {
    const res = await t.http.get('/health/ready').expect(200);
    expect(res.body.checks.mongodb.status).toBe('up');
    expect(res.body.checks.redis.status).toBe('up');
  });

  it('echoes a given X-Request-Id and makes one when none is given', async () => {
    const given = await t.http.get('/health/live').set('X-Request-Id', 'trace-123').expect(200);
    expect(given.headers['x-request-id']).toBe('trace-123');
    const made = await t.http.get('/health/live').expect(200);
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown route with a 404 problem document', async () => {
    const res = await t.http.get('/api/v1/nowhere').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, title: 'Resource not found', type: expect.stringContaining('not-found') });
  });

  it('answers malformed JSON with a 400 problem document', async () => {
    const res = await t.http.post('/api/v1/ml/lifecycle/experiments').set('Content-Type', 'application/json').send('{"name": ').expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.detail).toMatch(/not valid JSON/);
  });

  it('answers a body over the configured limit with 413 and stores nothing', async () => {
    const huge = { name: 'too-big', description: 'x'.repeat(100 * 1024) };
    const res = await t.http.post('/api/v1/ml/lifecycle/experiments').send(huge).expect(413);
    expect(res.body).toMatchObject({ status: 413, type: expect.stringContaining('payload-too-large') });
    const list = await t.http.get('/api/v1/ml/lifecycle/experiments?namePrefix=too-big').expect(200);
    expect(list.body.items).toHaveLength(0);
  });

  it('answers field errors with a 400 that lists every field', async () => {
    const res = await t.http.post('/api/v1/ml/lifecycle/experiments').send({ name: '', tags: 'not-a-list', extra: 1 }).expect(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'tags', 'extra']));
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
  });

  it('refuses query operators smuggled into filters', async () => {
    const bracket = await t.http.get('/api/v1/ml/lifecycle/experiments?owner[$ne]=x').expect(400);
    expect(bracket.body.errors[0].field).toBe('owner[$ne]');
    const body = await t.http.post('/api/v1/ml/lifecycle/experiments').send({ name: 'smuggle', owner: { $ne: null } }).expect(400);
    expect(body.body.errors.map((e: { field: string }) => e.field)).toContain('owner');
  });

  it('serves the OpenAPI document with the problem schema and every lifecycle path', async () => {
    const res = await t.http.get('/api/docs-json').expect(200);
    expect(res.body.components.schemas.ProblemDetailsDto).toBeDefined();
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/v1/ml/lifecycle/experiments', '/api/v1/ml/lifecycle/experiments/{id}']));
    const create = res.body.paths['/api/v1/ml/lifecycle/experiments'].post;
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['201', '400', '409']));
    await t.http.get('/api/docs').expect(200);
  });

  it('serves the queue dashboard over every queue under /admin/queues, to admins only', async () => {
    const admin = t.agent('admin');
    const page = await admin.get('/admin/queues').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['x-powered-by']).toBeUndefined();
    const api = await admin.get('/admin/queues/api/queues').expect(200);
    expect(api.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(['evaluation', 'retraining']);
  });

  it('refuses the queue dashboard to anonymous callers (401) and to non-admins (403), so nobody else can pause a queue', async () => {
    const anonymous = await request(t.url).put('/admin/queues/api/queues/evaluation/pause').expect(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(anonymous.headers['x-powered-by']).toBeUndefined();
    await request(t.url).get('/admin/queues/api/queues').expect(401);
    await t.http.put('/admin/queues/api/queues/evaluation/pause').expect(403);
    await t.agent('viewer').get('/admin/queues/api/queues').expect(403);
    const queues = (await t.agent('admin').get('/admin/queues/api/queues').expect(200)).body.queues as { name: string; isPaused: boolean }[];
    expect(queues.find((q) => q.name === 'evaluation')?.isPaused).toBe(false);
  });

  // Last: it stops this suite's Redis.
  it('answers readiness with a 503 problem naming Redis once Redis is down, while liveness stays up', async () => {
    await t.services.redis.stop();
    const res = await t.http.get('/health/ready').expect(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.detail).toBe('Not ready: redis is down');
    expect(res.body.checks.mongodb.status).toBe('up');
    expect(res.body.checks.redis.status).toBe('down');
    await t.http.get('/health/live').expect(200);
  });
});
