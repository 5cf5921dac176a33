import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { RetrainingJobPayload } from '../../libs/contracts/src/index.js';
import { createTestApp, createTestWorker, type TestApp } from '../harness/test-app.js';
import { bearer, isState, JOBS, LIFECYCLE, POLICY_ADMIN, putPolicy, recordDrift, registerModel, waitForJob } from './retraining-fixtures.js';

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body;
}

/** Trains with the example trainer, as a remote training service would with its own code. */
function train(payload: RetrainingJobPayload): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['examples/trainers/logistic-regression.mjs'], { stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`trainer exited ${code}`))));
    child.stdin.end(JSON.stringify({ ...payload, artifactDir: '.data/artifacts/webhook-test' }));
  });
}

describe('webhook trainer: the job is POSTed to a URL and the trainer reports back through the completion endpoints', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let server: Server;
  let trainerUrl: string;
  /** Another local server, the target of a redirect: it must never be reached. */
  let elsewhere: Server;
  let elsewhereUrl: string;
  const elsewhereRequests: string[] = [];
  const received: RetrainingJobPayload[] = [];
  /** Reports of the test trainer that the platform refused: none is expected. */
  const reportErrors: string[] = [];

  beforeAll(async () => {
    t = await createTestApp('retraining-webhook', {
      RETRAINING_ATTEMPTS: '2',
      RETRAINING_BACKOFF_MS: '200',
      RETRAINING_OUTBOX_SWEEP_MS: '300',
      RETRAINING_DEFAULT_COOLDOWN_SECONDS: '0',
      // Only IPv4 loopback: every other destination, ::1 included, is refused before any connection.
      RETRAINING_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    });
    elsewhere = createServer((req, res) => {
      elsewhereRequests.push(`${req.method} ${req.url}`);
      res.writeHead(202).end();
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
    worker = await createTestWorker();
    const platformUrl = await t.app.getUrl();
    server = createServer((req, res) => {
      void readBody(req).then(async (body) => {
        if (req.url === '/down') return res.writeHead(500).end('training cluster unavailable');
        if (req.url === '/moved') return res.writeHead(302, { location: `${elsewhereUrl}/train` }).end();
        const payload = JSON.parse(body) as RetrainingJobPayload;
        received.push(payload);
        res.writeHead(202).end();
        // The trainer reports with the job's own token, its only credential.
        const report = (path: string, report: unknown) =>
          fetch(`${platformUrl}${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${payload.credentials!.token}` },
            body: JSON.stringify(report),
          }).then((res) => {
            if (!res.ok) throw new Error(`${path} answered ${res.status}`);
          });
        if (req.url === '/train') {
          const result = await train(payload);
          await report(payload.completion.complete, result);
          // A trainer that repeats itself (lost answer, retry) does no harm.
          await report(payload.completion.complete, result);
        } else if (req.url === '/train-fails') {
          await report(payload.completion.fail, { reason: 'no market data for 2026-11-24' });
        }
        // '/silent' accepts and never reports.
      }).catch((error: Error) => reportErrors.push(error.message));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    trainerUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await new Promise((resolve) => elsewhere.close(resolve));
    await worker.close();
    await t.close();
  });

  it('POSTs the job, and the reported result becomes a finished run and a STAGING version', async () => {
    await registerModel(t.http, 'hooked-model');
    await putPolicy(t, 'hooked-model', { trainer: { kind: 'webhook', url: `${trainerUrl}/train`, settings: { epochs: 50 } } });
    const event = await recordDrift(t.http, 'hooked-model');
    const jobId = event.retraining!.jobId!;
    const done = await waitForJob(t.http, jobId, isState('SUCCEEDED', 'FAILED'));
    expect(done).toMatchObject({ state: 'SUCCEEDED', modelVersion: 1 });
    expect(done.events.map((e) => e.message)).toContain('trainer reported its result');
    expect(received.find((p) => p.jobId === jobId)).toMatchObject({
      contractVersion: 1,
      modelName: 'hooked-model',
      trainer: { kind: 'webhook', settings: { epochs: 50 } },
      trigger: { kind: 'DRIFT', driftEventIds: [event.id] },
      completion: { complete: `/api/v1/ml/lifecycle/retraining-jobs/${jobId}/complete`, fail: `/api/v1/ml/lifecycle/retraining-jobs/${jobId}/fail` },
      credentials: { token: expect.stringMatching(new RegExp(`^mlpj_${jobId}_`)), expiresAt: expect.any(String) },
    });
    expect(reportErrors).toEqual([]);
    expect(done.resultReportedBy).toEqual({ id: `trainer-job:${jobId}`, name: `trainer of retraining job ${jobId}` });
    const run = (await t.http.get(`${LIFECYCLE}/runs/${done.runId}`).expect(200)).body;
    expect(run).toMatchObject({ status: 'FINISHED', params: { epochs: '50' } });
    expect(run.latestMetrics.auc).toBeGreaterThan(0.8);
  });

  it('fails the job with the reason the trainer reports', async () => {
    await registerModel(t.http, 'hooked-fails');
    await putPolicy(t, 'hooked-fails', { trainer: { kind: 'webhook', url: `${trainerUrl}/train-fails` } });
    const event = await recordDrift(t.http, 'hooked-fails');
    const failed = await waitForJob(t.http, event.retraining!.jobId!, isState('SUCCEEDED', 'FAILED'));
    expect(failed).toMatchObject({ state: 'FAILED', failureReason: 'no market data for 2026-11-24', attempts: 1 });
    const stored = (await t.http.get(`${LIFECYCLE}/drift-events/${event.id}`).expect(200)).body;
    expect(stored.retraining).toMatchObject({ state: 'FAILED', detail: 'no market data for 2026-11-24' });
  });

  it('fails the job after its attempts when the webhook refuses it', async () => {
    await registerModel(t.http, 'hooked-down');
    await putPolicy(t, 'hooked-down', { trainer: { kind: 'webhook', url: `${trainerUrl}/down` } });
    const jobId = (await recordDrift(t.http, 'hooked-down')).retraining!.jobId!;
    const failed = await waitForJob(t.http, jobId, isState('SUCCEEDED', 'FAILED'));
    expect(failed).toMatchObject({ state: 'FAILED', attempts: 2, failureReason: `the webhook ${trainerUrl}/down answered 500: training cluster unavailable` });
  });

  it('fails a job whose trainer never reports within the policy timeout, and refuses a late result: its token has expired (401)', async () => {
    await registerModel(t.http, 'hooked-silent');
    await putPolicy(t, 'hooked-silent', { trainer: { kind: 'webhook', url: `${trainerUrl}/silent`, timeoutSeconds: 1 } });
    const jobId = (await recordDrift(t.http, 'hooked-silent')).retraining!.jobId!;
    const failed = await waitForJob(t.http, jobId, isState('SUCCEEDED', 'FAILED'));
    expect(failed).toMatchObject({ state: 'FAILED', failureReason: 'no result reported within 1 s' });
    const token = bearer(received.find((p) => p.jobId === jobId)!.credentials!.token);
    const late = { metrics: { auc: 0.9 }, artifactUri: 's3://late' };
    const expired = await t.http.post(`${JOBS}/${jobId}/complete`).set(token).send(late).expect(401);
    expect(expired.body.detail).toMatch(/not valid: unknown, revoked or expired/);
    await t.http.post(`${JOBS}/${jobId}/complete`).set(t.as(POLICY_ADMIN)).send(late).expect(409);
    expect((await t.http.get(`${JOBS}/${jobId}`).expect(200)).body).toMatchObject({ state: 'FAILED', result: null });
  });

  describe('outbound destinations (RETRAINING_WEBHOOK_ALLOWED_HOSTS=127.0.0.1)', () => {
    const policyWith = (url: string) => ({ enabled: true, minSeverity: 'HIGH', cooldownSeconds: 0, trainer: { kind: 'webhook', url } });

    it('refuses to store a webhook URL outside the allowlist, naming the setting, and keeps the previous policy', async () => {
      await registerModel(t.http, 'ssrf-model');
      const refused = [
        ['http://169.254.169.254/latest/meta-data/', /host 169\.254\.169\.254 is a link-local address; add it to RETRAINING_WEBHOOK_ALLOWED_HOSTS/],
        ['http://[::1]:27017/', /host ::1 is a loopback address; add it to RETRAINING_WEBHOOK_ALLOWED_HOSTS/],
        // 2130706434 is 127.0.0.2: judged as the address it denotes, and only 127.0.0.1 is listed.
        ['http://2130706434/', /host 127\.0\.0\.2 is a loopback address; add it to RETRAINING_WEBHOOK_ALLOWED_HOSTS/],
        ['http://10.0.0.1/', /host 10\.0\.0\.1 is a private address; add it to RETRAINING_WEBHOOK_ALLOWED_HOSTS/],
        ['http://metadata.google.internal/computeMetadata/v1/', /host metadata\.google\.internal is not listed in RETRAINING_WEBHOOK_ALLOWED_HOSTS/],
      ] as const;
      for (const [url, reason] of refused) {
        const res = await t.http.put(`${LIFECYCLE}/models/ssrf-model/retraining-policy`).set(t.as(POLICY_ADMIN)).send(policyWith(url));
        expect({ url, status: res.status }).toEqual({ url, status: 422 });
        expect(res.body.errors).toEqual([{ field: 'trainer.url', message: expect.stringMatching(reason) }]);
      }
      expect((await t.http.get(`${LIFECYCLE}/models/ssrf-model/retraining-policy`).expect(200)).body.source).toBe('DEFAULT');
      // A listed address is allowed, whatever its port: the allowlist is the operator's decision.
      await t.http.put(`${LIFECYCLE}/models/ssrf-model/retraining-policy`).set(t.as(POLICY_ADMIN)).send(policyWith('http://127.0.0.1:6379/')).expect(200);
    });

    it('does not follow a redirect: the attempt fails and the server it points to sees no request', async () => {
      await registerModel(t.http, 'hooked-moved');
      await putPolicy(t, 'hooked-moved', { trainer: { kind: 'webhook', url: `${trainerUrl}/moved` } });
      const jobId = (await recordDrift(t.http, 'hooked-moved')).retraining!.jobId!;
      const failed = await waitForJob(t.http, jobId, isState('SUCCEEDED', 'FAILED'));
      expect(failed).toMatchObject({ state: 'FAILED', attempts: 2, failureReason: `the webhook ${trainerUrl}/moved answered 302: ` });
      expect(elsewhereRequests).toEqual([]);
    });
  });
});
