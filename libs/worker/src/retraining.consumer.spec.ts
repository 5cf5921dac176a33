import { afterEach, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';

import { RETRAINING_CONTRACT_VERSION, retrainingCompletionPaths, type RetrainingJobPayload, type RetrainingResult } from '../../contracts/src/index.js';
import { RetrainingWorkerModule } from './retraining-worker.module.js';
import { RetrainingFailedError, type RetrainingHandler, type RetrainingWorkerOptions } from './retraining-worker.options.js';
import { RetrainingConsumer } from './retraining.consumer.js';

interface Call {
  step: string;
  jobId: string | null;
  authorization: string;
  body: Record<string, unknown>;
}

/** The platform's trainer endpoints as a fetch: jobs wait until claimed, every call is recorded, `answer` can override a reply. */
class FakePlatform {
  readonly calls: Call[] = [];
  readonly waiting: RetrainingJobPayload[] = [];
  answer: (call: Call) => Response | undefined = () => undefined;

  readonly fetch: typeof fetch = async (input, init) => {
    const [, jobId, step] = /retraining-jobs\/(?:([0-9a-z-]+)\/)?([a-z-]+)$/.exec(new URL(String(input)).pathname)!;
    const call: Call = { step, jobId: jobId ?? null, authorization: new Headers(init?.headers).get('authorization')!, body: JSON.parse(String(init?.body)) };
    this.calls.push(call);
    const answer = this.answer(call);
    if (answer) return answer;
    if (step !== 'claim-next') return Response.json({ id: jobId });
    const next = this.waiting.shift();
    return next ? Response.json(next) : new Response(null, { status: 204 });
  };

  enqueue(jobId: string, settings: Record<string, unknown> = {}): void {
    this.waiting.push({
      contractVersion: RETRAINING_CONTRACT_VERSION,
      jobId,
      modelName: `model-${jobId}`,
      attempt: 1,
      trigger: { kind: 'MANUAL', reason: 'unit test', driftEventIds: [], requestedBy: 'Tester' },
      trainer: { kind: 'external', settings },
      artifactDir: null,
      completion: retrainingCompletionPaths(jobId),
      callbackBaseUrl: null,
      credentials: { token: `mlpj_${jobId}_secret`, expiresAt: new Date(Date.now() + 3_600_000).toISOString() },
    });
  }

  of(step: string, jobId?: string): Call[] {
    return this.calls.filter((call) => call.step === step && (jobId === undefined || call.jobId === jobId));
  }
}

async function eventually(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const RESULT: RetrainingResult = { metrics: { auc: 0.9 }, params: { window: '24m' }, artifactUri: 's3://models/1', tags: {} };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(RetrainingConsumer.name, () => {
  let app: INestApplicationContext | undefined;
  let platform: FakePlatform;

  async function startWorker(handler: RetrainingHandler, options: Partial<RetrainingWorkerOptions> = {}): Promise<RetrainingConsumer> {
    platform = new FakePlatform();
    const moduleRef = await Test.createTestingModule({
      imports: [RetrainingWorkerModule.forRoot({ platformUrl: 'http://platform.test', apiKey: 'mlp_team-key', workerName: 'unit-worker', pollIntervalMs: 50, handler, fetch: platform.fetch, ...options })],
    }).compile();
    app = await moduleRef.init();
    return app.get(RetrainingConsumer);
  }

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('completes a claimed job with its own token, after claiming with the trainer key', async () => {
    await startWorker(async (_payload, { reportProgress }) => {
      await reportProgress(0.5, 'fitted');
      return RESULT;
    }, { queues: ['risk-models'] });
    platform.enqueue('job-1');
    await eventually(() => platform.of('complete').length === 1);
    expect(platform.of('claim-next')[0]).toMatchObject({ authorization: 'Bearer mlp_team-key', body: { worker: 'unit-worker', queues: ['risk-models'] } });
    expect(platform.of('progress', 'job-1')).toEqual([expect.objectContaining({ authorization: 'Bearer mlpj_job-1_secret', body: { progress: 0.5, message: 'fitted' } })]);
    expect(platform.of('complete', 'job-1')).toEqual([expect.objectContaining({ authorization: 'Bearer mlpj_job-1_secret', body: RESULT })]);
  });

  it('claims one job per free slot up to its concurrency, and claims again when a slot frees up', async () => {
    const release: (() => void)[] = [];
    let running = 0;
    let most = 0;
    await startWorker(async () => {
      running++;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => release.push(resolve));
      running--;
      return RESULT;
    }, { concurrency: 2 });
    for (const id of ['job-1', 'job-2', 'job-3']) platform.enqueue(id);
    await eventually(() => running === 2);
    await sleep(200);
    expect(platform.waiting.map((p) => p.jobId)).toEqual(['job-3']);
    release.shift()!();
    await eventually(() => platform.waiting.length === 0 && running === 2);
    release.splice(0).forEach((resolve) => resolve());
    await eventually(() => platform.of('complete').length === 3);
    expect(most).toBe(2);
  });

  it('asks less and less often while no job waits, up to the poll interval', async () => {
    await startWorker(async () => RESULT, { pollIntervalMs: 400 });
    await sleep(1500);
    const claims = platform.of('claim-next').length;
    // Without backing off it would ask every 40 ms (over 35 times); doubling up to 400 ms gives about 8.
    expect(claims).toBeGreaterThanOrEqual(4);
    expect(claims).toBeLessThanOrEqual(11);
  });

  it('fails the job at once for a non-retryable RetrainingFailedError, and asks for another attempt for any other error', async () => {
    await startWorker(async (payload) => {
      if (payload.trainer.settings.mode === 'bad-data') throw new RetrainingFailedError('the factor file is empty', { retryable: false });
      throw new Error('GPU node lost');
    });
    platform.enqueue('job-bad', { mode: 'bad-data' });
    platform.enqueue('job-flaky');
    await eventually(() => platform.of('fail').length === 2);
    expect(platform.of('fail', 'job-bad')[0].body).toEqual({ reason: 'the factor file is empty', retryable: false });
    expect(platform.of('fail', 'job-flaky')[0].body).toEqual({ reason: 'GPU node lost', retryable: true });
  });

  it('fails the job, not retryable, when the handler answers an invalid result', async () => {
    await startWorker(async () => ({ metrics: {}, artifactUri: 'nowhere' }) as unknown as RetrainingResult);
    platform.enqueue('job-1');
    await eventually(() => platform.of('fail').length === 1);
    expect(platform.of('fail')[0].body).toEqual({ reason: expect.stringMatching(/^the handler returned an invalid result: metrics: .*artifactUri/), retryable: false });
    expect(platform.of('complete')).toHaveLength(0);
  });

  it('aborts the handler when a progress report answers 409 (cancelled), and reports nothing more', async () => {
    let aborted = false;
    await startWorker(async (_payload, { reportProgress, signal }) => {
      for (let i = 0; i < 100 && !signal.aborted; i++) {
        await reportProgress(i / 100);
        await sleep(10);
      }
      aborted = signal.aborted;
      throw new Error('stopped');
    });
    platform.answer = (call) => (call.step === 'progress' && platform.of('progress').length >= 3 ? Response.json({ status: 409, detail: 'cancelled' }, { status: 409 }) : undefined);
    platform.enqueue('job-1');
    await eventually(() => aborted);
    await sleep(100);
    expect(platform.of('progress')).toHaveLength(3);
    expect(platform.of('fail')).toHaveLength(0);
    expect(platform.of('complete')).toHaveLength(0);
  });

  it('lets an active job finish within the shutdown grace, and claims nothing more', async () => {
    const consumer = await startWorker(async () => {
      await sleep(200);
      return RESULT;
    }, { shutdownGraceMs: 2000 });
    platform.enqueue('job-1');
    await eventually(() => consumer.activeJobIds.length === 1);
    const claims = platform.of('claim-next').length;
    await consumer.stop();
    expect(platform.of('complete', 'job-1')).toHaveLength(1);
    expect(platform.of('release')).toHaveLength(0);
    await sleep(150);
    expect(platform.of('claim-next')).toHaveLength(claims);
  });

  it('aborts the jobs still active when the grace is over and hands them back, never reporting their outcome', async () => {
    let aborted = false;
    const consumer = await startWorker(async (_payload, { signal }) => {
      // A handler that reacts to the abort late: its result must not reach the platform.
      await sleep(1000);
      aborted = signal.aborted;
      return RESULT;
    }, { shutdownGraceMs: 100 });
    platform.enqueue('job-1');
    await eventually(() => consumer.activeJobIds.length === 1);
    await consumer.stop();
    expect(platform.of('release', 'job-1')).toEqual([expect.objectContaining({ authorization: 'Bearer mlpj_job-1_secret' })]);
    await eventually(() => aborted);
    await sleep(50);
    expect(platform.of('complete')).toHaveLength(0);
    expect(platform.of('fail')).toHaveLength(0);
  });

  it('refuses options that cannot work, naming each one', async () => {
    await expect(
      Test.createTestingModule({
        imports: [RetrainingWorkerModule.forRootAsync({ useFactory: () => ({ platformUrl: 'redis://platform:6379', apiKey: 'secret', concurrency: 0, handler: async () => RESULT }) })],
      }).compile(),
    ).rejects.toThrow(/platformUrl must be the http\(s\) URL of the platform[\s\S]*apiKey must be a trainer API key[\s\S]*concurrency must be an integer/);
  });
});
