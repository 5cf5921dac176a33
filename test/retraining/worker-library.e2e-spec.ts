import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import * as os from 'node:os';
import * as path from 'node:path';

import type { RetrainingJobPayload } from '../../libs/contracts/src/index.js';
import { RetrainingConsumer, RetrainingFailedError, RetrainingWorkerModule, type RetrainingHandler, type RetrainingWorkerOptions } from '../../libs/worker/src/index.js';
import { createTestApp, createTestWorker, type TestApp } from '../harness/test-app.js';
import {
  auditEntries,
  bearer,
  claimNext,
  getJob,
  isState,
  JOBS,
  LIFECYCLE,
  mintTrainerKey,
  putPolicy,
  recordDrift,
  registerModel,
  startExternalTrainer,
  waitForJob,
} from './retraining-fixtures.js';

/** The queue of the in-process consumer, whose handler branches on its settings to show each outcome. */
const RISK_QUEUE = 'risk-models';

const seen: RetrainingJobPayload[] = [];
const aborted = new Set<string>();
const handler: RetrainingHandler = async (payload, { reportProgress, signal }) => {
  seen.push(payload);
  const mode = payload.trainer.settings.mode;
  if (mode === 'bad-data') throw new RetrainingFailedError('the risk factor file for 2026-11 is empty', { retryable: false });
  if (mode === 'flaky' && payload.attempt === 1) throw new Error('the GPU node was preempted');
  if (mode === 'long') {
    for (let i = 0; i < 600 && !signal.aborted; i++) {
      await reportProgress(i / 600, `step ${i}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (signal.aborted) aborted.add(payload.jobId);
    throw new Error('stopped');
  }
  await reportProgress(0.5, 'fitted');
  return { metrics: { auc: 0.88, brier: 0.12 }, params: { window: String(payload.trainer.settings.window) }, artifactUri: `s3://risk-models/${payload.jobId}.bin`, tags: { team: 'risk' } };
};

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('worker library: another team trains retraining jobs over HTTP with nothing but its trainer key', () => {
  let t: TestApp;
  let platformWorker: INestApplicationContext;
  let consumer: INestApplicationContext;
  let riskKey: string;

  async function startConsumer(options: Partial<RetrainingWorkerOptions> & Pick<RetrainingWorkerOptions, 'apiKey'>): Promise<INestApplicationContext> {
    const moduleRef = await Test.createTestingModule({
      // No Redis, no database: the platform's URL and the team's trainer key.
      imports: [RetrainingWorkerModule.forRootAsync({ useFactory: () => ({ platformUrl: t.url, workerName: 'risk-consumer', pollIntervalMs: 100, handler, ...options }) })],
    }).compile();
    return moduleRef.init();
  }

  beforeAll(async () => {
    t = await createTestApp('worker-library', {
      RETRAINING_DEFAULT_COOLDOWN_SECONDS: '0',
      RETRAINING_ATTEMPTS: '3',
      RETRAINING_BACKOFF_MS: '300',
      RETRAINING_OUTBOX_SWEEP_MS: '300',
    });
    // The platform's own worker records the run and the version once a trainer reports.
    platformWorker = await createTestWorker();
    riskKey = await mintTrainerKey(t, 'risk-training', [RISK_QUEUE]);
    consumer = await startConsumer({ apiKey: riskKey, queues: [RISK_QUEUE] });
  });

  afterAll(async () => {
    await consumer?.close();
    await platformWorker?.close();
    await t.close();
  });

  it('runs as a process holding only a trainer key an admin minted and the platform URL: drift event → claimed over HTTP → STAGING version originated by the trainer and the recorder', async () => {
    const creditKey = await mintTrainerKey(t, 'credit-training', ['credit-models']);
    const trainer = await startExternalTrainer({
      MLOPS_PLATFORM_URL: t.url,
      MLOPS_TRAINER_KEY: creditKey,
      MLOPS_WORKER_NAME: 'credit-trainer-1',
      MLOPS_POLL_INTERVAL_MS: '200',
      MLOPS_ARTIFACT_DIR: path.join(os.tmpdir(), 'mlops-external-trainer-e2e'),
    });
    let exitCode: number | string;
    try {
      await registerModel(t.http, 'credit-scoring');
      await putPolicy(t, 'credit-scoring', { trainer: { kind: 'external', queue: 'credit-models', settings: { epochs: 60 } } });
      const event = (await t.http.post(`${LIFECYCLE}/drift-events`).set(t.as('drift-monitor')).send({ modelName: 'credit-scoring', features: ['utilisation'], statistic: 'PSI', value: 0.4 }).expect(201)).body;
      const jobId = event.retraining.jobId as string;

      const done = await waitForJob(t.http, jobId, isState('SUCCEEDED', 'FAILED'));
      expect(done).toMatchObject({ state: 'SUCCEEDED', modelVersion: 1, resultReportedBy: { id: 'service:credit-training', name: 'credit-training' } });
      expect(done.events.map((e) => e.message).filter((m) => m.startsWith('claimed by'))).toEqual(['claimed by credit-trainer-1 (credit-training)']);
      expect(done.result!.metrics.auc).toBeGreaterThan(0.8);
      const version = (await t.http.get(`${LIFECYCLE}/models/credit-scoring/versions/1`).expect(200)).body;
      expect(version).toMatchObject({ stage: 'STAGING', metrics: done.result!.metrics, params: { algorithm: 'logistic-regression', epochs: '60' } });
      expect(version.originators).toEqual(expect.arrayContaining(['service:credit-training', 'user:drift-monitor']));
      expect(trainer.output()).toMatch(new RegExp(`Retraining job ${jobId} of 'credit-scoring' completed`));
    } finally {
      exitCode = await trainer.stop();
    }
    // SIGTERM: it stops claiming and exits cleanly.
    expect(exitCode).toBe(0);
  });

  it('refuses a trainer key of another queue: it can neither claim nor report for the job (403, audited)', async () => {
    await registerModel(t.http, 'fx-risk');
    await putPolicy(t, 'fx-risk', { trainer: { kind: 'external', queue: 'fx-models' } });
    const jobId = (await recordDrift(t.http, 'fx-risk')).retraining!.jobId!;

    const byId = await t.http.post(`${JOBS}/${jobId}/claim`).set(bearer(riskKey)).send({ worker: 'risk-consumer' }).expect(403);
    expect(byId.body.detail).toMatch(/risk-training may not report for job/);
    await t.http.post(`${JOBS}/claim-next`).set(bearer(riskKey)).send({ worker: 'risk-consumer', queues: ['fx-models'] }).expect(403);
    const queueRefusals = await auditEntries(t.http, { outcome: 'REFUSED', resourceType: 'retraining-queue', resourceId: 'fx-models' });
    expect(queueRefusals).toEqual([expect.objectContaining({ action: 'retraining.job.claim-next', actor: { id: 'service:risk-training', name: 'risk-training' } })]);
    expect((await getJob(t.http, jobId)).state).toBe('QUEUED');

    const fxKey = await mintTrainerKey(t, 'fx-training', ['fx-models']);
    const claimed = await claimNext(t, fxKey, 'fx-trainer');
    expect(claimed.jobId).toBe(jobId);
    const result = { metrics: { auc: 0.99 }, artifactUri: 's3://not-theirs/model.bin' };
    await t.http.post(`${JOBS}/${jobId}/complete`).set(bearer(riskKey)).send(result).expect(403);
    await t.http.post(`${JOBS}/${jobId}/fail`).set(bearer(riskKey)).send({ reason: 'sabotage' }).expect(403);
    // The key that claimed the job may report for it, as may the job's own token.
    await t.http.post(`${JOBS}/${jobId}/progress`).set(bearer(fxKey)).send({ progress: 0.2 }).expect(200);
    expect(await getJob(t.http, jobId)).toMatchObject({ state: 'RUNNING', result: null, claimedBy: { id: 'service:fx-training' } });

    const refusals = await auditEntries(t.http, { outcome: 'REFUSED', resourceType: 'retraining-job', resourceId: jobId });
    expect(refusals.map((e) => [e.action, e.actor.id])).toEqual(
      expect.arrayContaining([
        ['retraining.job.claim', 'service:risk-training'],
        ['retraining.job.complete', 'service:risk-training'],
        ['retraining.job.fail', 'service:risk-training'],
      ]),
    );
  });

  it('fails the job at once when the handler says retrying is pointless', async () => {
    await registerModel(t.http, 'market-risk');
    await putPolicy(t, 'market-risk', { trainer: { kind: 'external', queue: RISK_QUEUE, settings: { mode: 'bad-data' } } });
    const jobId = (await recordDrift(t.http, 'market-risk')).retraining!.jobId!;
    const failed = await waitForJob(t.http, jobId, isState('SUCCEEDED', 'FAILED'));
    expect(failed).toMatchObject({ state: 'FAILED', attempts: 1, failureReason: 'the risk factor file for 2026-11 is empty' });
  });

  it('puts the job back in its queue when the handler fails otherwise, and a later attempt succeeds', async () => {
    await registerModel(t.http, 'rates-risk');
    await putPolicy(t, 'rates-risk', { trainer: { kind: 'external', queue: RISK_QUEUE, settings: { mode: 'flaky', window: '12m' } } });
    const jobId = (await recordDrift(t.http, 'rates-risk')).retraining!.jobId!;
    const done = await waitForJob(t.http, jobId, isState('SUCCEEDED', 'FAILED'));
    expect(done).toMatchObject({ state: 'SUCCEEDED', modelVersion: 1, lastError: 'the GPU node was preempted' });
    expect(done.events.map((e) => e.message)).toEqual(expect.arrayContaining([expect.stringMatching(/^attempt 1 of 3 failed: the GPU node was preempted; next attempt after /)]));
    expect(seen.filter((p) => p.jobId === jobId).map((p) => p.attempt)).toEqual([1, 2]);
  });

  it('aborts the handler when the job is cancelled on the platform', async () => {
    await registerModel(t.http, 'liquidity-risk');
    await putPolicy(t, 'liquidity-risk', { trainer: { kind: 'external', queue: RISK_QUEUE, settings: { mode: 'long' } } });
    const jobId = (await recordDrift(t.http, 'liquidity-risk')).retraining!.jobId!;
    await waitForJob(t.http, jobId, (job) => job.state === 'RUNNING' && job.progress > 0);
    await t.http.post(`${JOBS}/${jobId}/cancel`).send({ reason: 'model retired' }).expect(200);
    await waitFor(() => aborted.has(jobId));
    expect(await getJob(t.http, jobId)).toMatchObject({ state: 'CANCELLED', result: null, modelVersion: null });
  });

  it('on shutdown hands a job still training back to its queue, where another consumer claims it', async () => {
    const leavingKey = await mintTrainerKey(t, 'leaving-training', ['leaving-models']);
    const leaving = await startConsumer({ apiKey: leavingKey, workerName: 'leaving-consumer', shutdownGraceMs: 300 });
    await registerModel(t.http, 'credit-limits');
    await putPolicy(t, 'credit-limits', { trainer: { kind: 'external', queue: 'leaving-models', settings: { mode: 'long' } } });
    const jobId = (await recordDrift(t.http, 'credit-limits')).retraining!.jobId!;
    await waitForJob(t.http, jobId, (job) => job.state === 'RUNNING' && job.progress > 0);
    expect(leaving.get(RetrainingConsumer).activeJobIds).toEqual([jobId]);

    await leaving.close();
    await waitFor(() => aborted.has(jobId));
    const released = await getJob(t.http, jobId);
    expect(released).toMatchObject({ state: 'QUEUED', claimedBy: null, attempts: 1 });
    expect(released.events.at(-1)!.message).toBe('released by leaving-consumer');

    const next = await claimNext(t, leavingKey, 'next-consumer');
    expect(next).toMatchObject({ jobId, attempt: 2 });
    await t.http.post(`${JOBS}/${jobId}/complete`).set(bearer(next.credentials!.token)).send({ metrics: { auc: 0.81 }, artifactUri: 's3://credit-limits/2.bin' }).expect(200);
    expect(await waitForJob(t.http, jobId, isState('SUCCEEDED', 'FAILED'))).toMatchObject({ state: 'SUCCEEDED', modelVersion: 1 });
  });
});
