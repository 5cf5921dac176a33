import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';

import { redisOptionsFromUrl } from '../../src/common/queue/redis-connection.js';
import { RetrainingCloser } from '../../src/retraining/closing/retraining-closer.js';
import { RetrainingJobsRepository } from '../../src/retraining/jobs/retraining-jobs.repository.js';
import type { PlatformProcess } from '../harness/processes.js';
import { createTestApp, type TestApp } from '../harness/test-app.js';
import { getJob, isState, JOBS, LIFECYCLE, POLICY_ADMIN, putPolicy, registerModel, SLOW_TRAINING, startWorker, waitForJob } from './retraining-fixtures.js';

const PREFIX = 'e2e-retraining-crash';

describe('retraining workers: crash recovery, replayed steps and graceful shutdown', () => {
  let t: TestApp;
  let queue: Queue;
  const workers: PlatformProcess[] = [];

  const worker = async (env: Record<string, string> = {}) => {
    const started = await startWorker(env);
    workers.push(started);
    return started;
  };

  async function retrainSlowly(model: string, settings: Record<string, number> = SLOW_TRAINING): Promise<string> {
    await registerModel(t.http, model);
    await putPolicy(t, model, { trainer: { kind: 'command', command: 'logistic-regression', settings } });
    return (await t.http.post(`${LIFECYCLE}/models/${model}/retrain`).send({ reason: 'worker test' }).expect(201)).body.id;
  }

  async function runsAndVersions(model: string): Promise<{ runs: { id: string }[]; versions: { version: number; stage: string }[] }> {
    const experiment = (await t.http.get(`${LIFECYCLE}/experiments?namePrefix=${encodeURIComponent(`retraining:${model}`)}`).expect(200)).body.items[0];
    const runs = (await t.http.get(`${LIFECYCLE}/runs?experimentIds=${experiment.id}`).expect(200)).body.items;
    const versions = (await t.http.get(`${LIFECYCLE}/models/${model}/versions`).expect(200)).body.items;
    return { runs, versions };
  }

  beforeAll(async () => {
    t = await createTestApp('retraining-crash', {
      QUEUE_PREFIX: PREFIX,
      RETRAINING_LOCK_DURATION_MS: '2000',
      RETRAINING_STALLED_INTERVAL_MS: '1000',
      RETRAINING_DEFAULT_COOLDOWN_SECONDS: '0',
    });
    queue = new Queue('retraining', { connection: redisOptionsFromUrl(t.services.redis.url), prefix: PREFIX });
  });

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop('SIGKILL')));
  });

  afterAll(async () => {
    await queue.close();
    await t.close();
  });

  it('hands the job of a worker killed mid-training to another worker, which finishes it with one run and one version', async () => {
    const first = await worker();
    const id = await retrainSlowly('crash-model');
    await waitForJob(t.http, id, (job) => job.state === 'RUNNING' && job.progress >= 0.1);
    expect(await first.stop('SIGKILL')).toBe('SIGKILL');

    const second = await worker();
    const done = await waitForJob(t.http, id, isState('SUCCEEDED', 'FAILED'));
    expect(done).toMatchObject({ state: 'SUCCEEDED', modelVersion: 1 });
    expect(done.attempts).toBe(2);
    expect(second.output()).toMatch(/stalled/);
    const { runs, versions } = await runsAndVersions('crash-model');
    expect(runs.map((r) => r.id)).toEqual([done.runId]);
    expect(versions).toEqual([expect.objectContaining({ version: 1, stage: 'STAGING' })]);
  });

  it('replays the closing steps of a job without creating a second run or version', async () => {
    await registerModel(t.http, 'replay-model');
    await putPolicy(t, 'replay-model', { trainer: { kind: 'external' } });
    const created = await t.http.post(`${LIFECYCLE}/models/replay-model/retrain`).send({ reason: 'replay test' }).expect(201);
    // An admin may report for any job; the platform worker of this suite closes it.
    await t.http.post(`${JOBS}/${created.body.id}/complete`).set(t.as(POLICY_ADMIN)).send({ metrics: { auc: 0.8 }, artifactUri: 's3://models/replay/1' }).expect(200);
    const jobs = t.app.get(RetrainingJobsRepository);
    const closer = t.app.get(RetrainingCloser);
    // The job as an execution saw it before any closing step was recorded, as after a crash.
    const before = (await jobs.start(created.body.id, 'replay-test', null))!;
    const closed = await closer.close(before);
    const replayed = await closer.close(before);
    expect(replayed).toMatchObject({ id: closed.id, state: 'SUCCEEDED', runId: closed.runId, modelVersion: 1 });
    const { runs, versions } = await runsAndVersions('replay-model');
    expect(runs.map((r) => r.id)).toEqual([closed.runId]);
    expect(versions.map((v) => v.version)).toEqual([1]);
  });

  it('finishes the active job on SIGTERM before exiting', async () => {
    const only = await worker();
    const id = await retrainSlowly('drain-model', { epochs: 40, sleepMs: 50 });
    await waitForJob(t.http, id, (job) => job.state === 'RUNNING' && job.progress > 0);
    expect(await only.stop('SIGTERM')).toBe(0);
    expect((await getJob(t.http, id)).state).toBe('SUCCEEDED');
  });

  it('releases the active job to the queue when SIGTERM outlasts the grace, without spending an attempt', async () => {
    const leaving = await worker({ RETRAINING_SHUTDOWN_GRACE_MS: '300' });
    const id = await retrainSlowly('release-model');
    await waitForJob(t.http, id, (job) => job.state === 'RUNNING' && job.progress > 0);
    expect(await leaving.stop('SIGTERM')).toBe(0);
    const released = await getJob(t.http, id);
    expect(released.state).toBe('QUEUED');
    expect(released.events.at(-1)!.message).toMatch(/^released by .* on shutdown$/);
    expect(await queue.getJobState(id)).toBe('waiting');
    expect((await queue.getJob(id))!.attemptsMade).toBe(0);

    await worker();
    const done = await waitForJob(t.http, id, isState('SUCCEEDED', 'FAILED'));
    expect(done).toMatchObject({ state: 'SUCCEEDED', attempts: 2, modelVersion: 1 });
  });
});
