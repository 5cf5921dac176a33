import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';

import { computeSeriesMetrics } from '../../src/evaluation/metrics/series-metrics.js';
import { EvaluationRunsRepository } from '../../src/evaluation/runs/evaluation-runs.repository.js';
import { createTestApp, createTestWorker, type TestApp } from '../harness/test-app.js';
import { businessDays, EVALUATION, normals, QUANT_ALICE, QUANT_BOB, returns, TESTER, waitFor, waitForRun, type Point } from './evaluation-fixtures.js';

const RUNS = `${EVALUATION}/runs`;
const SCENARIOS = `${EVALUATION}/scenarios`;
const MODELS = '/api/v1/ml/lifecycle/models';
const MODEL = 'momentum-kr';

const DATES = businessDays('2019-06-03', 600);
const MARKET = normals(7, DATES.length).map((z) => 0.01 * z);
const BASELINE = returns(DATES, { seed: 11, drift: 0.0006, vol: 0.006, market: MARKET, beta: 0.9 });
const BENCHMARK = DATES.map((date, i) => ({ date, value: 0.0002 + MARKET[i] }));
const GOOD = returns(DATES, { seed: 12, drift: 0.0013, vol: 0.005, market: MARKET, beta: 0.7 });
const BAD = returns(DATES, { seed: 13, drift: -0.0006, vol: 0.012, market: MARKET, beta: 1.3 });
const COVID = { name: 'covid crash', start: '2020-02-19', end: '2020-03-23' };

function scenarioBody(name: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    modelName: MODEL,
    riskFreeRate: 0.02,
    baseline: { label: 'production v3', returns: BASELINE },
    benchmark: { label: 'KOSPI 200', returns: BENCHMARK },
    stressEvents: [{ ...COVID, thresholds: [{ metric: 'maxDrawdown', comparator: '<=', value: 0.35 }] }],
    thresholds: [
      { metric: 'sharpe', comparator: '>=', baseline: { offset: -0.1 } },
      { metric: 'maxDrawdown', comparator: '<=', baseline: { factor: 1.2 } },
      { metric: 'hitRate', comparator: '>=', value: 0.4, severity: 'WARN' },
    ],
    compliance: { minHistory: { observations: 500 } },
    ...extra,
  };
}

describe('evaluation runs through the worker', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let scenarioId: string;
  let nextVersion = 1;

  async function registerVersion(): Promise<number> {
    const res = await t.http.post(`${MODELS}/${MODEL}/versions`).send({ artifactUri: `s3://models/${MODEL}/${nextVersion}`, metrics: { sharpe: 1 } }).expect(201);
    nextVersion++;
    return res.body.version;
  }

  /** The run once the worker is done with it, including writing the verdict onto its model version. */
  async function settled(id: string): Promise<Record<string, any>> {
    const run = await waitForRun(t.http, id);
    if (run.status !== 'COMPLETED' || run.candidate.modelName === null) return run;
    // The verdict is written onto the model version just after the run completes.
    return waitFor(() => t.http.get(`${RUNS}/${id}`).then((r) => r.body), (body) => body.verdictRecordedAt !== null);
  }

  async function evaluate(candidate: Record<string, unknown>, scenario = scenarioId): Promise<Record<string, any>> {
    const accepted = await t.http.post(RUNS).set(t.as('quant.alice')).send({ scenarioId: scenario, candidate }).expect(202);
    return settled(accepted.body.id);
  }

  beforeAll(async () => {
    t = await createTestApp('evaluation-runs');
    worker = await createTestWorker();
    await t.http
      .post(MODELS)
      .send({ name: MODEL, defaultChecklist: [{ key: 'evaluation', description: 'The evaluation harness passed the version', required: true }] })
      .expect(201);
    scenarioId = (await t.http.post(SCENARIOS).send(scenarioBody('kr-momentum-main')).expect(201)).body.id;
  });

  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  it('evaluates a passing candidate through the worker and writes the verdict onto its model version', async () => {
    const version = await registerVersion();
    const accepted = await t.http.post(RUNS).set(t.as('quant.alice')).send({ scenarioId, candidate: { modelName: MODEL, version, returns: GOOD } }).expect(202);
    expect(accepted.body).toMatchObject({ status: 'QUEUED', location: `${RUNS}/${accepted.body.id}` });
    expect(accepted.headers.location).toBe(`${RUNS}/${accepted.body.id}`);

    const run = await settled(accepted.body.id);
    expect(run).toMatchObject({ status: 'COMPLETED', complianceStatus: 'PASSED', scenarioRevision: 1, requestedBy: QUANT_ALICE, attempts: 1, failure: null });
    const expected = computeSeriesMetrics(
      { dates: DATES, values: GOOD.map((p) => p.value as number) },
      { periodsPerYear: 252, riskFreeRate: 0.02, benchmark: { dates: DATES, values: BENCHMARK.map((p) => p.value) } },
    );
    for (const [metric, value] of Object.entries(expected.values)) expect(run.outcome.candidate.metrics[metric]).toBeCloseTo(value as number, 10);
    expect(run.outcome.candidate.drawdown).toEqual(expected.drawdown);
    expect(run.outcome.conventions).toMatchObject({ periodsPerYear: 252, riskFreeRate: 0.02, period: { start: DATES[0], end: DATES[599] } });

    const sharpe = run.outcome.comparison.find((c: { metric: string }) => c.metric === 'sharpe');
    expect(sharpe).toMatchObject({ direction: 'HIGHER_IS_BETTER', better: true, candidate: expected.values.sharpe, baseline: run.outcome.baseline.metrics.sharpe });
    expect(sharpe.absoluteDelta).toBeCloseTo(sharpe.candidate - sharpe.baseline, 12);
    expect(run.outcome.significance).toMatchObject({ test: 'JOBSON_KORKIE_MEMMEL', observations: 600 });
    const covid = run.outcome.stressWindows[0];
    expect(covid).toMatchObject({ name: 'covid crash', candidate: { metrics: { observations: DATES.filter((d) => d >= COVID.start && d <= COVID.end).length } } });
    expect(run.compliance.checks.every((c: { outcome: string }) => c.outcome === 'PASS')).toBe(true);

    const registered = await t.http.get(`${MODELS}/${MODEL}/versions/${version}`).expect(200);
    expect(registered.body.latestEvaluation).toMatchObject({ evaluationRunId: run.id, scenarioId, scenarioRevision: 1, status: 'PASSED' });
    expect(registered.body.checklist.find((i: { key: string }) => i.key === 'evaluation')).toMatchObject({ checked: true });
    expect(Date.parse(run.verdictRecordedAt)).toBeGreaterThanOrEqual(Date.parse(run.completedAt));
  });

  it('fails a candidate that breaches its limits, saying why for each check, and unchecks the checklist item', async () => {
    const version = await registerVersion();
    const run = await evaluate({ modelName: MODEL, version, returns: BAD });
    expect(run).toMatchObject({ status: 'COMPLETED', complianceStatus: 'FAILED' });
    const failed = run.compliance.checks.filter((c: { outcome: string }) => c.outcome === 'FAIL');
    expect(failed.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['sharpe >= baseline - 0.1', 'maxDrawdown <= 1.2 × baseline']));
    const sharpe = failed.find((c: { name: string }) => c.name === 'sharpe >= baseline - 0.1');
    expect(sharpe.observed).toBeLessThan(sharpe.limit);
    expect(sharpe.message).toMatch(/^sharpe is -?[\d.]+, below the limit of -?[\d.]+ \(baseline -?[\d.]+ - 0\.1\); a breach fails the run\.$/);
    const registered = await t.http.get(`${MODELS}/${MODEL}/versions/${version}`).expect(200);
    expect(registered.body.latestEvaluation).toMatchObject({ evaluationRunId: run.id, status: 'FAILED' });
    expect(registered.body.latestEvaluation.summary).toContain('failed: sharpe >= baseline - 0.1');
    expect(registered.body.checklist.find((i: { key: string }) => i.key === 'evaluation')).toMatchObject({ checked: false });
  });

  it('passes with warnings when only a warning threshold is breached', async () => {
    const scenario = await t.http
      .post(SCENARIOS)
      .send(scenarioBody('kr-momentum-strict-hit-rate', { thresholds: [{ metric: 'hitRate', comparator: '>=', value: 0.9, severity: 'WARN' }] }))
      .expect(201);
    const version = await registerVersion();
    const run = await evaluate({ modelName: MODEL, version, returns: GOOD }, scenario.body.id);
    expect(run.complianceStatus).toBe('PASSED_WITH_WARNINGS');
    const warned = run.compliance.checks.filter((c: { outcome: string }) => c.outcome === 'WARN');
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatchObject({ name: 'hitRate >= 0.9', severity: 'WARN', limit: 0.9 });
    expect(warned[0].message).toContain('a breach only warns');
    const registered = await t.http.get(`${MODELS}/${MODEL}/versions/${version}`).expect(200);
    expect(registered.body.latestEvaluation.status).toBe('PASSED_WITH_WARNINGS');
    expect(registered.body.checklist.find((i: { key: string }) => i.key === 'evaluation')).toMatchObject({ checked: true });
  });

  it('refuses bad requests with problem documents and creates no run', async () => {
    const version = await registerVersion();
    const before = await t.http.get(`${RUNS}?limit=200`).expect(200);
    const cases: [unknown, number, RegExp][] = [
      [{ scenarioId: '0123456789abcdef01234567', candidate: { modelName: MODEL, version, returns: GOOD } }, 404, /Scenario '0123456789abcdef01234567' does not exist/],
      [{ scenarioId, candidate: { modelName: MODEL, version: 999, returns: GOOD } }, 404, /Model version/],
      [{ scenarioId, candidate: { modelName: 'no-such-model', version: 1, returns: GOOD } }, 404, /no-such-model/],
      [{ scenarioId, candidate: { lifecycleRunId: '0123456789abcdef01234567', metrics: { sharpe: 1 } } }, 404, /0123456789abcdef01234567/],
      [{ scenarioId, candidate: { modelName: MODEL, version, returns: [] } }, 400, /returns must not be empty/],
      [{ scenarioId, candidate: { modelName: MODEL, version, returns: [{ date: '2020-13-01', value: 0.01 }] } }, 400, /returns\[0\]\.date must be a calendar date/],
      [{ scenarioId, candidate: { modelName: MODEL, version, returns: [{ date: '2020-01-02' }] } }, 400, /returns\[0\]\.value is required/],
      [{ scenarioId, candidate: { modelName: MODEL, version, returns: 'not a series' } }, 400, /must be an array/],
      [{ scenarioId, candidate: { modelName: MODEL, version } }, 400, /metrics, returns, or both/],
      [{ scenarioId, candidate: { modelName: MODEL, returns: GOOD } }, 400, /modelName and candidate.version go together/],
      [{ scenarioId, candidate: { modelName: MODEL, version, lifecycleRunId: '0123456789abcdef01234567', returns: GOOD } }, 400, /either a model version/],
      [{ scenarioId, candidate: { modelName: MODEL, version, returns: GOOD, metrics: { sharpe: 2 } } }, 400, /repeats sharpe/],
      [{ scenarioId: 'nope', candidate: { modelName: MODEL, version, returns: GOOD } }, 400, /scenarioId must be a 24-character/],
      [{ scenarioId: '665f1c2b9d1e8a0012345678' }, 400, /candidate should not be null or undefined/],
      [{ scenarioId }, 400, /candidate should not be null or undefined/],
      [{ scenarioId, candidate: null }, 400, /candidate (must|should) not be null/],
      [{ scenarioId, candidate: [] }, 400, /candidate must be an object/],
      [{ scenarioId, candidate: [{ modelName: MODEL, version, returns: GOOD }] }, 400, /candidate must be an object/],
      [{ scenarioId, candidate: 'momentum v1' }, 400, /candidate must be an object/],
      [{ scenarioId, candidate: {} }, 400, /either a model version/],
      [{ scenarioId, candidate: { modelName: null, version, returns: GOOD } }, 400, /modelName must not be null/],
      [{ scenarioId, candidate: { modelName: MODEL, version: null, returns: GOOD } }, 400, /version must not be null/],
      [{ scenarioId, candidate: { modelName: MODEL, version: 1.5, returns: GOOD } }, 400, /version must be an integer/],
      [{ scenarioId, candidate: { lifecycleRunId: null, metrics: { sharpe: 1 } } }, 400, /lifecycleRunId must not be null/],
      [{ scenarioId, candidate: { modelName: MODEL, version, metrics: null, returns: GOOD } }, 400, /metrics must not be null/],
      [{ scenarioId, candidate: { modelName: MODEL, version, metrics: [1] } }, 400, /metrics must be an object/],
      [{ scenarioId, candidate: { modelName: MODEL, version, returns: null } }, 400, /returns must not be null/],
      [{ scenarioId, candidate: { modelName: MODEL, version, returns: GOOD, label: null } }, 400, /label must not be null/],
      [{ scenarioId: null, candidate: { modelName: MODEL, version, returns: GOOD } }, 400, /scenarioId must (not be null|be a 24-character)/],
      [[{ scenarioId, candidate: { modelName: MODEL, version, returns: GOOD } }], 400, /scenarioId/],
    ];
    for (const [body, status, detail] of cases) {
      const res = await t.http.post(RUNS).send(body as object);
      expect({ request: body, status: res.status, body: res.body }).toMatchObject({ request: body, status });
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.detail).toMatch(detail);
      expect(JSON.stringify(res.body)).not.toMatch(/\n\s+at /);
    }
    const after = await t.http.get(`${RUNS}?limit=200`).expect(200);
    expect(after.body.items.length).toBe(before.body.items.length);
  });

  it('does not silently accept a dirty series: each hygiene problem fails a check of its own', async () => {
    const dirty: Point[] = GOOD.slice(0, 520).filter((_, i) => i < 200 || i > 215);
    dirty.push({ ...dirty[10] }, { date: '2030-01-02', value: 0.01 });
    dirty[50] = { date: dirty[50].date, value: null };
    const version = await registerVersion();
    const run = await evaluate({ modelName: MODEL, version, returns: dirty });
    expect(run).toMatchObject({ status: 'COMPLETED', complianceStatus: 'FAILED' });
    const byName = Object.fromEntries(run.compliance.checks.map((c: { name: string }) => [c.name, c]));
    expect(byName['duplicate dates']).toMatchObject({ outcome: 'FAIL', observed: 1 });
    expect(byName['duplicate dates'].message).toContain(dirty[10].date);
    expect(byName['missing or invalid values']).toMatchObject({ outcome: 'FAIL', observed: 1 });
    expect(byName['dates outside the scenario period']).toMatchObject({ outcome: 'FAIL', observed: 1 });
    expect(byName['dates outside the scenario period'].message).toContain('2030-01-02');
    expect(byName['gaps in the history']).toMatchObject({ outcome: 'FAIL', observed: 1 });
    expect(run.outcome.hygiene).toMatchObject({ points: 506, usable: 503, unsorted: true });
    expect(run.candidate.returns).toEqual({ count: 506, firstDate: DATES[0], lastDate: '2030-01-02' });
  });

  it('judges a metrics-only candidate, counting the stress checks it cannot verify as breaches', async () => {
    const version = await registerVersion();
    const run = await evaluate({ modelName: MODEL, version, metrics: { sharpe: 5, maxDrawdown: 0.01, hitRate: 0.6, observations: 600, turnover: 3.5 } });
    expect(run.outcome.candidate.source).toBe('SUPPLIED');
    const stress = run.compliance.checks.find((c: { kind: string }) => c.kind === 'STRESS_THRESHOLD');
    expect(stress).toMatchObject({ window: 'covid crash', outcome: 'FAIL', observed: null });
    expect(stress.message).toContain('stress windows need its returns');
    expect(run.outcome.significance).toBeNull();
    expect(run.outcome.significanceNote).toContain('return series for both');
    expect(run.complianceStatus).toBe('FAILED');
  });

  it('requires explainability and judges the verdict again as artifacts arrive', async () => {
    const scenario = await t.http
      .post(SCENARIOS)
      .send(scenarioBody('kr-momentum-explained', { compliance: { explainability: { required: true, maxFeatureShare: 0.4 } } }))
      .expect(201);
    const version = await registerVersion();
    const run = await evaluate({ modelName: MODEL, version, returns: GOOD }, scenario.body.id);
    const explainability = run.compliance.checks.filter((c: { kind: string }) => c.kind === 'EXPLAINABILITY');
    expect(explainability.map((c: { name: string; outcome: string }) => [c.name, c.outcome])).toEqual([
      ['explainability required', 'FAIL'],
      ['largest feature share <= 0.4', 'FAIL'],
    ]);
    expect(run.complianceStatus).toBe('FAILED');

    const concentrated = [
      { feature: 'momentum_12m', importance: 5 },
      { feature: 'value_bm', importance: 3 },
      { feature: 'carry', importance: 2 },
    ];
    await t.http.post(`${RUNS}/${run.id}/explainability`).send({ type: 'FEATURE_IMPORTANCE', featureImportance: concentrated }).expect(201);
    const stillFailing = await t.http.get(`${RUNS}/${run.id}`).expect(200);
    const share = stillFailing.body.compliance.checks.find((c: { name: string }) => c.name === 'largest feature share <= 0.4');
    expect(share).toMatchObject({ outcome: 'FAIL', observed: 0.5 });
    expect(share.message).toContain("'momentum_12m' carries 50% of total importance");

    const balanced = [
      { feature: 'momentum_12m', importance: 3 },
      { feature: 'value_bm', importance: 3 },
      { feature: 'carry', importance: 2 },
      { feature: 'quality', importance: 2 },
    ];
    const attached = await t.http.post(`${RUNS}/${run.id}/explainability`).set(t.as('quant.bob')).send({ type: 'FEATURE_IMPORTANCE', name: 'permutation', featureImportance: balanced }).expect(201);
    expect(attached.body.createdBy).toEqual(QUANT_BOB);
    const passing = await t.http.get(`${RUNS}/${run.id}`).expect(200);
    expect(passing.body.complianceStatus).toBe('PASSED');
    const registered = await waitFor(
      () => t.http.get(`${MODELS}/${MODEL}/versions/${version}`).then((r) => r.body),
      (body) => body.latestEvaluation?.status === 'PASSED',
    );
    expect(registered.checklist.find((i: { key: string }) => i.key === 'evaluation')).toMatchObject({ checked: true });
    const listed = await t.http.get(`${RUNS}/${run.id}/explainability`).expect(200);
    expect(listed.body.items.map((a: { name: string; createdBy: unknown }) => [a.name, a.createdBy])).toEqual([
      ['permutation', QUANT_BOB],
      ['feature importance', TESTER],
    ]);
  });

  it('takes artifacts attached concurrently all into the verdict', async () => {
    const scenario = await t.http
      .post(SCENARIOS)
      .send(scenarioBody('kr-momentum-concurrent-artifacts', { compliance: { explainability: { required: true, maxFeatureShare: 0.6 } } }))
      .expect(201);
    const run = await evaluate({ modelName: MODEL, version: await registerVersion(), returns: GOOD }, scenario.body.id);
    const shap = (i: number) => ({ type: 'SHAP_VALUES', name: `shap ${i}`, shap: { features: ['a', 'b'], values: [[0.1 * (i + 1), 0.2], [-0.1, 0.1]] } });
    const results = await Promise.all(Array.from({ length: 4 }, (_, i) => t.http.post(`${RUNS}/${run.id}/explainability`).send(shap(i))));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const report = await t.http.get(`${RUNS}/${run.id}/report`).expect(200);
    expect(report.body.explainability).toMatchObject({ artifactCount: 4, byType: { SHAP_VALUES: 4 } });
    const required = report.body.compliance.checks.find((c: { name: string }) => c.name === 'explainability required');
    expect(required).toMatchObject({ outcome: 'PASS', observed: 4 });
  });

  it('refuses invalid explainability artifacts and leaves the run unchanged', async () => {
    const run = await evaluate({ modelName: MODEL, version: await registerVersion(), returns: GOOD });
    const url = `${RUNS}/${run.id}/explainability`;
    // Rules between values, which no schema states: 422.
    const inconsistent: [Record<string, unknown>, RegExp][] = [
      [{ type: 'FEATURE_IMPORTANCE', featureImportance: [{ feature: 'a', importance: 1 }, { feature: 'a', importance: 2 }] }, /names the feature\(s\) a more than once/],
      [{ type: 'SHAP_VALUES', shap: { features: ['a', 'b'], values: [[1, 2], [3]] } }, /\[1\] must be an array of 2 numbers/],
      [{ type: 'SHAP_VALUES', shap: { features: ['a', 'b', 'c'], values: [[1, 2]] } }, /one value per feature \(3\)/],
      [{ type: 'PARTIAL_DEPENDENCE', partialDependence: [{ feature: 'a', grid: [0, 1, 2], values: [0, 1] }] }, /3 grid points but 2 values/],
    ];
    for (const [body, detail] of inconsistent) {
      const res = await t.http.post(url).send(body).expect(422);
      expect(res.body.detail).toMatch(detail);
    }
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ type: 'SHAP_VALUES', shap: { features: ['a', 'a'], values: [[1, 2]] } }, /features must name each feature once/],
      [{ type: 'FEATURE_IMPORTANCE', shap: { features: ['a'], values: [[1]] } }, /featureImportance is required/],
      [{ type: 'SALIENCY_MAP' }, /type must be one of/],
      [{ type: 'SHAP_VALUES', shap: null }, /shap must not be null/],
      [{ type: 'SHAP_VALUES', shap: [] }, /shap must be an object/],
      [{ type: 'SHAP_VALUES', shap: { features: ['a'], values: null } }, /values must (not be null|be a non-empty array)/],
      [{ type: 'FEATURE_IMPORTANCE', featureImportance: [null] }, /featureImportance/],
      [{ type: 'FEATURE_IMPORTANCE', featureImportance: [[]] }, /featureImportance must hold objects only/],
      [{ type: 'FEATURE_IMPORTANCE', featureImportance: [{ feature: 'a', importance: null }] }, /importance must (not be null|be a number)/],
      [{ type: 'PARTIAL_DEPENDENCE', partialDependence: {} }, /partialDependence must be an array/],
      [{ type: 'FEATURE_IMPORTANCE', name: null, featureImportance: [{ feature: 'a', importance: 1 }] }, /name must not be null/],
      [{ type: null }, /type must (not be null|be one of)/],
      [{}, /type must be one of/],
    ];
    for (const [body, detail] of cases) {
      const res = await t.http.post(url).send(body).expect(400);
      expect(res.body.detail).toMatch(detail);
    }
    const overflow = await t.http.post(url).set('Content-Type', 'application/json').send('{"type":"FEATURE_IMPORTANCE","featureImportance":[{"feature":"a","importance":1e400}]}').expect(400);
    expect(overflow.body.errors[0].field).toContain('importance');
    await t.http.post(`${RUNS}/0123456789abcdef01234567/explainability`).send({ type: 'FEATURE_IMPORTANCE', featureImportance: [{ feature: 'a', importance: 1 }] }).expect(404);
    const listed = await t.http.get(url).expect(200);
    expect(listed.body.items).toHaveLength(0);
  });

  it('keeps judging a run against the scenario revision it was requested with', async () => {
    const scenario = await t.http.post(SCENARIOS).send(scenarioBody('kr-momentum-revised')).expect(201);
    const first = await evaluate({ modelName: MODEL, version: await registerVersion(), returns: GOOD }, scenario.body.id);
    await t.http.patch(`${SCENARIOS}/${scenario.body.id}`).send({ thresholds: [{ metric: 'sharpe', comparator: '>=', value: 10 }] }).expect(200);
    const second = await evaluate({ modelName: MODEL, version: await registerVersion(), returns: GOOD }, scenario.body.id);
    expect([first.scenarioRevision, first.complianceStatus]).toEqual([1, 'PASSED']);
    expect([second.scenarioRevision, second.complianceStatus]).toEqual([2, 'FAILED']);
    const report = await t.http.get(`${RUNS}/${first.id}/report`).expect(200);
    expect(report.body.scenario).toMatchObject({ id: scenario.body.id, revision: 1, thresholds: [{ metric: 'sharpe', baseline: { offset: -0.1 } }, {}, {}] });
  });

  it('serves the report as one JSON document and as a self-contained HTML page', async () => {
    const label = 'momentum <b>v7</b> & "friends"';
    const run = await evaluate({ modelName: MODEL, version: await registerVersion(), label, returns: GOOD });
    await t.http
      .post(`${RUNS}/${run.id}/explainability`)
      .send({ type: 'FEATURE_IMPORTANCE', featureImportance: [{ feature: 'momentum_12m', importance: 2 }, { feature: 'value_bm', importance: 1 }] })
      .expect(201);

    const json = await t.http.get(`${RUNS}/${run.id}/report`).expect(200);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(json.body).toMatchObject({
      reportVersion: 1,
      run: { id: run.id, status: 'COMPLETED', requestedBy: QUANT_ALICE },
      candidate: { label, modelName: MODEL },
      scenario: { id: scenarioId, revision: 1, revisedBy: TESTER, name: 'kr-momentum-main', baseline: { label: 'production v3' } },
      conventions: { periodsPerYear: 252, riskFreeRate: 0.02, varConfidence: 0.95 },
      compliance: { status: 'PASSED', failed: 0 },
      explainability: { artifactCount: 1, importance: { maxShareFeature: 'momentum_12m', featureCount: 2 } },
      verdict: { modelVersion: { modelName: MODEL } },
    });
    expect(json.body.metrics.candidate.metrics.sharpe).toBeCloseTo(run.outcome.candidate.metrics.sharpe, 12);
    expect(json.body.comparison.length).toBeGreaterThan(10);
    expect(json.body.significance.test).toBe('JOBSON_KORKIE_MEMMEL');
    expect(json.body.stressWindows[0].name).toBe('covid crash');
    expect(json.body.timings.computeMs).toBeGreaterThanOrEqual(0);
    expect(json.body.timings.processingMs).toBeGreaterThanOrEqual(0);

    const html = await t.http.get(`${RUNS}/${run.id}/report?format=html`).expect(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.headers['content-security-policy']).toContain("default-src 'none'");
    const page = html.text;
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page.match(/<svg /g)?.length).toBe(3);
    expect(page).toContain('Cumulative return');
    expect(page).toContain('Drawdown');
    expect(page).toContain('covid crash');
    expect(page).toContain('momentum_12m');
    expect(page).toContain('requested by Alice Quant');
    expect(page).toContain('momentum &lt;b&gt;v7&lt;/b&gt; &amp; &quot;friends&quot;');
    expect(page).not.toContain('<b>v7</b>');
    expect(page).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|\shref=|@import|url\(/i);
    expect(page.replaceAll('http://www.w3.org/2000/svg', '')).not.toMatch(/https?:\/\//);

    await t.http.get(`${RUNS}/${run.id}/report?format=pdf`).expect(400);
  });

  it('lets a viewer read scenarios, runs, artifacts and reports, and refuses it every change with nothing written', async () => {
    const run = await evaluate({ modelName: MODEL, version: await registerVersion(), returns: GOOD });
    await t.http.post(`${RUNS}/${run.id}/explainability`).send({ type: 'FEATURE_IMPORTANCE', featureImportance: [{ feature: 'a', importance: 1 }] }).expect(201);
    const viewer = t.agent('viewer');
    const reads = [
      SCENARIOS,
      `${SCENARIOS}/${scenarioId}`,
      `${SCENARIOS}/${scenarioId}/revisions`,
      `${SCENARIOS}/${scenarioId}/revisions/1`,
      RUNS,
      `${RUNS}/${run.id}`,
      `${RUNS}/${run.id}/report`,
      `${RUNS}/${run.id}/report?format=html`,
      `${RUNS}/${run.id}/explainability`,
    ];
    for (const path of reads) expect({ path, status: (await viewer.get(path)).status }).toEqual({ path, status: 200 });

    const runsBefore = (await t.http.get(`${RUNS}?limit=200`).expect(200)).body.items.length;
    const refusals = [
      await viewer.post(SCENARIOS).send(scenarioBody('viewer-scenario')),
      await viewer.patch(`${SCENARIOS}/${scenarioId}`).send({ description: 'viewer was here' }),
      await viewer.post(RUNS).send({ scenarioId, candidate: { modelName: MODEL, version: 1, returns: GOOD } }),
      await viewer.post(`${RUNS}/${run.id}/explainability`).send({ type: 'FEATURE_IMPORTANCE', featureImportance: [{ feature: 'b', importance: 1 }] }),
    ];
    expect(refusals.map((r) => r.status)).toEqual([403, 403, 403, 403]);
    expect(refusals[0].headers['content-type']).toMatch(/^application\/problem\+json/);

    expect((await t.http.get(`${SCENARIOS}?namePrefix=viewer-`).expect(200)).body.items).toHaveLength(0);
    const scenario = await t.http.get(`${SCENARIOS}/${scenarioId}`).expect(200);
    expect(scenario.body).toMatchObject({ revision: 1, description: '' });
    expect((await t.http.get(`${RUNS}?limit=200`).expect(200)).body.items).toHaveLength(runsBefore);
    expect((await t.http.get(`${RUNS}/${run.id}/explainability`).expect(200)).body.items).toHaveLength(1);
    const audit = await t.http.get(`/api/v1/audit?resourceType=evaluation-scenario&resourceId=${scenarioId}`).expect(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['evaluation.scenario.created']);
  });

  it('answers 409 for the report of a run that has not completed, and 404 for an unknown run', async () => {
    const queued = await t.app.get(EvaluationRunsRepository).create({
      scenarioId,
      scenarioName: 'kr-momentum-main',
      scenarioRevision: 1,
      candidate: { modelName: null, version: null, lifecycleRunId: '0123456789abcdef01234567', label: 'parked', metrics: { sharpe: 1 } },
      candidateReturns: null,
      trigger: 'API',
      requestedBy: TESTER,
      dedupeKey: null,
    });
    const res = await t.http.get(`${RUNS}/${queued!.id}/report`).expect(409);
    expect(res.body.detail).toContain('is QUEUED');
    await t.http.get(`${RUNS}/0123456789abcdef01234567/report`).expect(404);
    await t.http.get(`${RUNS}/0123456789abcdef01234567`).expect(404);
  });

  it('filters runs by scenario, model, version, status and compliance verdict, newest first, page by page', async () => {
    const scenario = await t.http.post(SCENARIOS).send(scenarioBody('kr-momentum-listing')).expect(201);
    const versions = [await registerVersion(), await registerVersion(), await registerVersion()];
    const ids: string[] = [];
    for (const [i, version] of versions.entries()) ids.push((await evaluate({ modelName: MODEL, version, returns: i === 1 ? BAD : GOOD }, scenario.body.id)).id);

    const byScenario = await t.http.get(`${RUNS}?scenarioId=${scenario.body.id}&limit=2`).expect(200);
    expect(byScenario.body.items.map((r: { id: string }) => r.id)).toEqual([ids[2], ids[1]]);
    const rest = await t.http.get(`${RUNS}?scenarioId=${scenario.body.id}&limit=2&cursor=${byScenario.body.nextCursor}`).expect(200);
    expect(rest.body.items.map((r: { id: string }) => r.id)).toEqual([ids[0]]);
    expect(rest.body.nextCursor).toBeNull();
    expect(byScenario.body.items[0]).not.toHaveProperty('outcome');

    const failed = await t.http.get(`${RUNS}?scenarioId=${scenario.body.id}&complianceStatus=FAILED`).expect(200);
    expect(failed.body.items.map((r: { id: string }) => r.id)).toEqual([ids[1]]);
    const byVersion = await t.http.get(`${RUNS}?modelName=${MODEL}&version=${versions[2]}`).expect(200);
    expect(byVersion.body.items.map((r: { id: string }) => r.id)).toEqual([ids[2]]);
    const completed = await t.http.get(`${RUNS}?scenarioId=${scenario.body.id}&status=COMPLETED`).expect(200);
    expect(completed.body.items).toHaveLength(3);
    await t.http.get(`${RUNS}?status=DONE`).expect(400);
  });
});
