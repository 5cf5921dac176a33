import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { RetrainingJobPayload } from '../../libs/contracts/src/index.js';
import { createTestApp, createTestWorker, type TestApp } from '../harness/test-app.js';
import { isState, JOBS, LIFECYCLE, putPolicy, recordDrift, registerModel, waitForJob } from './retraining-fixtures.js';

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
  const received: RetrainingJobPayload[] = [];

  beforeAll(async () => {
    t = await createTestApp('retraining-webhook', {
      RETRAINING_ATTEMPTS: '2',
      RETRAINING_BACKOFF_MS: '200',
      RETRAINING_OUTBOX_SWEEP_MS: '300',
      RETRAINING_DEFAULT_COOLDOWN_SECONDS: '0',
    });
    worker = await createTestWorker();
    const platformUrl = await t.app.getUrl();
    server = createServer((req, res) => {
      void readBody(req).then(async (body) => {
        if (req.url === '/down') return res.writeHead(500).end('training cluster unavailable');
        const payload = JSON.parse(body) as RetrainingJobPayload;
        received.push(payload);
        res.writeHead(202).end();
        const report = (path: string, report: unknown) =>
          fetch(`${platformUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(report) });
        if (req.url === '/train') {
          const result = await train(payload);
          await report(payload.completion.complete, result);
          // A trainer that repeats itself (lost answer, retry) does no harm.
          await report(payload.completion.complete, result);
        } else if (req.url === '/train-fails') {
          await report(payload.completion.fail, { reason: 'no market data for 2026-11-24' });
        }
        // '/silent' accepts and never reports.
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    trainerUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await worker.close();
    await t.close();
  });

  it('POSTs the job, and the reported result becomes a finished run and a STAGING version', async () => {
    await registerModel(t.http, 'hooked-model');
    await putPolicy(t.http, 'hooked-model', { trainer: { kind: 'webhook', url: `${trainerUrl}/train`, settings: { epochs: 50 } } });
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
    });
    const run = (await t.http.get(`${LIFECYCLE}/runs/${done.runId}`).expect(200)).body;
    expect(run).toMatchObject({ status: 'FINISHED', params: { epochs: '50' } });
    expect(run.latestMetrics.auc).toBeGreaterThan(0.8);
  });

  it('fails the job with the reason the trainer reports', async () => {
    await registerModel(t.http, 'hooked-fails');
    await putPolicy(t.http, 'hooked-fails', { trainer: { kind: 'webhook', url: `${trainerUrl}/train-fails` } });
    const event = await recordDrift(t.http, 'hooked-fails');
    const failed = await waitForJob(t.http, event.retraining!.jobId!, isState('SUCCEEDED', 'FAILED'));
    expect(failed).toMatchObject({ state: 'FAILED', failureReason: 'no market data for 2026-11-24', attempts: 1 });
    const stored = (await t.http.get(`${LIFECYCLE}/drift-events/${event.id}`).expect(200)).body;
    expect(stored.retraining).toMatchObject({ state: 'FAILED', detail: 'no market data for 2026-11-24' });
  });

  it('fails the job after its attempts when the webhook refuses it', async () => {
    await registerModel(t.http, 'hooked-down');
    await putPolicy(t.http, 'hooked-down', { trainer: { kind: 'webhook', url: `${trainerUrl}/down` } });
    const jobId = (await recordDrift(t.http, 'hooked-down')).retraining!.jobId!;
    const failed = await waitForJob(t.http, jobId, isState('SUCCEEDED', 'FAILED'));
    expect(failed).toMatchObject({ state: 'FAILED', attempts: 2, failureReason: `the webhook ${trainerUrl}/down answered 500: training cluster unavailable` });
  });

  it('fails a job whose trainer never reports within the policy timeout, and refuses a late result', async () => {
    await registerModel(t.http, 'hooked-silent');
    await putPolicy(t.http, 'hooked-silent', { trainer: { kind: 'webhook', url: `${trainerUrl}/silent`, timeoutSeconds: 1 } });
    const jobId = (await recordDrift(t.http, 'hooked-silent')).retraining!.jobId!;
    const failed = await waitForJob(t.http, jobId, isState('SUCCEEDED', 'FAILED'));
    expect(failed).toMatchObject({ state: 'FAILED', failureReason: 'no result reported within 1 s' });
    await t.http.post(`${JOBS}/${jobId}/complete`).send({ metrics: { auc: 0.9 }, artifactUri: 's3://late' }).expect(409);
  });
});
