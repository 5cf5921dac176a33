import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { createTestApp, type TestApp } from '../harness/test-app.js';
import { businessDays, EVALUATION, returns } from './evaluation-fixtures.js';

const BASE = `${EVALUATION}/scenarios`;
const DATES = businessDays('2020-01-01', 300);
const BASELINE = returns(DATES, { seed: 1, drift: 0.0003, vol: 0.01 });
const BENCHMARK = returns(DATES, { seed: 2, drift: 0.0002, vol: 0.009 });

function scenario(name: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    baseline: { label: 'production v3', returns: BASELINE },
    benchmark: { label: 'KOSPI 200', returns: BENCHMARK },
    stressEvents: [{ name: 'covid crash', start: '2020-02-19', end: '2020-03-23', thresholds: [{ metric: 'maxDrawdown', comparator: '<=', value: 0.3 }] }],
    thresholds: [
      { metric: 'sharpe', comparator: '>=', baseline: { offset: -0.1 } },
      { metric: 'maxDrawdown', comparator: '<=', baseline: { factor: 1.2 }, severity: 'WARN' },
    ],
    compliance: { minHistory: { observations: 250 }, explainability: { required: true, maxFeatureShare: 0.4 } },
    ...extra,
  };
}

describe('evaluation scenarios', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp('evaluation-scenarios');
  });

  afterAll(async () => {
    await t.close();
  });

  it('creates a scenario with defaults applied and its series summarised, and reads it back', async () => {
    const created = await t.http.post(BASE).set('X-Actor', 'risk.desk').send(scenario('alpha-2020')).expect(201);
    expect(created.body).toMatchObject({
      name: 'alpha-2020',
      revision: 1,
      frequency: 'DAILY',
      riskFreeRate: null,
      modelName: null,
      createdBy: 'risk.desk',
      baseline: { label: 'production v3', metrics: null, returns: { count: 300, firstDate: DATES[0], lastDate: DATES[299] } },
      benchmark: { label: 'KOSPI 200', returns: { count: 300 } },
      thresholds: [
        { metric: 'sharpe', comparator: '>=', value: null, baseline: { factor: 1, offset: -0.1 }, severity: 'FAIL' },
        { metric: 'maxDrawdown', comparator: '<=', value: null, baseline: { factor: 1.2, offset: 0 }, severity: 'WARN' },
      ],
      compliance: { minHistory: { observations: 250, severity: 'FAIL' }, maxGapDays: null, gapSeverity: 'FAIL', explainability: { required: true, maxFeatureShare: 0.4, severity: 'FAIL' } },
    });
    const read = await t.http.get(`${BASE}/${created.body.id}`).expect(200);
    expect(read.body).toEqual(created.body);
  });

  it('refuses a duplicate name with 409, even when the requests race', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => t.http.post(BASE).send(scenario('race-dup'))));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(results.find((r) => r.status === 409)!.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('refuses malformed and inconsistent definitions with problem documents that name the fields', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ ...scenario('bad-1'), baseline: {} }, 'baseline', /metrics, its returns, or both/],
      [{ ...scenario('bad-2'), baseline: { returns: [] } }, 'baseline.returns', /must not be empty/],
      [{ ...scenario('bad-3'), baseline: { returns: [{ date: '2020-02-30', value: 0.01 }] } }, 'baseline.returns', /\[0\]\.date must be a calendar date/],
      [{ ...scenario('bad-4'), baseline: { returns: [{ date: '2020-01-02', value: 'x' }] } }, 'baseline.returns', /\[0\]\.value must be a number/],
      [{ ...scenario('bad-5'), baseline: { returns: [...BASELINE.slice(0, 5), BASELINE[2]] } }, 'baseline.returns', /repeats the date/],
      [{ ...scenario('bad-6'), thresholds: [{ metric: 'sharpe', comparator: '>=', value: 1, baseline: { offset: 0 } }] }, 'thresholds[0]', /exactly one of value/],
      [{ ...scenario('bad-7'), stressEvents: [{ name: 'x', start: '2020-03-01', end: '2020-02-01' }] }, 'stressEvents[0]', /starts \(2020-03-01\) after it ends/],
      [{ ...scenario('bad-8'), thresholds: [{ metric: 'sharpe', comparator: '=>', value: 1 }] }, 'thresholds.0.comparator', /comparator must be one of/],
      [{ ...scenario('bad-9'), surprise: true }, 'surprise', /should not exist/],
    ];
    for (const [body, field, message] of cases) {
      const res = await t.http.post(BASE).send(body).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, message: expect.stringMatching(message) })]));
    }
    const list = await t.http.get(`${BASE}?namePrefix=bad-`).expect(200);
    expect(list.body.items).toHaveLength(0);
  });

  it('makes every change a new revision and keeps each earlier revision readable', async () => {
    const created = await t.http.post(BASE).send(scenario('revised')).expect(201);
    const id = created.body.id;
    const patched = await t.http
      .patch(`${BASE}/${id}`)
      .set('X-Actor', 'reviewer')
      .send({ thresholds: [{ metric: 'sharpe', comparator: '>=', value: 0.8 }], benchmark: null })
      .expect(200);
    expect(patched.body).toMatchObject({ revision: 2, benchmark: null, updatedBy: 'reviewer', thresholds: [{ metric: 'sharpe', value: 0.8 }] });
    expect(patched.body.baseline.returns.count).toBe(300);
    const first = await t.http.get(`${BASE}/${id}/revisions/1`).expect(200);
    expect(first.body).toMatchObject({ scenarioId: id, revision: 1, benchmark: { label: 'KOSPI 200' }, thresholds: [{ metric: 'sharpe', baseline: { offset: -0.1 } }, {}] });
    const second = await t.http.get(`${BASE}/${id}/revisions/2`).expect(200);
    expect(second.body).toMatchObject({ revision: 2, createdBy: 'reviewer', benchmark: null });
    const revisions = await t.http.get(`${BASE}/${id}/revisions`).expect(200);
    expect(revisions.body.items.map((r: { revision: number }) => r.revision)).toEqual([2, 1]);
    await t.http.get(`${BASE}/${id}/revisions/3`).expect(404);
  });

  it('loses no change when changes race: each becomes its own revision', async () => {
    const created = await t.http.post(BASE).send(scenario('raced')).expect(201);
    const id = created.body.id;
    const results = await Promise.all(Array.from({ length: 4 }, (_, i) => t.http.patch(`${BASE}/${id}`).send({ description: `change ${i}` })));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const revisions = await t.http.get(`${BASE}/${id}/revisions`).expect(200);
    expect(revisions.body.items.map((r: { revision: number }) => r.revision)).toEqual([5, 4, 3, 2, 1]);
    const descriptions = revisions.body.items.slice(0, 4).map((r: { description: string }) => r.description).sort();
    expect(descriptions).toEqual(['change 0', 'change 1', 'change 2', 'change 3']);
  });

  it('refuses to clear a field that cannot be empty, and leaves the scenario unchanged', async () => {
    const created = await t.http.post(BASE).send(scenario('no-clear')).expect(201);
    const res = await t.http.patch(`${BASE}/${created.body.id}`).send({ baseline: null }).expect(400);
    expect(res.body.errors[0]).toMatchObject({ field: 'baseline' });
    const read = await t.http.get(`${BASE}/${created.body.id}`).expect(200);
    expect(read.body.revision).toBe(1);
  });

  it('answers 400 for a malformed id and 404 for an unknown one', async () => {
    await t.http.get(`${BASE}/not-an-id`).expect(400);
    const unknown = await t.http.get(`${BASE}/0123456789abcdef01234567`).expect(404);
    expect(unknown.body.detail).toContain('0123456789abcdef01234567');
    await t.http.patch(`${BASE}/0123456789abcdef01234567`).send({ description: 'x' }).expect(404);
  });

  it('filters by model and pages through every scenario once', async () => {
    for (let i = 0; i < 5; i++) await t.http.post(BASE).send(scenario(`paged-${i}`, { modelName: 'pager-model' })).expect(201);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { name: string }[]; nextCursor: string | null } } = await t.http
        .get(`${BASE}?modelName=pager-model&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      seen.push(...res.body.items.map((s) => s.name));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['paged-4', 'paged-3', 'paged-2', 'paged-1', 'paged-0']);
  });

  it('documents every evaluation endpoint with its request, response and problem answers', async () => {
    const { paths, components } = (await t.http.get('/api/docs-json').expect(200)).body;
    const expected: [string, string, string[]][] = [
      [`${EVALUATION}/scenarios`, 'post', ['201', '400', '409']],
      [`${EVALUATION}/scenarios`, 'get', ['200', '400']],
      [`${EVALUATION}/scenarios/{id}`, 'get', ['200', '400', '404']],
      [`${EVALUATION}/scenarios/{id}`, 'patch', ['200', '400', '404', '409']],
      [`${EVALUATION}/scenarios/{id}/revisions`, 'get', ['200', '400', '404']],
      [`${EVALUATION}/scenarios/{id}/revisions/{revision}`, 'get', ['200', '400', '404']],
      [`${EVALUATION}/runs`, 'post', ['202', '400', '404']],
      [`${EVALUATION}/runs`, 'get', ['200', '400']],
      [`${EVALUATION}/runs/{id}`, 'get', ['200', '400', '404']],
      [`${EVALUATION}/runs/{id}/report`, 'get', ['200', '400', '404', '409']],
      [`${EVALUATION}/runs/{id}/explainability`, 'post', ['201', '400', '404', '409']],
      [`${EVALUATION}/runs/{id}/explainability`, 'get', ['200', '400', '404']],
      [`${EVALUATION}/runs/{id}/explainability/{artifactId}`, 'get', ['200', '400', '404']],
    ];
    for (const [path, method, statuses] of expected) {
      expect({ path, method, statuses: Object.keys(paths[path]?.[method]?.responses ?? {}) }).toEqual({ path, method, statuses: expect.arrayContaining(statuses) });
    }
    expect(Object.keys(components.schemas)).toEqual(
      expect.arrayContaining(['CreateScenarioRequestDto', 'CreateRunRequestDto', 'EvaluatedRunResponseDto', 'EvaluationReportResponseDto', 'CreateExplainabilityArtifactRequestDto']),
    );
  });
});
