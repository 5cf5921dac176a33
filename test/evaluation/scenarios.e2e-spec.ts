import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { scenarioCreatedAudit, scenarioRevisedAudit } from '../../src/evaluation/scenarios/scenario-audit.js';
import { definitionFromInput } from '../../src/evaluation/scenarios/scenario-input.js';
import { ScenariosRepository } from '../../src/evaluation/scenarios/scenarios.repository.js';
import { createTestApp, type TestApp } from '../harness/test-app.js';
import { ALICE, AUDIT, BOB, businessDays, EVALUATION, returns, TESTER } from './evaluation-fixtures.js';

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
    // Only verification appends drafts left behind here, so a test can see exactly when that happens.
    t = await createTestApp('evaluation-scenarios', { AUDIT_HEAL_INTERVAL_MS: '3600000' });
  });

  afterAll(async () => {
    await t.close();
  });

  it('creates a scenario with defaults applied and its series summarised, and reads it back', async () => {
    const created = await t.http.post(BASE).set(t.as('alice')).send(scenario('alpha-2020')).expect(201);
    expect(created.body).toMatchObject({
      name: 'alpha-2020',
      revision: 1,
      frequency: 'DAILY',
      riskFreeRate: null,
      modelName: null,
      createdBy: ALICE,
      updatedBy: ALICE,
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
    // 400 for what breaks the documented schema, 422 for what fits it but breaks a rule between values.
    const cases: [Record<string, unknown>, number, string | RegExp, RegExp][] = [
      [{ ...scenario('bad-1'), baseline: {} }, 400, 'baseline', /metrics, its returns, or both/],
      [{ ...scenario('bad-2'), baseline: { returns: [] } }, 400, 'baseline.returns', /must not be empty/],
      [{ ...scenario('bad-3'), baseline: { returns: [{ date: '2020-02-30', value: 0.01 }] } }, 400, 'baseline.returns', /\[0\]\.date must be a calendar date/],
      [{ ...scenario('bad-4'), baseline: { returns: [{ date: '2020-01-02', value: 'x' }] } }, 400, 'baseline.returns', /\[0\]\.value must be a number/],
      [{ ...scenario('bad-5'), baseline: { returns: [...BASELINE.slice(0, 5), BASELINE[2]] } }, 422, 'baseline.returns', /repeats the date/],
      [{ ...scenario('bad-6'), thresholds: [{ metric: 'sharpe', comparator: '>=', value: 1, baseline: { offset: 0 } }] }, 400, 'thresholds[0]', /exactly one of value/],
      [{ ...scenario('bad-7'), stressEvents: [{ name: 'x', start: '2020-03-01', end: '2020-02-01' }] }, 422, 'stressEvents[0]', /starts \(2020-03-01\) after it ends/],
      [{ ...scenario('bad-8'), thresholds: [{ metric: 'sharpe', comparator: '=>', value: 1 }] }, 400, 'thresholds.0.comparator', /comparator must be one of/],
      [{ ...scenario('bad-9'), surprise: true }, 400, 'surprise', /should not exist/],
      [{ name: 'bad-10' }, 400, 'baseline', /baseline should not be null or undefined/],
      [{ ...scenario('bad-11'), baseline: null }, 400, 'baseline', /baseline must not be null/],
      [{ ...scenario('bad-12'), description: null }, 400, 'description', /description must not be null/],
      [{ ...scenario('bad-13'), compliance: { minHistory: null } }, 400, 'compliance.minHistory', /minHistory must not be null/],
      [{ ...scenario('bad-14'), thresholds: [{ metric: 'sharpe', comparator: '>=', value: null, baseline: { offset: 0 } }] }, 400, /^thresholds(\.0|\[0\])\.value$/, /value must not be null/],
    ];
    for (const [body, status, field, message] of cases) {
      const res = await t.http.post(BASE).send(body).expect(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const named = typeof field === 'string' ? field : expect.stringMatching(field);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: named, message: expect.stringMatching(message) })]));
    }
    const list = await t.http.get(`${BASE}?namePrefix=bad-`).expect(200);
    expect(list.body.items).toHaveLength(0);
  });

  it('answers 400, never 500, to missing parts, nulls, wrong types and arrays in place of objects, and writes nothing', async () => {
    const base = { name: 'fuzz', baseline: { returns: BASELINE.slice(0, 20) } };
    const bodies: unknown[] = [
      {},
      [],
      [base],
      { name: 'fuzz' },
      { ...base, name: null },
      { ...base, name: 7 },
      { ...base, baseline: 'production' },
      { ...base, baseline: 7 },
      { ...base, baseline: [{ metrics: { sharpe: 1 } }] },
      { ...base, baseline: { returns: {} } },
      { ...base, baseline: { metrics: [] } },
      { ...base, baseline: { metrics: null, returns: BASELINE.slice(0, 20) } },
      { ...base, benchmark: {} },
      { ...base, benchmark: { returns: null } },
      { ...base, benchmark: [] },
      { ...base, period: {} },
      { ...base, period: [] },
      { ...base, frequency: null },
      { ...base, frequency: 5 },
      { ...base, riskFreeRate: '0.01' },
      { ...base, stressEvents: {} },
      { ...base, stressEvents: [{}] },
      { ...base, stressEvents: [null] },
      { ...base, stressEvents: [[]] },
      { ...base, stressEvents: [{ name: 'crash', start: '2020-02-19', end: '2020-03-23', thresholds: [null] }] },
      { ...base, thresholds: 'sharpe >= 1' },
      { ...base, thresholds: [[]] },
      { ...base, thresholds: [{ metric: 'sharpe', comparator: '>=', baseline: [] }] },
      { ...base, thresholds: [{ metric: 'sharpe', comparator: '>=', baseline: null }] },
      { ...base, thresholds: [{ metric: null, comparator: '>=', value: 1 }] },
      { ...base, compliance: null },
      { ...base, compliance: [] },
      { ...base, compliance: { minHistory: { observations: null } } },
      { ...base, compliance: { minHistory: [] } },
      { ...base, compliance: { explainability: [] } },
      { ...base, compliance: { explainability: { maxFeatureShare: null } } },
      { ...base, compliance: { maxGapDays: 1.5 } },
    ];
    for (const body of bodies) {
      const res = await t.http.post(BASE).send(body as object);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors.length).toBeGreaterThan(0);
    }
    const list = await t.http.get(`${BASE}?namePrefix=fuzz`).expect(200);
    expect(list.body.items).toHaveLength(0);

    const created = await t.http.post(BASE).send(scenario('fuzz-target')).expect(201);
    const changes: [Record<string, unknown>, string][] = [
      [{ name: null }, 'name'],
      [{ baseline: null }, 'baseline'],
      [{ stressEvents: null }, 'stressEvents'],
      [{ compliance: null }, 'compliance'],
      [{ baseline: [] }, 'baseline'],
      [{ thresholds: [null] }, 'thresholds'],
      [{ period: [] }, 'period'],
      [{ benchmark: {} }, 'benchmark.returns'],
      [{ compliance: { explainability: null } }, 'compliance.explainability'],
    ];
    for (const [change, field] of changes) {
      const res = await t.http.patch(`${BASE}/${created.body.id}`).send(change);
      expect({ change, status: res.status }).toEqual({ change, status: 400 });
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
    const read = await t.http.get(`${BASE}/${created.body.id}`).expect(200);
    expect(read.body.revision).toBe(1);
  });

  it('makes every change a new revision and keeps each earlier revision readable', async () => {
    const created = await t.http.post(BASE).send(scenario('revised')).expect(201);
    const id = created.body.id;
    const patched = await t.http
      .patch(`${BASE}/${id}`)
      .set(t.as('bob'))
      .send({ thresholds: [{ metric: 'sharpe', comparator: '>=', value: 0.8 }], benchmark: null })
      .expect(200);
    expect(patched.body).toMatchObject({ revision: 2, benchmark: null, createdBy: TESTER, updatedBy: BOB, thresholds: [{ metric: 'sharpe', value: 0.8 }] });
    expect(patched.body.baseline.returns.count).toBe(300);
    const first = await t.http.get(`${BASE}/${id}/revisions/1`).expect(200);
    expect(first.body).toMatchObject({ scenarioId: id, revision: 1, createdBy: TESTER, benchmark: { label: 'KOSPI 200' }, thresholds: [{ metric: 'sharpe', baseline: { offset: -0.1 } }, {}] });
    const second = await t.http.get(`${BASE}/${id}/revisions/2`).expect(200);
    expect(second.body).toMatchObject({ revision: 2, createdBy: BOB, benchmark: null });
    const revisions = await t.http.get(`${BASE}/${id}/revisions`).expect(200);
    expect(revisions.body.items.map((r: { revision: number }) => r.revision)).toEqual([2, 1]);
    await t.http.get(`${BASE}/${id}/revisions/3`).expect(404);
    const notANumber = await t.http.get(`${BASE}/${id}/revisions/two`).expect(400);
    expect(notANumber.body.errors).toEqual([expect.objectContaining({ field: 'revision' })]);
  });

  it('makes no revision of a change that changes nothing', async () => {
    const created = await t.http.post(BASE).send(scenario('unchanged')).expect(201);
    const empty = await t.http.patch(`${BASE}/${created.body.id}`).send({}).expect(200);
    const same = await t.http.patch(`${BASE}/${created.body.id}`).send({ name: 'unchanged', thresholds: scenario('unchanged').thresholds }).expect(200);
    expect([empty.body.revision, same.body.revision]).toEqual([1, 1]);
    const revisions = await t.http.get(`${BASE}/${created.body.id}/revisions`).expect(200);
    expect(revisions.body.items).toHaveLength(1);
  });

  it('records the creation and each revision in the platform audit, naming who acted', async () => {
    const created = await t.http.post(BASE).set(t.as('alice')).send(scenario('audited')).expect(201);
    const id = created.body.id;
    await t.http.patch(`${BASE}/${id}`).set(t.as('bob')).send({ description: 'tighter limits', benchmark: null }).expect(200);
    await t.http.patch(`${BASE}/${id}`).set(t.as('bob')).send({}).expect(200);
    const audit = await t.http.get(`${AUDIT}?resourceType=evaluation-scenario&resourceId=${id}`).expect(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        actor: BOB,
        action: 'evaluation.scenario.revised',
        resource: { type: 'evaluation-scenario', id },
        context: { revision: 2 },
        outcome: 'SUCCEEDED',
        before: { revision: 1 },
        after: { revision: 2, changedFields: ['description', 'benchmark'] },
      }),
      expect.objectContaining({
        actor: ALICE,
        action: 'evaluation.scenario.created',
        resource: { type: 'evaluation-scenario', id },
        context: { revision: 1 },
        before: null,
        after: { revision: 1, name: 'audited', modelName: null },
      }),
    ]);
    expect(JSON.stringify(audit.body).length).toBeLessThan(4000);
    const verified = await t.http.get(`${AUDIT}/verify`).expect(200);
    expect(verified.body).toMatchObject({ intact: true, firstBreak: null });
  });

  it('appends the entry of a change whose process stopped before appending it', async () => {
    const repository = t.app.get(ScenariosRepository);
    const definition = definitionFromInput({ name: 'interrupted', baseline: { metrics: { sharpe: 1 } } }, 1000);
    const longAgo = new Date(Date.now() - 60_000);
    // A process that wrote the scenario (and the draft with it) and stopped before appending the entry.
    const { scenario: stored } = await repository.create(definition, ALICE, (id) => ({ ...scenarioCreatedAudit(ALICE, id, definition), at: longAgo }));
    const revisedDraft = { ...scenarioRevisedAudit(BOB, stored.id, 1, ['description']), at: new Date(longAgo.getTime() + 1) };
    await repository.replace(stored.id, 1, { ...definition, description: 'changed' }, BOB, revisedDraft);
    const before = await t.http.get(`${AUDIT}?resourceType=evaluation-scenario&resourceId=${stored.id}`).expect(200);
    expect(before.body.items).toHaveLength(0);

    const verified = await t.http.get(`${AUDIT}/verify`).expect(200);
    expect(verified.body).toMatchObject({ intact: true, draftsAppended: 2 });
    const after = await t.http.get(`${AUDIT}?resourceType=evaluation-scenario&resourceId=${stored.id}`).expect(200);
    expect(after.body.items.map((e: { action: string; actor: unknown }) => [e.action, e.actor])).toEqual([
      ['evaluation.scenario.revised', BOB],
      ['evaluation.scenario.created', ALICE],
    ]);
    expect(await repository.waitingDrafts(new Date(), 10)).toEqual([]);
    await t.http.get(`${AUDIT}/verify`).expect(200).expect((res) => expect(res.body.draftsAppended).toBe(0));
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
    const expected: [string, string, string[], string][] = [
      [`${EVALUATION}/scenarios`, 'post', ['201', '400', '409', '422'], 'editor'],
      [`${EVALUATION}/scenarios`, 'get', ['200', '400'], 'viewer'],
      [`${EVALUATION}/scenarios/{id}`, 'get', ['200', '400', '404'], 'viewer'],
      [`${EVALUATION}/scenarios/{id}`, 'patch', ['200', '400', '404', '409', '422'], 'editor'],
      [`${EVALUATION}/scenarios/{id}/revisions`, 'get', ['200', '400', '404'], 'viewer'],
      [`${EVALUATION}/scenarios/{id}/revisions/{revision}`, 'get', ['200', '400', '404'], 'viewer'],
      [`${EVALUATION}/runs`, 'post', ['202', '400', '404', '422'], 'editor'],
      [`${EVALUATION}/runs`, 'get', ['200', '400'], 'viewer'],
      [`${EVALUATION}/runs/{id}`, 'get', ['200', '400', '404'], 'viewer'],
      [`${EVALUATION}/runs/{id}/report`, 'get', ['200', '400', '404', '409'], 'viewer'],
      [`${EVALUATION}/runs/{id}/explainability`, 'post', ['201', '400', '404', '409', '422'], 'editor'],
      [`${EVALUATION}/runs/{id}/explainability`, 'get', ['200', '400', '404'], 'viewer'],
      [`${EVALUATION}/runs/{id}/explainability/{artifactId}`, 'get', ['200', '400', '404'], 'viewer'],
    ];
    const objectId = { type: 'string', pattern: '^[0-9a-fA-F]{24}$' };
    for (const [path, method, statuses, role] of expected) {
      const operation = paths[path]?.[method] ?? {};
      expect({ path, method, statuses: Object.keys(operation.responses ?? {}), roles: operation['x-required-roles'] }).toEqual({
        path,
        method,
        statuses: expect.arrayContaining([...statuses, '401', '403']),
        roles: [role],
      });
      const ids = (operation.parameters ?? []).filter((p: { in: string; name: string }) => p.in === 'path' && p.name !== 'revision');
      expect({ path, ids: ids.map((p: { schema: unknown }) => p.schema) }).toEqual({ path, ids: ids.map(() => objectId) });
    }
    const revision = paths[`${EVALUATION}/scenarios/{id}/revisions/{revision}`].get.parameters.find((p: { name: string }) => p.name === 'revision');
    expect(revision.schema).toEqual({ type: 'integer', minimum: 1 });
    expect(Object.keys(components.schemas)).toEqual(
      expect.arrayContaining(['CreateScenarioRequestDto', 'CreateRunRequestDto', 'EvaluatedRunResponseDto', 'EvaluationReportResponseDto', 'CreateExplainabilityArtifactRequestDto']),
    );
    const property = (schema: string, name: string) => components.schemas[schema].properties[name];
    for (const [schema, name] of [
      ['ScenarioResponseDto', 'revision'],
      ['SeriesSummaryDto', 'count'],
      ['MinHistoryDto', 'observations'],
      ['ComplianceRulesDto', 'maxGapDays'],
      ['CandidateDto', 'version'],
      ['RunResponseDto', 'scenarioRevision'],
      ['RunResponseDto', 'attempts'],
      ['HygieneDto', 'points'],
      ['ReportComplianceDto', 'failed'],
    ]) {
      expect({ schema, name, type: property(schema, name).type }).toEqual({ schema, name, type: 'integer' });
    }
    for (const [schema, name] of [
      ['ScenarioResponseDto', 'createdBy'],
      ['ScenarioResponseDto', 'updatedBy'],
      ['ScenarioRevisionResponseDto', 'createdBy'],
      ['RunResponseDto', 'requestedBy'],
      ['ExplainabilityArtifactResponseDto', 'createdBy'],
      ['ReportRunDto', 'requestedBy'],
      ['ReportScenarioDto', 'revisedBy'],
    ]) {
      expect({ schema, name, actor: property(schema, name) }).toMatchObject({ schema, name, actor: { nullable: true, allOf: [{ $ref: '#/components/schemas/ActorResponseDto' }] } });
    }
    expect(JSON.stringify(paths[`${EVALUATION}/scenarios`])).not.toMatch(/X-Actor/i);
  });
});
