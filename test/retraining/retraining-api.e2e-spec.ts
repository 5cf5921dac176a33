import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue, UnrecoverableError, Worker } from 'bullmq';

import { redisOptionsFromUrl } from '../../src/common/queue/redis-connection.js';
import { createTestApp, type TestApp } from '../harness/test-app.js';
import {
  bearer,
  claimNext,
  getJob,
  isState,
  JOBS,
  LIFECYCLE,
  mintTrainerKey,
  POLICY_ADMIN,
  putPolicy,
  QUANT_OPS,
  recordDrift,
  registerModel,
  TESTER,
  waitForJob,
  type RetrainingJobBody,
} from './retraining-fixtures.js';

const PREFIX = 'e2e-retraining-api';

/** No worker runs in this suite: jobs stop at QUEUED, which is what these rules are about. */
describe('retraining API: policies, triggers, one open job per model, cancel, retry and the completion protocol', () => {
  let t: TestApp;
  let platformQueue: Queue;
  let externalQueue: Queue;
  /** The trainer key of the team that consumes the default external queue. */
  let trainerKey: string;

  beforeAll(async () => {
    t = await createTestApp('retraining-api', {
      QUEUE_PREFIX: PREFIX,
      RETRAINING_DEFAULT_MIN_SEVERITY: 'MEDIUM',
      RETRAINING_DEFAULT_COOLDOWN_SECONDS: '0',
      // The sweeper checks jobs quiet for twice the lock duration against the queue.
      RETRAINING_LOCK_DURATION_MS: '500',
      RETRAINING_STALLED_INTERVAL_MS: '500',
      RETRAINING_OUTBOX_SWEEP_MS: '300',
    });
    const connection = redisOptionsFromUrl(t.services.redis.url);
    platformQueue = new Queue('retraining', { connection, prefix: PREFIX });
    externalQueue = new Queue('retraining-external', { connection, prefix: PREFIX });
    trainerKey = await mintTrainerKey(t, 'risk-training', ['retraining-external']);
  });

  afterAll(async () => {
    await Promise.all([platformQueue.close(), externalQueue.close()]);
    await t.close();
  });

  describe('policy', () => {
    it('answers the platform default for a model without a policy, and 404 for an unknown model', async () => {
      await registerModel(t.http, 'policy-default');
      const res = await t.http.get(`${LIFECYCLE}/models/policy-default/retraining-policy`).expect(200);
      expect(res.body).toEqual({
        modelName: 'policy-default',
        enabled: true,
        minSeverity: 'MEDIUM',
        cooldownSeconds: 0,
        trainer: { kind: 'command', command: 'logistic-regression', url: null, queue: null, settings: {}, timeoutSeconds: 3600 },
        experimentName: 'retraining:policy-default',
        source: 'DEFAULT',
        updatedBy: null,
        updatedAt: null,
      });
      await t.http.get(`${LIFECYCLE}/models/nobody/retraining-policy`).expect(404);
      await t.http.put(`${LIFECYCLE}/models/nobody/retraining-policy`).set(t.as(POLICY_ADMIN)).send({ enabled: true, minSeverity: 'HIGH', cooldownSeconds: 0, trainer: { kind: 'external' } }).expect(404);
    });

    it('stores a policy and answers it as the model\'s own', async () => {
      await registerModel(t.http, 'policy-set');
      const body = { enabled: false, minSeverity: 'CRITICAL', cooldownSeconds: 600, trainer: { kind: 'webhook', url: 'http://127.0.0.1:9/train', settings: { window: '18m' } }, experimentName: 'policy-set-runs' };
      const put = await t.http.put(`${LIFECYCLE}/models/policy-set/retraining-policy`).set(t.as(POLICY_ADMIN)).send(body).expect(200);
      expect(put.body).toMatchObject({ ...body, source: 'MODEL', updatedBy: QUANT_OPS, trainer: { kind: 'webhook', url: 'http://127.0.0.1:9/train', command: null, queue: null, settings: { window: '18m' }, timeoutSeconds: 86400 } });
      const get = await t.http.get(`${LIFECYCLE}/models/policy-set/retraining-policy`).expect(200);
      expect(get.body).toEqual(put.body);
    });

    it('refuses a policy from a non-admin with 403', async () => {
      await registerModel(t.http, 'policy-editor');
      await t.http.put(`${LIFECYCLE}/models/policy-editor/retraining-policy`).send({ enabled: true, minSeverity: 'HIGH', cooldownSeconds: 0, trainer: { kind: 'external' } }).expect(403);
      expect((await t.http.get(`${LIFECYCLE}/models/policy-editor/retraining-policy`).expect(200)).body.source).toBe('DEFAULT');
    });

    it('refuses an invalid policy naming each field (400, or 422 for a command this deployment does not configure), and keeps the previous one', async () => {
      await registerModel(t.http, 'policy-bad');
      const base = { enabled: true, minSeverity: 'HIGH', cooldownSeconds: 0 };
      const admin = t.as(POLICY_ADMIN);
      const unknownCommand = await t.http.put(`${LIFECYCLE}/models/policy-bad/retraining-policy`).set(admin).send({ ...base, trainer: { kind: 'command', command: '/bin/sh' } }).expect(422);
      expect(unknownCommand.body.errors).toEqual([{ field: 'trainer.command', message: expect.stringContaining('configured: logistic-regression') }]);
      const noUrl = await t.http.put(`${LIFECYCLE}/models/policy-bad/retraining-policy`).set(admin).send({ ...base, trainer: { kind: 'webhook' } }).expect(400);
      expect(noUrl.body.errors.map((e: { field: string }) => e.field)).toEqual(['trainer.url']);
      const ownQueue = await t.http.put(`${LIFECYCLE}/models/policy-bad/retraining-policy`).set(admin).send({ ...base, trainer: { kind: 'external', queue: 'retraining' } }).expect(400);
      expect(ownQueue.body.errors.map((e: { field: string }) => e.field)).toEqual(['trainer.queue']);
      const shape = await t.http.put(`${LIFECYCLE}/models/policy-bad/retraining-policy`).set(admin).send({ enabled: 'yes', minSeverity: 'SEVERE', cooldownSeconds: -1, trainer: { kind: 'ftp' }, extra: 1 }).expect(400);
      expect(shape.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['enabled', 'minSeverity', 'cooldownSeconds', 'trainer.kind', 'extra']));
      const kept = await t.http.get(`${LIFECYCLE}/models/policy-bad/retraining-policy`).expect(200);
      expect(kept.body.source).toBe('DEFAULT');
    });
  });

  describe('drift events', () => {
    it('does not trigger below the minimum severity or with the policy disabled, and says why on the event', async () => {
      await registerModel(t.http, 'quiet-model');
      const low = await recordDrift(t.http, 'quiet-model', 0.05);
      expect(low.retraining).toMatchObject({ jobId: null, state: 'NOT_TRIGGERED', detail: "severity LOW is below the policy's minimum MEDIUM" });
      await putPolicy(t, 'quiet-model', { enabled: false });
      const disabled = await recordDrift(t.http, 'quiet-model', 0.5);
      expect(disabled.retraining).toMatchObject({ jobId: null, state: 'NOT_TRIGGERED', detail: 'retraining is disabled for this model' });
      const jobs = await t.http.get(`${JOBS}?modelName=quiet-model`).expect(200);
      expect(jobs.body.items).toHaveLength(0);
    });

    it('opens exactly one job for concurrent qualifying events, holding every event id, and enqueues it once', async () => {
      await registerModel(t.http, 'busy-model');
      const events = await Promise.all(Array.from({ length: 12 }, () => recordDrift(t.http, 'busy-model', 0.35)));
      const jobs = (await t.http.get(`${JOBS}?modelName=busy-model`).expect(200)).body.items as RetrainingJobBody[];
      expect(jobs).toHaveLength(1);
      const [job] = jobs;
      expect(job.state).toBe('QUEUED');
      expect([...job.driftEventIds].sort()).toEqual(events.map((e) => e.id).sort());
      for (const event of events) {
        const stored = (await t.http.get(`${LIFECYCLE}/drift-events/${event.id}`).expect(200)).body;
        expect(stored.retraining).toMatchObject({ jobId: job.id, state: 'QUEUED' });
      }
      const queued = (await platformQueue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed'])).filter((j) => j.data.jobId === job.id);
      expect(queued.map((j) => j.id)).toEqual([job.id]);
    });

    it('skips a new job during the cooldown after the last one, and attaches to an open job whatever the cooldown', async () => {
      await registerModel(t.http, 'cool-model');
      await putPolicy(t, 'cool-model', { minSeverity: 'MEDIUM', cooldownSeconds: 3600, trainer: { kind: 'external' } });
      const first = await recordDrift(t.http, 'cool-model');
      const second = await recordDrift(t.http, 'cool-model');
      expect(second.retraining!.jobId).toBe(first.retraining!.jobId);
      const claimed = await claimNext(t, trainerKey, 'cool-trainer');
      expect(claimed.jobId).toBe(first.retraining!.jobId);
      await t.http.post(`${JOBS}/${claimed.jobId}/fail`).set(bearer(claimed.credentials!.token)).send({ reason: 'feature store down' }).expect(200);
      const third = await recordDrift(t.http, 'cool-model');
      expect(third.retraining).toMatchObject({ jobId: null, state: 'NOT_TRIGGERED', detail: expect.stringMatching(/^cooldown: .* after \d{4}-/) });
    });
  });

  describe('cancel and retry', () => {
    it('cancels a queued job, takes it off the queue, tells its events, and refuses a second cancel', async () => {
      await registerModel(t.http, 'cancel-model');
      const event = await recordDrift(t.http, 'cancel-model');
      const jobId = event.retraining!.jobId!;
      expect(await platformQueue.getJob(jobId)).toBeDefined();
      const cancelled = await t.http.post(`${JOBS}/${jobId}/cancel`).send({ reason: 'data feed under repair' }).expect(200);
      expect(cancelled.body).toMatchObject({ state: 'CANCELLED', failureReason: 'cancelled by Test Editor: data feed under repair', finishedAt: expect.any(String) });
      expect(await platformQueue.getJob(jobId)).toBeUndefined();
      const stored = (await t.http.get(`${LIFECYCLE}/drift-events/${event.id}`).expect(200)).body;
      expect(stored.retraining).toMatchObject({ jobId, state: 'CANCELLED', detail: 'cancelled by Test Editor: data feed under repair' });
      const again = await t.http.post(`${JOBS}/${jobId}/cancel`).send({ reason: 'twice' }).expect(409);
      expect(again.body.detail).toMatch(/cannot move from CANCELLED to CANCELLED/);
      await t.http.post(`${JOBS}/${jobId}/cancel`).send({}).expect(400);
    });

    it('retries a cancelled job as a new round on the queue, and refuses to retry an open job', async () => {
      await registerModel(t.http, 'retry-model');
      const created = await t.http.post(`${LIFECYCLE}/models/retry-model/retrain`).send({ reason: 'first' }).expect(201);
      expect(created.body.trigger).toEqual({ kind: 'MANUAL', reason: 'first', requestedBy: TESTER });
      const id = created.body.id as string;
      await t.http.post(`${JOBS}/${id}/retry`).expect(409);
      await t.http.post(`${JOBS}/${id}/cancel`).send({ reason: 'wrong window' }).expect(200);
      const retried = await t.http.post(`${JOBS}/${id}/retry`).set(t.as(POLICY_ADMIN)).expect(200);
      expect(retried.body).toMatchObject({ state: 'QUEUED', round: 2, queueJobId: `${id}-r2`, failureReason: null, finishedAt: null });
      expect(retried.body.events.map((e: { message: string }) => e.message)).toContain('retry (round 2) requested by Quant Ops');
      expect((await platformQueue.getJob(`${id}-r2`))?.data).toEqual({ contractVersion: 1, jobId: id });
    });

    it('refuses a retry while another job of the model is open, naming it', async () => {
      await registerModel(t.http, 'retry-blocked');
      const old = await t.http.post(`${LIFECYCLE}/models/retry-blocked/retrain`).send({ reason: 'old' }).expect(201);
      await t.http.post(`${JOBS}/${old.body.id}/cancel`).send({ reason: 'superseded' }).expect(200);
      const open = await t.http.post(`${LIFECYCLE}/models/retry-blocked/retrain`).send({ reason: 'new' }).expect(201);
      const refused = await t.http.post(`${JOBS}/${old.body.id}/retry`).expect(409);
      expect(refused.body).toMatchObject({ openJobId: open.body.id });
      expect((await getJob(t.http, old.body.id)).state).toBe('CANCELLED');
    });
  });

  describe('completion protocol (external trainer)', () => {
    const result = { metrics: { auc: 0.91, accuracy: 0.84 }, params: { window: '18m' }, artifactUri: 's3://models/ext/1', tags: { team: 'risk' } };

    it('keeps an external job off BullMQ until a trainer claims it over HTTP, then takes progress and one result with its job token', async () => {
      await registerModel(t.http, 'ext-model');
      await putPolicy(t, 'ext-model', { trainer: { kind: 'external', settings: { window: '18m' } } });
      const event = await recordDrift(t.http, 'ext-model', 0.5);
      const jobId = event.retraining!.jobId!;
      expect(await getJob(t.http, jobId)).toMatchObject({ state: 'QUEUED', queueName: 'retraining-external' });
      expect(await externalQueue.getJob(jobId)).toBeUndefined();
      expect(await platformQueue.getJob(jobId)).toBeUndefined();

      const claim = await t.http.post(`${JOBS}/${jobId}/claim`).set(bearer(trainerKey)).send({ worker: 'risk-trainer-1' }).expect(200);
      expect(claim.body).toMatchObject({
        contractVersion: 1,
        jobId,
        modelName: 'ext-model',
        attempt: 1,
        trigger: { kind: 'DRIFT', driftEventIds: [event.id], requestedBy: TESTER.name },
        trainer: { kind: 'external', settings: { window: '18m' } },
        completion: { complete: `/api/v1/ml/lifecycle/retraining-jobs/${jobId}/complete`, release: `/api/v1/ml/lifecycle/retraining-jobs/${jobId}/release` },
        credentials: { token: expect.stringMatching(new RegExp(`^mlpj_${jobId}_`)), expiresAt: expect.any(String) },
      });
      const token = bearer(claim.body.credentials.token);
      const progressed = await t.http.post(`${JOBS}/${jobId}/progress`).set(token).send({ progress: 0.5, message: 'half way' }).expect(200);
      expect(progressed.body).toMatchObject({ state: 'RUNNING', workerId: 'risk-trainer-1', progress: 0.5, progressMessage: 'half way', claimedBy: { id: 'service:risk-training', name: 'risk-training' } });
      expect(progressed.body).not.toHaveProperty('trainerTokens');

      const invalid = await t.http.post(`${JOBS}/${jobId}/complete`).set(token).send({ metrics: { auc: 'high' }, artifactUri: 'nowhere' }).expect(400);
      expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['artifactUri', 'metrics.auc']);

      const completed = await t.http.post(`${JOBS}/${jobId}/complete`).set(token).send(result).expect(200);
      expect(completed.body).toMatchObject({ state: 'QUEUED', queueName: 'retraining', queueJobId: `${jobId}-close`, result, resultReportedBy: { id: 'service:risk-training', name: 'risk-training' } });
      const repeated = await t.http.post(`${JOBS}/${jobId}/complete`).set(token).send(result).expect(200);
      expect(repeated.body.result).toEqual(result);
      await t.http.post(`${JOBS}/${jobId}/complete`).set(token).send({ ...result, metrics: { auc: 0.5 } }).expect(409);
      await t.http.post(`${JOBS}/${jobId}/fail`).set(token).send({ reason: 'too late' }).expect(409);
      await t.http.post(`${JOBS}/${jobId}/complete`).set(token).send({ metrics: result.metrics, artifactUri: result.artifactUri }).expect(409);
      await t.http.post(`${JOBS}/${jobId}/cancel`).send({ reason: 'too late' }).expect(409);
      expect((await platformQueue.getJob(`${jobId}-close`))?.data).toEqual({ contractVersion: 1, jobId });
    });

    it('hands out each waiting job once to racing trainers, and answers 204 when none waits', async () => {
      const models = ['race-a', 'race-b', 'race-c'];
      for (const model of models) {
        await registerModel(t.http, model);
        await putPolicy(t, model, { trainer: { kind: 'external', queue: 'race-team' } });
        await recordDrift(t.http, model, 0.5);
      }
      const raceKey = await mintTrainerKey(t, 'race-training', ['race-team']);
      const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => t.http.post(`${JOBS}/claim-next`).set(bearer(raceKey)).send({ worker: `racer-${i}` })));
      const claimed = answers.filter((res) => res.status === 200).map((res) => res.body.modelName as string);
      expect(claimed.sort()).toEqual(models);
      expect(answers.filter((res) => res.status === 204)).toHaveLength(5);
      await t.http.post(`${JOBS}/claim-next`).set(bearer(raceKey)).send({ worker: 'late' }).expect(204);
    });

    it('takes a repeated minimal result (no params, no tags) as the same result', async () => {
      await registerModel(t.http, 'ext-minimal');
      await putPolicy(t, 'ext-minimal', { trainer: { kind: 'external' } });
      const jobId = (await recordDrift(t.http, 'ext-minimal', 0.5)).retraining!.jobId!;
      const claimed = await claimNext(t, trainerKey, 'minimal-trainer');
      expect(claimed.jobId).toBe(jobId);
      const minimal = { metrics: { auc: 0.7 }, artifactUri: 's3://models/ext/minimal' };
      const first = await t.http.post(`${JOBS}/${jobId}/complete`).set(bearer(claimed.credentials!.token)).send(minimal).expect(200);
      expect(first.body.result).toEqual({ ...minimal, params: {}, tags: {} });
      const again = await t.http.post(`${JOBS}/${jobId}/complete`).set(bearer(claimed.credentials!.token)).send(minimal).expect(200);
      expect(again.body.result).toEqual(first.body.result);
    });

    it('fails a job on the trainer\'s report, repeatably, and refuses the protocol for a command job', async () => {
      await registerModel(t.http, 'ext-fail');
      await putPolicy(t, 'ext-fail', { trainer: { kind: 'external' } });
      const jobId = (await recordDrift(t.http, 'ext-fail', 0.5)).retraining!.jobId!;
      const token = bearer((await claimNext(t, trainerKey, 'failing-trainer')).credentials!.token);
      const failed = await t.http.post(`${JOBS}/${jobId}/fail`).set(token).send({ reason: 'no rows for 2026-11' }).expect(200);
      expect(failed.body).toMatchObject({ state: 'FAILED', failureReason: 'no rows for 2026-11' });
      await t.http.post(`${JOBS}/${jobId}/fail`).set(token).send({ reason: 'no rows for 2026-11' }).expect(200);
      await t.http.post(`${JOBS}/${jobId}/claim`).set(bearer(trainerKey)).send({ worker: 'late' }).expect(409);
      await t.http.post(`${JOBS}/${jobId}/progress`).set(token).send({ progress: 0.1 }).expect(409);

      await registerModel(t.http, 'cmd-model');
      const cmdJob = (await recordDrift(t.http, 'cmd-model', 0.5)).retraining!.jobId!;
      const refused = await t.http.post(`${JOBS}/${cmdJob}/complete`).set(t.as(POLICY_ADMIN)).send(result).expect(409);
      expect(refused.body.detail).toMatch(/runs a command trainer/);
    });

    it('puts a retryable failure back in the queue after its backoff, and hands a released job to the next claim without spending an attempt', async () => {
      await registerModel(t.http, 'ext-retry');
      await putPolicy(t, 'ext-retry', { trainer: { kind: 'external', queue: 'retry-team' } });
      const jobId = (await recordDrift(t.http, 'ext-retry', 0.5)).retraining!.jobId!;
      const key = await mintTrainerKey(t, 'retry-training', ['retry-team']);

      const first = await claimNext(t, key, 'retry-trainer-1');
      const released = await t.http.post(`${JOBS}/${jobId}/release`).set(bearer(first.credentials!.token)).expect(200);
      expect(released.body).toMatchObject({ state: 'QUEUED', claimedBy: null, notBefore: null });
      expect(released.body.events.at(-1).message).toBe('released by retry-trainer-1');

      const second = await claimNext(t, key, 'retry-trainer-2');
      expect(second.jobId).toBe(jobId);
      const requeued = await t.http.post(`${JOBS}/${jobId}/fail`).set(bearer(second.credentials!.token)).send({ reason: 'GPU node lost', retryable: true }).expect(200);
      // The released claim spent no attempt: this is the first failed one of three.
      expect(requeued.body).toMatchObject({ state: 'QUEUED', lastError: 'GPU node lost', notBefore: expect.any(String) });
      expect(requeued.body.events.at(-1).message).toMatch(/^attempt 1 of 3 failed: GPU node lost; next attempt after /);
      // A report repeated because its answer was lost does not fail the job.
      await t.http.post(`${JOBS}/${jobId}/fail`).set(bearer(second.credentials!.token)).send({ reason: 'GPU node lost', retryable: true }).expect(200);
      expect((await getJob(t.http, jobId)).state).toBe('QUEUED');
      // Nothing to claim during the backoff (RETRAINING_BACKOFF_MS defaults to 30 s).
      await t.http.post(`${JOBS}/claim-next`).set(bearer(key)).send({ worker: 'retry-trainer-3' }).expect(204);
    });
  });

  describe('reconciliation with the queue', () => {
    it('puts a job whose BullMQ job vanished from Redis back on the queue', async () => {
      await registerModel(t.http, 'vanished-model');
      const id = (await recordDrift(t.http, 'vanished-model')).retraining!.jobId!;
      await platformQueue.remove(id);
      const back = await waitForJob(t.http, id, (job) => job.state === 'QUEUED' && job.events.some((e) => e.message.includes('was missing from Redis')), 20_000);
      expect(back.events.map((e) => e.state)).toEqual(['PENDING_ENQUEUE', 'QUEUED', 'PENDING_ENQUEUE', 'QUEUED']);
      expect((await platformQueue.getJob(id))?.data).toEqual({ contractVersion: 1, jobId: id });
    });

    it('fails a job whose BullMQ job failed without the processor knowing (stalled too often)', async () => {
      await registerModel(t.http, 'stalled-model');
      const id = (await recordDrift(t.http, 'stalled-model')).retraining!.jobId!;
      // A stand-in for the platform worker that gives up on every job as BullMQ does on one that stalled too often.
      const stand = new Worker('retraining', async () => {
        throw new UnrecoverableError('job stalled more than allowable limit');
      }, { connection: redisOptionsFromUrl(t.services.redis.url), prefix: PREFIX });
      try {
        const failed = await waitForJob(t.http, id, isState('FAILED'), 20_000);
        expect(failed.failureReason).toBe('the queue gave up on the job: job stalled more than allowable limit');
      } finally {
        await stand.close();
      }
    });
  });

  describe('reading jobs', () => {
    it('lists jobs by model and state, newest first, paging through each exactly once', async () => {
      await registerModel(t.http, 'paged-model');
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const job = await t.http.post(`${LIFECYCLE}/models/paged-model/retrain`).send({ reason: `round ${i}` }).expect(201);
        await t.http.post(`${JOBS}/${job.body.id}/cancel`).send({ reason: 'paging' }).expect(200);
        ids.unshift(job.body.id);
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: RetrainingJobBody[]; nextCursor: string | null } } = await t.http
          .get(`${JOBS}?modelName=paged-model&state=CANCELLED&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
          .expect(200);
        seen.push(...page.body.items.map((j) => j.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(ids);
      await t.http.get(`${JOBS}?state=DONE`).expect(400);
      await t.http.get(`${JOBS}?limit=201`).expect(400);
      await t.http.get(`${JOBS}/not-an-id`).expect(400);
      await t.http.get(`${JOBS}/0123456789abcdef01234567`).expect(404);
    });
  });
});
