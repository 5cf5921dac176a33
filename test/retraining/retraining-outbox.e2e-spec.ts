import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';

import { redisOptionsFromUrl } from '../../src/common/queue/redis-connection.js';
import { startRedis, type RedisHandle } from '../harness/local-services.js';
import { createTestApp, type TestApp } from '../harness/test-app.js';
import { bearer, claimNext, getJob, JOBS, LIFECYCLE, mintTrainerKey, putPolicy, recordDrift, registerModel, waitForJob, type RetrainingJobBody } from './retraining-fixtures.js';

const PREFIX = 'e2e-retraining-outbox';

async function listJobs(t: TestApp): Promise<RetrainingJobBody[]> {
  return (await t.http.get(`${JOBS}?limit=200`).expect(200)).body.items;
}

describe('retraining outbox: drift events recorded while Redis is down are enqueued exactly once when it is back', () => {
  let t: TestApp;
  let restarted: RedisHandle | undefined;

  /** Stops the suite's Redis, runs `during`, then starts Redis again on the same port and data. */
  async function outage(during: () => Promise<void>): Promise<RedisHandle> {
    const current = restarted ?? t.services.redis;
    const { port, dir } = current;
    await current.stop();
    await during();
    restarted = await startRedis({ port, dir });
    return restarted;
  }

  beforeAll(async () => {
    t = await createTestApp('retraining-outbox', {
      QUEUE_PREFIX: PREFIX,
      RETRAINING_OUTBOX_SWEEP_MS: '300',
      RETRAINING_ENQUEUE_TIMEOUT_MS: '300',
      RETRAINING_DEFAULT_COOLDOWN_SECONDS: '0',
    });
  });

  afterAll(async () => {
    // The app's connections close against the Redis they use, before it stops.
    await t.close();
    await restarted?.stop();
  });

  it('stores events and jobs during the outage, then puts every job on the queue once', async () => {
    for (const model of ['outage-a', 'outage-b', 'outage-c', 'outage-d']) await registerModel(t.http, model);
    const { port, dir } = t.services.redis;
    await t.services.redis.stop();

    const events = [
      await recordDrift(t.http, 'outage-a'),
      await recordDrift(t.http, 'outage-a'),
      await recordDrift(t.http, 'outage-b'),
      await recordDrift(t.http, 'outage-c'),
    ];
    for (const event of events) expect(event.retraining).toMatchObject({ jobId: expect.any(String), state: 'PENDING_ENQUEUE' });
    expect(events[1].retraining!.jobId).toBe(events[0].retraining!.jobId);
    const manual = await t.http.post(`${LIFECYCLE}/models/outage-d/retrain`).send({ reason: 'during the outage' }).expect(201);
    expect(manual.body.state).toBe('PENDING_ENQUEUE');

    const pending = await listJobs(t);
    expect(pending).toHaveLength(4);
    expect(pending.every((job) => job.state === 'PENDING_ENQUEUE')).toBe(true);

    restarted = await startRedis({ port, dir });
    const deadline = Date.now() + 60_000;
    let jobs = await listJobs(t);
    while (!jobs.every((job) => job.state === 'QUEUED') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      jobs = await listJobs(t);
    }
    expect(jobs.map((job) => job.state)).toEqual(['QUEUED', 'QUEUED', 'QUEUED', 'QUEUED']);

    const queue = new Queue('retraining', { connection: redisOptionsFromUrl(restarted.url), prefix: PREFIX });
    try {
      const onQueue = await queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed', 'prioritized']);
      expect(onQueue.map((j) => j.id).sort()).toEqual(jobs.map((j) => j.id).sort());
      expect(onQueue.map((j) => j.data.jobId).sort()).toEqual(jobs.map((j) => j.id).sort());
    } finally {
      await queue.close();
    }
    for (const event of events) {
      const stored = (await t.http.get(`${LIFECYCLE}/drift-events/${event.id}`).expect(200)).body;
      expect(stored.retraining).toMatchObject({ jobId: event.retraining!.jobId, state: 'QUEUED' });
    }
  });

  it('lets an external trainer claim and complete a job while Redis is down; only the closing steps wait for it', async () => {
    await registerModel(t.http, 'outage-external');
    await putPolicy(t, 'outage-external', { trainer: { kind: 'external', queue: 'outage-team' } });
    const trainerKey = await mintTrainerKey(t, 'outage-training', ['outage-team']);
    let jobId = '';
    const redis = await outage(async () => {
      const event = await recordDrift(t.http, 'outage-external');
      jobId = event.retraining!.jobId!;
      // Nothing of this job goes through Redis until it has a result.
      expect(event.retraining).toMatchObject({ state: 'QUEUED' });
      const payload = await claimNext(t, trainerKey, 'outage-trainer');
      expect(payload.jobId).toBe(jobId);
      const token = bearer(payload.credentials!.token);
      await t.http.post(`${JOBS}/${jobId}/progress`).set(token).send({ progress: 0.5 }).expect(200);
      const completed = await t.http.post(`${JOBS}/${jobId}/complete`).set(token).send({ metrics: { auc: 0.77 }, artifactUri: 's3://outage/model.bin' }).expect(200);
      expect(completed.body).toMatchObject({ state: 'PENDING_ENQUEUE', queueName: 'retraining' });
    });
    const queued = await waitForJob(t.http, jobId, (job) => job.state === 'QUEUED', 60_000);
    expect(queued.result).toMatchObject({ metrics: { auc: 0.77 } });
    const queue = new Queue('retraining', { connection: redisOptionsFromUrl(redis.url), prefix: PREFIX });
    try {
      expect((await queue.getJob(`${jobId}-close`))?.data).toEqual({ contractVersion: 1, jobId });
    } finally {
      await queue.close();
    }
    expect((await getJob(t.http, jobId)).state).toBe('QUEUED');
  });
});
