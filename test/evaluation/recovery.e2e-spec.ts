import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';

import { EvaluationQueue } from '../../src/evaluation/queue/evaluation.queue.js';
import { EvaluationRunsRepository } from '../../src/evaluation/runs/evaluation-runs.repository.js';
import { EvaluationRunsService } from '../../src/evaluation/runs/evaluation-runs.service.js';
import { RunExecutionService } from '../../src/evaluation/runs/run-execution.service.js';
import { startRedis, type RedisHandle } from '../harness/local-services.js';
import { createTestApp, createTestWorker, type TestApp } from '../harness/test-app.js';
import { SYSTEM_ACTORS } from '../../src/common/auth/principal.js';
import { businessDays, EVALUATION, returns, TESTER, waitForRun } from './evaluation-fixtures.js';

const RUNS = `${EVALUATION}/runs`;
const DATES = businessDays('2021-01-04', 300);
const BASELINE = returns(DATES, { seed: 21, drift: 0.0004, vol: 0.01 });
const CANDIDATE = returns(DATES, { seed: 22, drift: 0.0008, vol: 0.009 });

describe('evaluation runs are never lost', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let restartedRedis: RedisHandle | null = null;
  let scenarioId: string;

  beforeAll(async () => {
    t = await createTestApp('evaluation-recovery', {
      EVALUATION_ENQUEUE_TIMEOUT_MS: '300',
      EVALUATION_REQUEUE_AFTER_SECONDS: '1',
      EVALUATION_SWEEP_INTERVAL_SECONDS: '1',
    });
    worker = await createTestWorker();
    const scenario = await t.http
      .post(`${EVALUATION}/scenarios`)
      .send({ name: 'recovery', modelName: 'recovery-model', baseline: { returns: BASELINE }, thresholds: [{ metric: 'sharpe', comparator: '>=', value: 0 }] })
      .expect(201);
    scenarioId = scenario.body.id;
    await t.http.post('/api/v1/ml/lifecycle/models').send({ name: 'recovery-model' }).expect(201);
    await t.http.post('/api/v1/ml/lifecycle/models/recovery-model/versions').send({ artifactUri: 's3://m/1', metrics: { sharpe: 1.4 } }).expect(201);
  });

  afterAll(async () => {
    await worker.close();
    await t.close();
    await restartedRedis?.stop();
  });

  function parkedRun(label: string) {
    return t.app.get(EvaluationRunsRepository).create({
      scenarioId,
      scenarioName: 'recovery',
      scenarioRevision: 1,
      candidate: { modelName: null, version: null, lifecycleRunId: '0123456789abcdef01234567', label, metrics: null },
      candidateReturns: { dates: CANDIDATE.map((p) => p.date), values: CANDIDATE.map((p) => p.value) },
      trigger: 'API',
      requestedBy: TESTER,
      dedupeKey: null,
    });
  }

  it('enqueues again a run that stayed QUEUED without a job', async () => {
    const parked = await parkedRun('never enqueued');
    const run = await waitForRun(t.http, parked!.id);
    expect(run).toMatchObject({ status: 'COMPLETED', complianceStatus: 'PASSED', attempts: 1 });
  });

  it('recomputes a run left RUNNING by a crashed attempt, overwriting instead of duplicating', async () => {
    const runs = t.app.get(EvaluationRunsRepository);
    const parked = await parkedRun('crashed');
    // A worker took the run and died before finishing: the run is RUNNING and its job comes back.
    await runs.claim(parked!.id);
    await t.app.get(EvaluationQueue).enqueue(parked!.id);
    const run = await waitForRun(t.http, parked!.id);
    expect(run).toMatchObject({ status: 'COMPLETED', attempts: 2 });
    const requested = await t.http.post(RUNS).send({ scenarioId, candidate: { modelName: 'recovery-model', version: 1, returns: CANDIDATE } }).expect(202);
    const reference = await waitForRun(t.http, requested.body.id);
    expect(reference.requestedBy).toEqual(TESTER);
    expect(run.compliance.checks).toHaveLength(reference.compliance.checks.length);
    expect(run.outcome.candidate.metrics).toEqual(reference.outcome.candidate.metrics);

    // A late duplicate of the job finds the run finished and leaves it as it is.
    await worker.get(RunExecutionService).execute(parked!.id, { lastAttempt: false });
    const after = await t.http.get(`${RUNS}/${parked!.id}`).expect(200);
    expect(after.body).toMatchObject({ attempts: 2, updatedAt: run.updatedAt });
  });

  it('starts one run per scenario of a model for its new version, once however often it is asked', async () => {
    await t.http.post(`${EVALUATION}/scenarios`).send({ name: 'recovery-second', modelName: 'recovery-model', baseline: { metrics: { sharpe: 1 } } }).expect(201);
    await t.http.post(`${EVALUATION}/scenarios`).send({ name: 'other-model', modelName: 'someone-else', baseline: { metrics: { sharpe: 1 } } }).expect(201);
    const service = t.app.get(EvaluationRunsService);
    const [first, second] = await Promise.all([
      service.startForNewModelVersion('recovery-model', 1, { sharpe: 1.4, turnover: 2 }),
      service.startForNewModelVersion('recovery-model', 1, { sharpe: 1.4, turnover: 2 }),
    ]);
    expect(first).toHaveLength(2);
    expect([...second].sort()).toEqual([...first].sort());
    const again = await service.startForNewModelVersion('recovery-model', 1, { sharpe: 1.4, turnover: 2 });
    expect([...again].sort()).toEqual([...first].sort());
    for (const id of first) {
      expect(await waitForRun(t.http, id)).toMatchObject({ status: 'COMPLETED', trigger: 'NEW_MODEL_VERSION', requestedBy: { ...SYSTEM_ACTORS.retrainingPipeline } });
    }
    const listed = await t.http.get(`${RUNS}?modelName=recovery-model&version=1`).expect(200);
    const automatic = listed.body.items.filter((r: { trigger: string }) => r.trigger === 'NEW_MODEL_VERSION');
    expect(automatic.map((r: { id: string }) => r.id).sort()).toEqual([...first].sort());
  });

  it('keeps a run requested while Redis is down and evaluates it once Redis is back', async () => {
    const { port, dir } = t.services.redis;
    await t.services.redis.stop();
    let accepted;
    try {
      accepted = await t.http.post(RUNS).send({ scenarioId, candidate: { modelName: 'recovery-model', version: 1, returns: CANDIDATE } }).expect(202);
      expect(accepted.body.status).toBe('QUEUED');
      const waiting = await t.http.get(`${RUNS}/${accepted.body.id}`).expect(200);
      expect(waiting.body.status).toBe('QUEUED');
    } finally {
      // Closing the app and the worker needs Redis, so it comes back even when an assertion failed.
      restartedRedis = await startRedis({ port, dir });
    }
    const run = await waitForRun(t.http, accepted.body.id, 60_000);
    expect(run).toMatchObject({ status: 'COMPLETED', complianceStatus: 'PASSED' });
  });
});
