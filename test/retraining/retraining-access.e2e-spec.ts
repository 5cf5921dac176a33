import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';

import { createTestApp, type TestApp } from '../harness/test-app.js';
import {
  auditEntries,
  bearer,
  getJob,
  JOBS,
  LIFECYCLE,
  mintTrainerKey,
  putPolicy,
  QUANT_OPS,
  recordDrift,
  registerModel,
  type PayloadBody,
} from './retraining-fixtures.js';

const QUEUE = 'risk-models';
/** The request of finding 1: anyone could plant a model of their choosing as the next STAGING version. */
const FORGED_RESULT = { metrics: { sharpe: 99 }, artifactUri: 'https://attacker.example/backdoored-model.onnx' };

/** No worker runs in this suite: jobs wait for their trainer, which is what access to them is about. */
describe('retraining access: who may report for a job, change it and read it, and the audit of it', () => {
  let t: TestApp;
  let trainerKey: string;
  const anonymous = () => request(t.url);

  /** An external job of the team's queue, waiting for a claim. */
  async function externalJob(model: string, trainer: Record<string, unknown> = {}): Promise<string> {
    await registerModel(t.http, model);
    await putPolicy(t, model, { trainer: { kind: 'external', queue: QUEUE, ...trainer } });
    return (await recordDrift(t.http, model)).retraining!.jobId!;
  }

  async function claim(jobId: string): Promise<PayloadBody> {
    return (await t.http.post(`${JOBS}/${jobId}/claim`).set(bearer(trainerKey)).send({ worker: 'risk-trainer' }).expect(200)).body;
  }

  beforeAll(async () => {
    t = await createTestApp('retraining-access', { RETRAINING_DEFAULT_COOLDOWN_SECONDS: '0' });
    trainerKey = await mintTrainerKey(t, 'risk-training', [QUEUE]);
  });

  afterAll(async () => {
    await t.close();
  });

  it('refuses a forged result without credentials (401) and from an editor (403), and the job stays as it was', async () => {
    const jobId = await externalJob('finding-one');
    const before = await getJob(t.http, jobId);

    const unauthenticated = await anonymous().post(`${JOBS}/${jobId}/complete`).send(FORGED_RESULT).expect(401);
    expect(unauthenticated.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(unauthenticated.body.detail).toMatch(/needs a credential/);
    const editor = await t.http.post(`${JOBS}/${jobId}/complete`).send(FORGED_RESULT).expect(403);
    expect(editor.body.detail).toMatch(/needs the trainer or admin role/);

    const after = await getJob(t.http, jobId);
    expect(after).toEqual(before);
    expect(after).toMatchObject({ state: 'QUEUED', result: null, runId: null, modelVersion: null });
    expect((await t.http.get(`${LIFECYCLE}/models/finding-one/versions`).expect(200)).body.items).toHaveLength(0);
  });

  it('refuses claim, progress, fail and release without credentials (401) and from an editor (403)', async () => {
    const jobId = await externalJob('finding-one-steps');
    const before = await getJob(t.http, jobId);
    const steps: [string, object][] = [
      ['claim', { worker: 'intruder' }],
      ['progress', { progress: 0.9 }],
      ['fail', { reason: 'sabotage' }],
      ['release', {}],
    ];
    for (const [step, body] of steps) {
      const anon = await anonymous().post(`${JOBS}/${jobId}/${step}`).send(body);
      const editor = await t.http.post(`${JOBS}/${jobId}/${step}`).send(body);
      expect({ step, anonymous: anon.status, editor: editor.status }).toEqual({ step, anonymous: 401, editor: 403 });
    }
    await anonymous().post(`${JOBS}/claim-next`).send({ worker: 'intruder' }).expect(401);
    await t.http.post(`${JOBS}/claim-next`).send({ worker: 'intruder' }).expect(403);
    expect(await getJob(t.http, jobId)).toEqual(before);
  });

  it('refuses cancel and retry without credentials (401) and from a viewer (403)', async () => {
    const jobId = await externalJob('finding-one-manage');
    await anonymous().post(`${JOBS}/${jobId}/cancel`).send({ reason: 'x' }).expect(401);
    await t.http.post(`${JOBS}/${jobId}/cancel`).set(t.as('viewer')).send({ reason: 'x' }).expect(403);
    await t.http.post(`${JOBS}/${jobId}/cancel`).set(bearer(trainerKey)).send({ reason: 'x' }).expect(403);
    expect((await getJob(t.http, jobId)).state).toBe('QUEUED');

    await t.http.post(`${JOBS}/${jobId}/cancel`).send({ reason: 'superseded' }).expect(200);
    await anonymous().post(`${JOBS}/${jobId}/retry`).expect(401);
    await t.http.post(`${JOBS}/${jobId}/retry`).set(t.as('viewer')).expect(403);
    expect(await getJob(t.http, jobId)).toMatchObject({ state: 'CANCELLED', round: 1 });
  });

  it('refuses to list or read jobs without credentials (401), and to a trainer key (403)', async () => {
    const jobId = await externalJob('finding-one-read');
    await anonymous().get(JOBS).expect(401);
    await anonymous().get(`${JOBS}/${jobId}`).expect(401);
    await t.http.get(JOBS).set(bearer(trainerKey)).expect(403);
    await t.http.get(JOBS).set(t.as('viewer')).expect(200);
  });

  it('accepts a job token for its own job and refuses it for another (403, recorded as REFUSED in the audit)', async () => {
    const ownId = await externalJob('token-own');
    const otherId = await externalJob('token-other');
    const payload = await claim(ownId);
    const token = bearer(payload.credentials!.token);
    await t.http.post(`${JOBS}/${ownId}/progress`).set(token).send({ progress: 0.3, message: 'fitting' }).expect(200);

    const otherBefore = await getJob(t.http, otherId);
    const refused = await t.http.post(`${JOBS}/${otherId}/complete`).set(token).send(FORGED_RESULT).expect(403);
    expect(refused.body.detail).toBe(`Refused: this token belongs to retraining job ${ownId}, not ${otherId}`);
    await t.http.post(`${JOBS}/${otherId}/claim`).set(token).send({ worker: 'hop' }).expect(403);
    expect(await getJob(t.http, otherId)).toEqual(otherBefore);

    const entries = await auditEntries(t.http, { outcome: 'REFUSED' });
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'retraining.job.complete',
          outcome: 'REFUSED',
          actor: { id: `trainer-job:${ownId}`, name: `trainer of retraining job ${ownId}` },
          resource: { type: 'retraining-job', id: otherId },
          comment: `this token belongs to retraining job ${ownId}, not ${otherId}`,
        }),
        expect.objectContaining({ action: 'retraining.job.claim', actor: expect.objectContaining({ id: `trainer-job:${ownId}` }), resource: { type: 'retraining-job', id: otherId } }),
      ]),
    );

    await t.http.post(`${JOBS}/${ownId}/complete`).set(token).send({ metrics: { auc: 0.8 }, artifactUri: 's3://risk/token-own.bin' }).expect(200);
  });

  it('refuses a job token past the job\'s result deadline (401)', async () => {
    const jobId = await externalJob('token-expiry', { timeoutSeconds: 1 });
    const payload = await claim(jobId);
    const token = bearer(payload.credentials!.token);
    expect(Date.parse(payload.credentials!.expiresAt) - Date.now()).toBeLessThanOrEqual(1000);
    await t.http.post(`${JOBS}/${jobId}/progress`).set(token).send({ progress: 0.1 }).expect(200);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const expired = await t.http.post(`${JOBS}/${jobId}/complete`).set(token).send({ metrics: { auc: 0.8 }, artifactUri: 's3://risk/late.bin' }).expect(401);
    expect(expired.body.detail).toMatch(/not valid: unknown, revoked or expired/);
    expect((await getJob(t.http, jobId)).result).toBeNull();
  });

  it('records the policy change, and the cancel and retry of a job, in the platform audit with the acting person', async () => {
    await registerModel(t.http, 'audited-model');
    await putPolicy(t, 'audited-model', { cooldownSeconds: 600, trainer: { kind: 'external', queue: QUEUE } });
    const policyEntries = await auditEntries(t.http, { resourceType: 'model', resourceId: 'audited-model' });
    expect(policyEntries).toEqual([
      expect.objectContaining({
        action: 'retraining.policy.changed',
        outcome: 'SUCCEEDED',
        actor: QUANT_OPS,
        before: expect.objectContaining({ trainer: expect.objectContaining({ kind: 'command' }) }),
        after: expect.objectContaining({ cooldownSeconds: 600, trainer: expect.objectContaining({ kind: 'external', queue: QUEUE }) }),
      }),
    ]);

    const jobId = (await t.http.post(`${LIFECYCLE}/models/audited-model/retrain`).set(t.as('dave')).send({ reason: 'quarter end' }).expect(201)).body.id;
    await t.http.post(`${JOBS}/${jobId}/cancel`).set(t.as('alice')).send({ reason: 'wrong data window' }).expect(200);
    await t.http.post(`${JOBS}/${jobId}/retry`).set(t.as('bob')).expect(200);
    const jobEntries = await auditEntries(t.http, { resourceType: 'retraining-job', resourceId: jobId });
    expect(jobEntries.map((e) => [e.action, e.actor, e.outcome])).toEqual([
      ['retraining.job.retried', { id: 'user:bob', name: 'Bob Novak' }, 'SUCCEEDED'],
      ['retraining.job.cancelled', { id: 'user:alice', name: 'Alice Kim' }, 'SUCCEEDED'],
    ]);
    expect(jobEntries[1]).toMatchObject({ comment: 'wrong data window', before: { state: 'QUEUED' }, after: { state: 'CANCELLED' } });
    expect(jobEntries[0]).toMatchObject({ before: { state: 'CANCELLED' }, after: { state: 'PENDING_ENQUEUE', round: 2 } });
  });
});
