import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';

import { createTestApp, type TestApp } from '../harness/test-app.js';
import { approvedTemplate, AUTHOR, PG, templateBody } from './prompt-fixtures.js';

const entry = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  caller: 'robo-advisor',
  timestamp: '2025-05-01T09:30:00Z',
  latencyMs: 100,
  tokensIn: 200,
  tokensOut: 50,
  cost: 0.001,
  outcome: 'success',
  ...extra,
});

describe('prompt governance usage logging', () => {
  let t: TestApp;
  let approvedId: string;

  beforeAll(async () => {
    t = await createTestApp('prompt_usage');
    approvedId = await approvedTemplate(t, 'usage-approved');
  });

  afterAll(async () => {
    await t.close();
  });

  it('records one execution and answers a retry with the same id as already recorded', async () => {
    const first = await t.http.post(`${PG}/templates/${approvedId}/1/usage`).send(entry('single-1')).expect(201);
    expect(first.body).toEqual({ index: 0, id: 'single-1', status: 'recorded', flags: [] });
    const retry = await t.http.post(`${PG}/templates/${approvedId}/1/usage`).send(entry('single-1', { latencyMs: 999 })).expect(200);
    expect(retry.body.status).toBe('duplicate');
    const list = await t.http.get(`${PG}/templates/${approvedId}/1/usage?caller=robo-advisor`).expect(200);
    expect(list.body.items.filter((e: { entryId: string }) => e.entryId === 'single-1')).toEqual([expect.objectContaining({ latencyMs: 100, approved: true, day: '2025-05-01' })]);
  });

  it('answers an invalid single entry with a 400 problem that lists the fields', async () => {
    const res = await t.http.post(`${PG}/templates/${approvedId}/1/usage`).send({ ...entry('bad'), latencyMs: -3, outcome: 'error', extra: 1 }).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['extra', 'latencyMs', 'errorCode']);
    await t.http.post(`${PG}/templates/${approvedId}/9/usage`).send(entry('nowhere')).expect(404);
    await t.http.post(`${PG}/templates/${approvedId}/1/usage`).set('Content-Type', 'application/json').send('[1,').expect(400);
  });

  it('records a batch entry by entry: bad entries and duplicates do not sink the good ones', async () => {
    await t.http.post(`${PG}/templates/${approvedId}/1/usage`).send(entry('batch-dup')).expect(201);
    const res = await t.http
      .post(`${PG}/templates/${approvedId}/1/usage/batch`)
      .send({ entries: [entry('batch-a'), { ...entry('batch-b'), tokensIn: 'many' }, entry('batch-dup'), entry('batch-c'), entry('batch-a'), 'nonsense'] })
      .expect(200);
    expect(res.body).toMatchObject({ recorded: 2, duplicates: 2, invalid: 2 });
    expect(res.body.results.map((r: { index: number; id: string | null; status: string }) => `${r.index}:${r.id}:${r.status}`)).toEqual([
      '0:batch-a:recorded',
      '1:batch-b:invalid',
      '2:batch-dup:duplicate',
      '3:batch-c:recorded',
      '4:batch-a:duplicate',
      '5:null:invalid',
    ]);
    expect(res.body.results[1].errors).toEqual([{ field: 'tokensIn', message: 'tokensIn must be an integer from 0 to 10000000' }]);
  });

  it('takes a full batch of 1,000 and refuses a larger or malformed one whole', async () => {
    const full = Array.from({ length: 1000 }, (_, i) => entry(`full-${i}`, { timestamp: '2025-05-02T10:00:00Z', latencyMs: i + 1 }));
    const res = await t.http.post(`${PG}/templates/${approvedId}/1/usage/batch`).send({ entries: full }).expect(200);
    expect(res.body).toMatchObject({ recorded: 1000, duplicates: 0, invalid: 0 });
    const tooMany = await t.http.post(`${PG}/templates/${approvedId}/1/usage/batch`).send({ entries: [...full, entry('one-more')] }).expect(400);
    expect(tooMany.body.errors[0]).toEqual({ field: 'entries', message: 'entries must hold 1 to 1000 items' });
    await t.http.post(`${PG}/templates/${approvedId}/1/usage/batch`).send({ entries: [] }).expect(400);
    await t.http.post(`${PG}/templates/${approvedId}/1/usage/batch`).send([entry('x')]).expect(400);
    await t.http.post(`${PG}/templates/${approvedId}/1/usage/batch`).send({ entries: [entry('x')], extra: true }).expect(400);
  });

  it('counts a retried batch once', async () => {
    const batch = { entries: [entry('retry-1'), entry('retry-2')] };
    const [a, b] = await Promise.all([
      t.http.post(`${PG}/templates/${approvedId}/1/usage/batch`).send(batch),
      t.http.post(`${PG}/templates/${approvedId}/1/usage/batch`).send(batch),
    ]);
    expect(a.body.recorded + b.body.recorded).toBe(2);
    expect(a.body.duplicates + b.body.duplicates).toBe(2);
  });

  it('flags toxic output, personal data in the output and usage of an unapproved version', async () => {
    const draft = await t.http.post(`${PG}/templates`).set(t.as('alice')).send(templateBody('usage-draft')).expect(201);
    const draftId = draft.body.template.id;
    const res = await t.http
      .post(`${PG}/templates/${draftId}/1/usage/batch`)
      .send({
        entries: [
          entry('flag-1', { timestamp: '2025-05-03T08:00:00Z', output: 'Sure, you idiot, here it is.' }),
          entry('flag-2', { timestamp: '2025-05-03T08:00:01Z', output: 'Contact jane@example.com' }),
          entry('flag-3', { timestamp: '2025-05-03T08:00:02Z', output: 'Your summary is ready.' }),
        ],
      })
      .expect(200);
    expect(res.body.results.map((r: { flags: string[] }) => r.flags)).toEqual([['unapproved-version', 'toxic-output'], ['unapproved-version', 'pii-in-output'], ['unapproved-version']]);
    const clean = await t.http.post(`${PG}/templates/${approvedId}/1/usage`).send(entry('flag-4', { output: 'All good.' })).expect(201);
    expect(clean.body.flags).toEqual([]);
    const flagged = await t.http.get(`${PG}/templates/${draftId}/1/usage?flagged=true`).expect(200);
    expect(flagged.body.items).toHaveLength(3);
    const stats = await t.http.get(`${PG}/templates/${draftId}/usage/stats?from=2025-05-03&to=2025-05-03`).expect(200);
    expect(stats.body.items).toEqual([expect.objectContaining({ count: 3, flaggedCount: 3, flaggedRate: 1, unapprovedCount: 3 })]);
  });

  it('stores the hash of the variables, and their raw values only when the template allows it', async () => {
    const variables = { client_name: 'Kim', document: 'Q2' };
    const expectedHash = createHash('sha256').update('{"client_name":"Kim","document":"Q2"}').digest('hex');
    await t.http.post(`${PG}/templates/${approvedId}/1/usage`).send(entry('vars-1', { timestamp: '2025-08-01T00:00:00Z', variables: { document: 'Q2', client_name: 'Kim' } })).expect(201);
    const rawId = await approvedTemplate(t, 'usage-raw', { logRawVariables: true });
    await t.http.post(`${PG}/templates/${rawId}/1/usage`).send(entry('vars-2', { variables })).expect(201);
    const [hashed] = (await t.http.get(`${PG}/templates/${approvedId}/1/usage?from=2025-08-01T00:00:00Z`).expect(200)).body.items;
    expect(hashed).toMatchObject({ entryId: 'vars-1', variablesHash: expectedHash, variables: null });
    const raw = (await t.http.get(`${PG}/templates/${rawId}/1/usage`).expect(200)).body.items[0];
    expect(raw).toMatchObject({ variablesHash: expectedHash, variables });
  });

  it('gives per version and day the count, error rate, p50/p95 latency, tokens and cost', async () => {
    const id = await approvedTemplate(t, 'usage-stats');
    await t.http.post(`${PG}/templates/${id}/versions`).set(t.as(AUTHOR)).send({ template: 'v2 {{x}}', variables: [{ name: 'x' }], modelSettings: { model: 'm' } }).expect(201);
    const day1 = Array.from({ length: 20 }, (_, i) =>
      entry(`s1-${i}`, { timestamp: `2025-06-01T${String(i).padStart(2, '0')}:00:00Z`, latencyMs: (i + 1) * 10, tokensIn: 10, tokensOut: 5, cost: 0.5, ...(i % 4 === 0 && { outcome: 'error', errorCode: 'timeout' }) }),
    );
    const day2 = [entry('s2-0', { timestamp: '2025-06-02T00:00:00Z', latencyMs: 7 }), entry('s2-1', { timestamp: '2025-06-02T23:59:59.999Z', latencyMs: 9 })];
    await t.http.post(`${PG}/templates/${id}/1/usage/batch`).send({ entries: [...day1, ...day2] }).expect(200);
    await t.http.post(`${PG}/templates/${id}/2/usage`).send(entry('v2-0', { timestamp: '2025-06-01T12:00:00+09:00', latencyMs: 42 })).expect(201);

    const stats = await t.http.get(`${PG}/templates/${id}/usage/stats?from=2025-06-01&to=2025-06-30`).expect(200);
    expect(stats.body).toMatchObject({ from: '2025-06-01', to: '2025-06-30' });
    expect(stats.body.items).toEqual([
      {
        version: 1,
        day: '2025-06-01',
        count: 20,
        errorCount: 5,
        errorRate: 0.25,
        flaggedCount: 0,
        flaggedRate: 0,
        unapprovedCount: 0,
        latencyMs: { p50: 100, p95: 190, avg: 105, max: 200 },
        tokensIn: 200,
        tokensOut: 100,
        cost: 10,
      },
      expect.objectContaining({ version: 1, day: '2025-06-02', count: 2, latencyMs: { p50: 7, p95: 9, avg: 8, max: 9 } }),
      expect.objectContaining({ version: 2, day: '2025-06-01', count: 1, unapprovedCount: 1, flaggedRate: 1, latencyMs: { p50: 42, p95: 42, avg: 42, max: 42 } }),
    ]);
    const onlyV2 = await t.http.get(`${PG}/templates/${id}/usage/stats?from=2025-06-01&to=2025-06-30&version=2`).expect(200);
    expect(onlyV2.body.items.map((r: { version: number }) => r.version)).toEqual([2]);
  });

  it('refuses a stats range that is reversed, too long or malformed', async () => {
    await t.http.get(`${PG}/templates/${approvedId}/usage/stats?from=2025-06-02&to=2025-06-01`).expect(422);
    const long = await t.http.get(`${PG}/templates/${approvedId}/usage/stats?from=2025-01-01&to=2025-06-01`).expect(422);
    expect(long.body.detail).toContain('at most 92');
    await t.http.get(`${PG}/templates/${approvedId}/usage/stats?from=2025-6-1`).expect(400);
    const unreal = await t.http.get(`${PG}/templates/${approvedId}/usage/stats?from=2025-02-30&to=2025-03-05`).expect(400);
    expect(unreal.body.errors[0]).toEqual({ field: 'from', message: 'from must be a real day written YYYY-MM-DD' });
    await t.http.get(`${PG}/templates/0123456789abcdef01234567/usage/stats`).expect(404);
  });

  it('pages through usage entries newest first and filters by time and outcome', async () => {
    const id = await approvedTemplate(t, 'usage-paging');
    const entries = Array.from({ length: 7 }, (_, i) => entry(`p-${i}`, { timestamp: `2025-07-01T0${i}:00:00Z`, ...(i === 3 && { outcome: 'error', errorCode: 'boom' }) }));
    await t.http.post(`${PG}/templates/${id}/1/usage/batch`).send({ entries }).expect(200);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { entryId: string }[]; nextCursor: string | null } } = await t.http.get(`${PG}/templates/${id}/1/usage?limit=3${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
      seen.push(...res.body.items.map((e) => e.entryId));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['p-6', 'p-5', 'p-4', 'p-3', 'p-2', 'p-1', 'p-0']);
    const window = await t.http.get(`${PG}/templates/${id}/1/usage?from=2025-07-01T02:00:00Z&to=2025-07-01T04:00:00Z`).expect(200);
    expect(window.body.items.map((e: { entryId: string }) => e.entryId)).toEqual(['p-3', 'p-2']);
    const errors = await t.http.get(`${PG}/templates/${id}/1/usage?outcome=error`).expect(200);
    expect(errors.body.items).toEqual([expect.objectContaining({ entryId: 'p-3', errorCode: 'boom' })]);
    // Only true and false: a 1 was once taken, and read as false.
    await t.http.get(`${PG}/templates/${id}/1/usage?flagged=1`).expect(400);
  });
});
