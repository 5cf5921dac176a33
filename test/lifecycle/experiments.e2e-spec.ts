import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { createTestApp, type TestApp } from '../harness/test-app.js';

const BASE = '/api/v1/ml/lifecycle/experiments';

describe('lifecycle experiments', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp('experiments');
  });

  afterAll(async () => {
    await t.close();
  });

  it('creates an experiment and reads it back', async () => {
    const created = await t.http.post(BASE).send({ name: 'alpha-1', description: 'first', tags: ['fx'], owner: 'desk-a' }).expect(201);
    expect(created.body).toMatchObject({ name: 'alpha-1', description: 'first', tags: ['fx'], owner: 'desk-a', archived: false });
    const read = await t.http.get(`${BASE}/${created.body.id}`).expect(200);
    expect(read.body).toEqual(created.body);
  });

  it('refuses a duplicate name with 409, even when the requests race', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => t.http.post(BASE).send({ name: 'race-dup' })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    const conflict = results.find((r) => r.status === 409)!;
    expect(conflict.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(conflict.body.detail).toContain("'race-dup' already exists");
  });

  it('answers 400 for a malformed id and 404 for an unknown one', async () => {
    const malformed = await t.http.get(`${BASE}/not-an-id`).expect(400);
    expect(malformed.body.errors[0]).toMatchObject({ field: 'id' });
    const unknown = await t.http.get(`${BASE}/0123456789abcdef01234567`).expect(404);
    expect(unknown.body.detail).toContain('0123456789abcdef01234567');
  });

  it('updates fields and refuses a rename onto an existing name', async () => {
    const a = await t.http.post(BASE).send({ name: 'rename-a', owner: 'desk-r' }).expect(201);
    await t.http.post(BASE).send({ name: 'rename-b' }).expect(201);
    const patched = await t.http.patch(`${BASE}/${a.body.id}`).send({ description: 'changed', tags: ['x', 'y'] }).expect(200);
    expect(patched.body).toMatchObject({ name: 'rename-a', description: 'changed', tags: ['x', 'y'], owner: 'desk-r' });
    const unchanged = await t.http.patch(`${BASE}/${a.body.id}`).send({}).expect(200);
    expect(unchanged.body).toMatchObject({ name: 'rename-a', description: 'changed', owner: 'desk-r' });
    await t.http.patch(`${BASE}/${a.body.id}`).send({ name: 'rename-b' }).expect(409);
    const badTags = await t.http.patch(`${BASE}/${a.body.id}`).send({ tags: 'not-a-list' }).expect(400);
    expect(badTags.body.errors[0].field).toBe('tags');
    const after = await t.http.get(`${BASE}/${a.body.id}`).expect(200);
    expect(after.body.name).toBe('rename-a');
  });

  it('archives and restores, refusing to repeat either transition', async () => {
    const e = await t.http.post(BASE).send({ name: 'to-archive', tags: ['archive-test'] }).expect(201);
    const archived = await t.http.post(`${BASE}/${e.body.id}/archive`).expect(200);
    expect(archived.body.archived).toBe(true);
    expect(archived.body.archivedAt).not.toBeNull();
    await t.http.post(`${BASE}/${e.body.id}/archive`).expect(409);
    const hidden = await t.http.get(`${BASE}?tag=archive-test`).expect(200);
    expect(hidden.body.items).toHaveLength(0);
    const shown = await t.http.get(`${BASE}?tag=archive-test&includeArchived=true`).expect(200);
    expect(shown.body.items.map((x: { id: string }) => x.id)).toEqual([e.body.id]);
    // Only true and false: a 1 was once taken, and read as false.
    const one = await t.http.get(`${BASE}?tag=archive-test&includeArchived=1`).expect(400);
    expect(one.body.errors[0].field).toBe('includeArchived');
    const restored = await t.http.post(`${BASE}/${e.body.id}/restore`).expect(200);
    expect(restored.body).toMatchObject({ archived: false, archivedAt: null });
    await t.http.post(`${BASE}/${e.body.id}/restore`).expect(409);
  });

  it('filters by name prefix, tag and owner, treating the prefix as text', async () => {
    await t.http.post(BASE).send({ name: 'pfx.one', owner: 'o1', tags: ['t1'] }).expect(201);
    await t.http.post(BASE).send({ name: 'pfx.two', owner: 'o2', tags: ['t1'] }).expect(201);
    await t.http.post(BASE).send({ name: 'pfxXthree', owner: 'o1' }).expect(201);
    const byPrefix = await t.http.get(`${BASE}?namePrefix=pfx.`).expect(200);
    expect(byPrefix.body.items.map((x: { name: string }) => x.name).sort()).toEqual(['pfx.one', 'pfx.two']);
    const byOwnerAndTag = await t.http.get(`${BASE}?owner=o1&tag=t1`).expect(200);
    expect(byOwnerAndTag.body.items.map((x: { name: string }) => x.name)).toEqual(['pfx.one']);
  });

  it('pages through every experiment exactly once with a stable order', async () => {
    for (let i = 0; i < 7; i++) await t.http.post(BASE).send({ name: `page-${i}`, tags: ['paging'] }).expect(201);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { name: string }[]; nextCursor: string | null } } = await t.http
        .get(`${BASE}?tag=paging&limit=3${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...res.body.items.map((x) => x.name));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['page-6', 'page-5', 'page-4', 'page-3', 'page-2', 'page-1', 'page-0']);
  });

  it('caps the page size at 200 and rejects a cursor that names no position', async () => {
    const tooMany = await t.http.get(`${BASE}?limit=201`).expect(400);
    expect(tooMany.body.errors[0].field).toBe('limit');
    const forged = await t.http.get(`${BASE}?cursor=bm90LWEtY3Vyc29y`).expect(400);
    expect(forged.body.errors[0].field).toBe('cursor');
  });

  it('reads a cursor written by hand as the position it names, and an empty one as the first page', async () => {
    for (const name of ['by-hand-0', 'by-hand-1', 'by-hand-2']) await t.http.post(BASE).send({ name, tags: ['by-hand'] }).expect(201);
    const all = (await t.http.get(`${BASE}?tag=by-hand`).expect(200)).body.items as { name: string; createdAt: string; id: string }[];
    expect(all.map((e) => e.name)).toEqual(['by-hand-2', 'by-hand-1', 'by-hand-0']);
    const after = await t.http.get(`${BASE}?tag=by-hand&cursor=${Date.parse(all[0].createdAt)}_${all[0].id}`).expect(200);
    expect(after.body.items.map((e: { name: string }) => e.name)).toEqual(['by-hand-1', 'by-hand-0']);
    const first = await t.http.get(`${BASE}?tag=by-hand&cursor=`).expect(200);
    expect(first.body.items).toHaveLength(3);
  });
});
