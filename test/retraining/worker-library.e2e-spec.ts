import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';

import type { RetrainingJobPayload } from '../../libs/contracts/src/index.js';
import { RetrainingFailedError, RetrainingWorkerModule, type RetrainingHandler } from '../../libs/worker/src/index.js';
import { createTestApp, createTestWorker, type TestApp } from '../harness/test-app.js';
import { ACTOR, isState, JOBS, LIFECYCLE, putPolicy, recordDrift, registerModel, waitForJob } from './retraining-fixtures.js';

const PREFIX = 'e2e-worker-library';
const QUEUE = 'risk-models';

/** The other team's training code: it branches on its own settings to show each outcome. */
const seen: RetrainingJobPayload[] = [];
let abortedBySignal = false;
const handler: RetrainingHandler = async (payload, { reportProgress, signal }) => {
  seen.push(payload);
  const mode = payload.trainer.settings.mode;
  if (mode === 'bad-data') throw new RetrainingFailedError('the risk factor file for 2026-11 is empty', { retryable: false });
  if (mode === 'long') {
    for (let i = 0; i < 200 && !signal.aborted; i++) {
      await reportProgress(i / 200, `step ${i}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    abortedBySignal = signal.aborted;
    throw new Error('stopped');
  }
  await reportProgress(0.5, 'fitted');
  return { metrics: { auc: 0.88, brier: 0.12 }, params: { window: String(payload.trainer.settings.window) }, artifactUri: `s3://risk-models/${payload.jobId}.bin`, tags: { team: 'risk' } };
};

describe('worker library: another team consumes retraining jobs with its own handler', () => {
  let t: TestApp;
  let platformWorker: INestApplicationContext;
  let consumer: INestApplicationContext;

  beforeAll(async () => {
    t = await createTestApp('worker-library', { QUEUE_PREFIX: PREFIX, RETRAINING_DEFAULT_COOLDOWN_SECONDS: '0' });
    // The platform's worker records the run and the version once the consumer reports.
    platformWorker = await createTestWorker();
    const platformUrl = await t.app.getUrl();
    const moduleRef = await Test.createTestingModule({
      imports: [
        RetrainingWorkerModule.forRootAsync({
          useFactory: () => ({ redisUrl: t.services.redis.url, prefix: PREFIX, queue: QUEUE, platformUrl, workerName: 'risk-consumer', handler }),
        }),
      ],
    }).compile();
    consumer = await moduleRef.init();
  });

  afterAll(async () => {
    await consumer.close();
    await platformWorker.close();
    await t.close();
  });

  it('claims the job, runs the handler and reports its result, which becomes a STAGING version', async () => {
    await registerModel(t.http, 'credit-risk');
    await putPolicy(t.http, 'credit-risk', { trainer: { kind: 'external', queue: QUEUE, settings: { window: '24m' } } });
    const event = await recordDrift(t.http, 'credit-risk');
    const jobId = event.retraining!.jobId!;
    const done = await waitForJob(t.http, jobId, isState('SUCCEEDED', 'FAILED'));
    expect(done).toMatchObject({ state: 'SUCCEEDED', modelVersion: 1, result: { metrics: { auc: 0.88, brier: 0.12 }, artifactUri: `s3://risk-models/${jobId}.bin` } });
    expect(done.events.map((e) => e.message)).toContain('execution started by risk-consumer');
    expect(seen.find((p) => p.jobId === jobId)).toMatchObject({ modelName: 'credit-risk', attempt: 1, trigger: { kind: 'DRIFT', driftEventIds: [event.id] }, trainer: { kind: 'external', settings: { window: '24m' } } });
    const version = (await t.http.get(`${LIFECYCLE}/models/credit-risk/versions/1`).expect(200)).body;
    expect(version).toMatchObject({ stage: 'STAGING', metrics: { auc: 0.88, brier: 0.12 }, artifactUri: `s3://risk-models/${jobId}.bin`, params: { window: '24m' } });
  });

  it('fails the job at once when the handler says retrying is pointless', async () => {
    await registerModel(t.http, 'market-risk');
    await putPolicy(t.http, 'market-risk', { trainer: { kind: 'external', queue: QUEUE, settings: { mode: 'bad-data' } } });
    const jobId = (await recordDrift(t.http, 'market-risk')).retraining!.jobId!;
    const failed = await waitForJob(t.http, jobId, isState('SUCCEEDED', 'FAILED'));
    expect(failed).toMatchObject({ state: 'FAILED', attempts: 1, failureReason: 'the risk factor file for 2026-11 is empty' });
  });

  it('aborts the handler when the job is cancelled on the platform', async () => {
    await registerModel(t.http, 'liquidity-risk');
    await putPolicy(t.http, 'liquidity-risk', { trainer: { kind: 'external', queue: QUEUE, settings: { mode: 'long' } } });
    const jobId = (await recordDrift(t.http, 'liquidity-risk')).retraining!.jobId!;
    await waitForJob(t.http, jobId, (job) => job.state === 'RUNNING' && job.progress > 0);
    await t.http.post(`${JOBS}/${jobId}/cancel`).set(ACTOR).send({ reason: 'model retired' }).expect(200);
    const deadline = Date.now() + 20_000;
    while (!abortedBySignal && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(abortedBySignal).toBe(true);
    const after = (await t.http.get(`${JOBS}/${jobId}`).expect(200)).body;
    expect(after).toMatchObject({ state: 'CANCELLED', result: null, modelVersion: null });
  });
});
