import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';

import { redisOptionsFromUrl } from '../../src/common/queue/redis-connection.js';
import type { PlatformProcess } from '../harness/processes.js';
import { createTestApp, type TestApp } from '../harness/test-app.js';
import { isState, JOBS, LIFECYCLE, putPolicy, recordDrift, registerModel, startWorker, waitForJob, type RetrainingJobBody } from './retraining-fixtures.js';

const PREFIX = 'e2e-retraining-failures';
const BACKOFF_MS = 400;
const TRAINERS = {
  'logistic-regression': 'node examples/trainers/logistic-regression.mjs',
  flaky: 'node test/retraining/fixtures/flaky-trainer.mjs',
};

/** When each attempt failed, and when the next one started, from the job's event log. */
function retryGaps(job: RetrainingJobBody): number[] {
  const gaps: number[] = [];
  job.events.forEach((event, i) => {
    if (!/^attempt \d+ of \d+ failed/.test(event.message)) return;
    const next = job.events.slice(i + 1).find((e) => e.message.startsWith('execution started'));
    if (next) gaps.push(Date.parse(next.at) - Date.parse(event.at));
  });
  return gaps;
}

describe('retraining failures: attempts with backoff, exhaustion, timeout, invalid output and cancellation', () => {
  let t: TestApp;
  let worker: PlatformProcess;
  let queue: Queue;

  beforeAll(async () => {
    t = await createTestApp('retraining-failures', {
      QUEUE_PREFIX: PREFIX,
      RETRAINING_COMMAND_TRAINERS: JSON.stringify(TRAINERS),
      RETRAINING_ATTEMPTS: '3',
      RETRAINING_BACKOFF_MS: String(BACKOFF_MS),
      RETRAINING_DEFAULT_COOLDOWN_SECONDS: '0',
    });
    worker = await startWorker();
    queue = new Queue('retraining', { connection: redisOptionsFromUrl(t.services.redis.url), prefix: PREFIX });
  });

  afterAll(async () => {
    await queue.close();
    await worker?.stop('SIGTERM');
    await t.close();
  });

  it('retries a failed attempt after an exponential backoff and succeeds on a later attempt', async () => {
    await registerModel(t.http, 'flaky-model');
    await putPolicy(t, 'flaky-model', { trainer: { kind: 'command', command: 'flaky', settings: { failUntilAttempt: 2 } } });
    const event = await recordDrift(t.http, 'flaky-model');
    const job = await waitForJob(t.http, event.retraining!.jobId!, isState('SUCCEEDED', 'FAILED'));
    expect(job).toMatchObject({ state: 'SUCCEEDED', attempts: 3, modelVersion: 1, lastError: 'the trainer exited with code 1: not enough data (attempt 2)' });
    const gaps = retryGaps(job);
    expect(gaps).toHaveLength(2);
    // BullMQ's exponential backoff: the base delay, then twice it.
    expect(gaps[0]).toBeGreaterThanOrEqual(BACKOFF_MS * 0.9);
    expect(gaps[1]).toBeGreaterThanOrEqual(BACKOFF_MS * 2 * 0.9);
    const run = (await t.http.get(`${LIFECYCLE}/runs/${job.runId}`).expect(200)).body;
    expect(run.params).toEqual({ attempt: '3' });
  });

  it('marks a job that exhausts its attempts FAILED on the job and its drift event, and a retry by hand succeeds', async () => {
    await registerModel(t.http, 'broken-model');
    await putPolicy(t, 'broken-model', { trainer: { kind: 'command', command: 'flaky', settings: { failUntilAttempt: 4 } } });
    const event = await recordDrift(t.http, 'broken-model');
    const jobId = event.retraining!.jobId!;
    const failed = await waitForJob(t.http, jobId, isState('SUCCEEDED', 'FAILED'));
    expect(failed).toMatchObject({ state: 'FAILED', attempts: 3, failureReason: 'the trainer exited with code 1: not enough data (attempt 3)', runId: null });
    expect(failed.outputTail).toEqual(['flaky trainer, attempt 3', 'not enough data (attempt 3)']);
    expect(await queue.getJobState(jobId)).toBe('failed');
    const stored = (await t.http.get(`${LIFECYCLE}/drift-events/${event.id}`).expect(200)).body;
    expect(stored.retraining).toMatchObject({ jobId, state: 'FAILED', detail: 'the trainer exited with code 1: not enough data (attempt 3)' });

    await t.http.post(`${JOBS}/${jobId}/retry`).expect(200);
    const retried = await waitForJob(t.http, jobId, isState('SUCCEEDED', 'FAILED'));
    expect(retried).toMatchObject({ state: 'SUCCEEDED', round: 2, attempts: 5, modelVersion: 1, failureReason: null });
    const handled = (await t.http.get(`${LIFECYCLE}/drift-events/${event.id}`).expect(200)).body;
    expect(handled.retraining).toMatchObject({ jobId, state: 'SUCCEEDED', modelVersion: 1 });
  });

  it('stops a trainer that outlives its timeout and fails the attempt saying so', async () => {
    await registerModel(t.http, 'slow-model');
    await putPolicy(t, 'slow-model', { trainer: { kind: 'command', command: 'logistic-regression', settings: { epochs: 1000, sleepMs: 50 }, timeoutSeconds: 1 } });
    const created = await t.http.post(`${LIFECYCLE}/models/slow-model/retrain`).send({ reason: 'timeout test' }).expect(201);
    const failed = await waitForJob(t.http, created.body.id, isState('SUCCEEDED', 'FAILED'));
    expect(failed).toMatchObject({ state: 'FAILED', attempts: 3, failureReason: 'the trainer timed out after 1 s' });
    expect(failed.outputTail[0]).toMatch(/^training on 1500 rows/);
  });

  it('fails an attempt whose output is not a valid result, naming what is wrong', async () => {
    await registerModel(t.http, 'garbled-model');
    await putPolicy(t, 'garbled-model', { trainer: { kind: 'command', command: 'flaky', settings: { badOutput: true } } });
    const created = await t.http.post(`${LIFECYCLE}/models/garbled-model/retrain`).send({ reason: 'bad output test' }).expect(201);
    const failed = await waitForJob(t.http, created.body.id, isState('SUCCEEDED', 'FAILED'));
    expect(failed.state).toBe('FAILED');
    expect(failed.failureReason).toMatch(/^the trainer's output is not a valid result: metrics: metrics must hold at least one entry; artifactUri: artifactUri is required/);
  });

  it('stops a running trainer when its job is cancelled, and records nothing', async () => {
    await registerModel(t.http, 'cancelled-model');
    await putPolicy(t, 'cancelled-model', { trainer: { kind: 'command', command: 'logistic-regression', settings: { epochs: 1000, sleepMs: 50 } } });
    const created = await t.http.post(`${LIFECYCLE}/models/cancelled-model/retrain`).send({ reason: 'cancel test' }).expect(201);
    const id = created.body.id as string;
    await waitForJob(t.http, id, (job) => job.state === 'RUNNING' && job.progress > 0);
    await t.http.post(`${JOBS}/${id}/cancel`).send({ reason: 'wrong data window' }).expect(200);
    const deadline = Date.now() + 30_000;
    while ((await queue.getJobState(id)) !== 'completed' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect((await queue.getJob(id))?.returnvalue).toBe('cancelled while running');
    const after = (await t.http.get(`${JOBS}/${id}`).expect(200)).body;
    expect(after).toMatchObject({ state: 'CANCELLED', runId: null, modelVersion: null, result: null });
    const versions = (await t.http.get(`${LIFECYCLE}/models/cancelled-model/versions`).expect(200)).body;
    expect(versions.items).toHaveLength(0);
  });
});
