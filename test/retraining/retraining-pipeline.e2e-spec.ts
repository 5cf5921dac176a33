import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import type { PlatformProcess } from '../harness/processes.js';
import { createTestApp, type TestApp } from '../harness/test-app.js';
import { isState, LIFECYCLE, putPolicy, recordDrift, registerModel, SLOW_TRAINING, startWorker, TESTER, waitForJob } from './retraining-fixtures.js';

describe('retraining pipeline: drift event to STAGING version through a worker process', () => {
  let t: TestApp;
  let worker: PlatformProcess;

  beforeAll(async () => {
    t = await createTestApp('retraining-pipeline', { RETRAINING_DEFAULT_COOLDOWN_SECONDS: '0', RETRAINING_OUTBOX_SWEEP_MS: '500' });
    worker = await startWorker();
  });

  afterAll(async () => {
    await worker?.stop('SIGTERM');
    await t.close();
  });

  it('turns a HIGH drift event into a finished run and a STAGING version, and marks the event handled', async () => {
    await registerModel(t.http, 'kospi-momentum');
    await t.http.post('/api/v1/ml/evaluation/scenarios').send({ name: 'kospi-momentum-holdout', modelName: 'kospi-momentum', baseline: { metrics: { auc: 0.8 } } }).expect(201);
    const event = await recordDrift(t.http, 'kospi-momentum');
    expect(event.retraining).toMatchObject({ jobId: expect.any(String), state: expect.stringMatching(/^(PENDING_ENQUEUE|QUEUED|RUNNING)$/) });
    const jobId = event.retraining!.jobId!;

    const job = await waitForJob(t.http, jobId, isState('SUCCEEDED', 'FAILED'));
    expect(job).toMatchObject({ state: 'SUCCEEDED', modelName: 'kospi-momentum', driftEventIds: [event.id], modelVersion: 1, progress: 1 });
    expect(job.result!.metrics).toEqual({ accuracy: expect.any(Number), log_loss: expect.any(Number), auc: expect.any(Number), train_log_loss: expect.any(Number) });
    expect(job.result!.metrics.auc).toBeGreaterThan(0.8);
    expect(job.outputTail.some((line) => /training on \d+ rows/.test(line))).toBe(true);

    const run = (await t.http.get(`${LIFECYCLE}/runs/${job.runId}`).expect(200)).body;
    expect(run).toMatchObject({ status: 'FINISHED', latestMetrics: job.result!.metrics, artifactUri: job.result!.artifactUri });
    expect(run.tags).toMatchObject({ retraining_job_id: jobId, retraining_trigger: 'DRIFT', drift_event_ids: event.id });
    expect(run.params).toMatchObject({ algorithm: 'logistic-regression', epochs: '300' });
    const experiment = (await t.http.get(`${LIFECYCLE}/experiments/${run.experimentId}`).expect(200)).body;
    expect(experiment.name).toBe('retraining:kospi-momentum');

    const version = (await t.http.get(`${LIFECYCLE}/models/kospi-momentum/versions/1`).expect(200)).body;
    expect(version).toMatchObject({ stage: 'STAGING', runId: job.runId, metrics: job.result!.metrics, createdBy: { id: 'system:retraining-pipeline', name: 'Retraining pipeline' } });
    // Whoever recorded the drift event brought the version about, so may not approve it.
    expect([...version.originators].sort()).toEqual(['system:retraining-pipeline', TESTER.id]);

    const handled = (await t.http.get(`${LIFECYCLE}/drift-events/${event.id}`).expect(200)).body;
    expect(handled.retraining).toMatchObject({ jobId, state: 'SUCCEEDED', modelVersion: 1 });

    expect(job.evaluationRunIds).toHaveLength(1);
    const evaluation = (await t.http.get(`/api/v1/ml/evaluation/runs/${job.evaluationRunIds![0]}`).expect(200)).body;
    expect(evaluation).toMatchObject({ scenarioName: 'kospi-momentum-holdout', trigger: 'NEW_MODEL_VERSION', candidate: { modelName: 'kospi-momentum', version: 1, metrics: job.result!.metrics } });
  });

  it('retrains by hand with a reason, and refuses a second job while one is open', async () => {
    await registerModel(t.http, 'fx-carry');
    await putPolicy(t, 'fx-carry', { trainer: { kind: 'command', command: 'logistic-regression', settings: SLOW_TRAINING } });
    const first = await t.http.post(`${LIFECYCLE}/models/fx-carry/retrain`).set(t.as('dave')).send({ reason: 'quarterly refresh' }).expect(201);
    expect(first.body).toMatchObject({ state: expect.stringMatching(/^(QUEUED|RUNNING)$/), trigger: { kind: 'MANUAL', reason: 'quarterly refresh', requestedBy: { id: 'user:dave', name: 'Dave Okafor' } } });
    const second = await t.http.post(`${LIFECYCLE}/models/fx-carry/retrain`).send({ reason: 'again' }).expect(409);
    expect(second.body).toMatchObject({ openJobId: first.body.id, detail: expect.stringContaining('already has an open retraining job') });
    const done = await waitForJob(t.http, first.body.id, isState('SUCCEEDED', 'FAILED'));
    expect(done).toMatchObject({ state: 'SUCCEEDED', modelVersion: 1, driftEventIds: [] });
    expect(done.result!.artifactUri).toMatch(/^file:\/\//);
    const version = (await t.http.get(`${LIFECYCLE}/models/fx-carry/versions/1`).expect(200)).body;
    expect(version.originators).toContain('user:dave');
  });

  it('answers 404 for retraining an unknown model, 400 without a reason, and 403 to a viewer', async () => {
    await t.http.post(`${LIFECYCLE}/models/nobody/retrain`).send({ reason: 'x' }).expect(404);
    await t.http.post(`${LIFECYCLE}/models/kospi-momentum/retrain`).send({}).expect(400);
    await t.http.post(`${LIFECYCLE}/models/kospi-momentum/retrain`).set(t.as('viewer')).send({ reason: 'x' }).expect(403);
  });
});
