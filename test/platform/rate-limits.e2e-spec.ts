import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { freePort } from '../harness/local-services.js';
import { startPlatformProcess, type PlatformProcess } from '../harness/processes.js';
import { startSuiteServices, type SuiteServices } from '../harness/test-app.js';

const READS_PER_MINUTE = 20;
const WRITES_PER_MINUTE = 5;
const INGESTION_PER_MINUTE = 40;
const EXPERIMENTS = '/api/v1/ml/lifecycle/experiments';
const RUNS = '/api/v1/ml/lifecycle/runs';

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown> | null;
}

/**
 * The limiter's package cannot load inside the test runner, so these tests run it where it runs in production:
 * in two API processes of the compiled app, counting in the one Redis they share.
 */
describe('rate limits across two API replicas', () => {
  let services: SuiteServices;
  let replicas: PlatformProcess[] = [];
  let urls: string[];
  let runId: string;

  const bearer = async (persona: string) => ({ Authorization: `Bearer ${await services.oidc.token(persona)}` });

  const send = async (replica: number, method: string, path: string, persona: string | null, body?: unknown): Promise<Answer> => {
    const headers: Record<string, string> = persona ? await bearer(persona) : {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(`${urls[replica % urls.length]}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: /json/.test(res.headers.get('content-type') ?? '') && text ? (JSON.parse(text) as Record<string, unknown>) : null };
  };

  /** `count` requests at once, alternating between the two replicas. */
  const burst = (count: number, request: (replica: number) => Promise<Answer>): Promise<Answer[]> => Promise.all(Array.from({ length: count }, (_, i) => request(i)));

  /** Every request of a burst that spends a whole budget served, each counted once in the one count both replicas share. */
  const expectServed = (answers: Answer[], status: number, limit: number): void => {
    expect(answers.map((answer) => [answer.status, answer.headers.get('x-ratelimit-limit')])).toEqual(Array(answers.length).fill([status, String(limit)]));
    const remaining = answers.map((answer) => Number(answer.headers.get('x-ratelimit-remaining'))).sort((a, b) => b - a);
    expect(remaining).toEqual(Array.from({ length: limit }, (_, i) => limit - 1 - i));
  };

  /**
   * The limiter connects to Redis on the first request it sees and lets requests through uncounted until the
   * connection is up; wait for that on each replica, spending the reads of a persona no test uses.
   */
  const untilCounting = async (replica: number): Promise<void> => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const answer = await send(replica, 'GET', '/api/v1/identity/me', 'erin');
      if (Number(answer.headers.get('x-ratelimit-remaining')) < READS_PER_MINUTE) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`replica ${replica} does not count requests in Redis:\n${replicas[replica].output().slice(-3000)}`);
  };

  const expectTooManyRequests = (answer: Answer): void => {
    expect(answer.status).toBe(429);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({ status: 429, type: expect.stringContaining('too-many-requests') });
    const retryAfter = answer.headers.get('retry-after');
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
  };

  beforeAll(async () => {
    services = await startSuiteServices('rate_limits');
    const ports = await Promise.all([freePort(), freePort()]);
    replicas = ports.map((port) =>
      startPlatformProcess('main', {
        PORT: String(port),
        LOG_LEVEL: 'log',
        RATE_LIMIT_ENABLED: 'true',
        RATE_LIMIT_READS_PER_MINUTE: String(READS_PER_MINUTE),
        RATE_LIMIT_WRITES_PER_MINUTE: String(WRITES_PER_MINUTE),
        RATE_LIMIT_INGESTION_PER_MINUTE: String(INGESTION_PER_MINUTE),
      }),
    );
    await Promise.all(replicas.map((replica) => replica.waitFor(/API listening/, 60_000)));
    urls = ports.map((port) => `http://127.0.0.1:${port}`);

    // Made by a persona whose budgets no test spends.
    const experiment = await send(0, 'POST', EXPERIMENTS, 'alice', { name: 'rate-limited' });
    expect({ status: experiment.status, body: experiment.body }).toMatchObject({ status: 201 });
    const run = await send(1, 'POST', RUNS, 'alice', { experimentId: experiment.body!.id });
    expect({ status: run.status, body: run.body }).toMatchObject({ status: 201 });
    runId = String(run.body!.id);
    await Promise.all([untilCounting(0), untilCounting(1)]);
  });

  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop('SIGTERM')));
    await services?.stop();
  });

  it('answers 429 problem+json with Retry-After once a principal has spent its read budget, counted across both replicas', async () => {
    const read = (replica: number) => send(replica, 'GET', EXPERIMENTS, 'viewer');
    // Half the budget on each replica: a limit counted per replica would never be reached.
    expectServed(await burst(READS_PER_MINUTE, read), 200, READS_PER_MINUTE);
    const [onFirst, onSecond] = await Promise.all([read(0), read(1)]);
    expectTooManyRequests(onFirst);
    expectTooManyRequests(onSecond);
  });

  it('keeps a budget per principal: another persona still reads on both replicas', async () => {
    const [first, second] = await Promise.all([send(0, 'GET', EXPERIMENTS, 'auditor'), send(1, 'GET', EXPERIMENTS, 'auditor')]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.headers.get('x-ratelimit-remaining')).toMatch(/^1[89]$/);
    expect((await send(0, 'GET', EXPERIMENTS, 'viewer')).status).toBe(429);
  });

  it('gives writes their own smaller budget, and leaves the reads of a throttled writer alone', async () => {
    const write = (replica: number) => send(replica, 'PUT', `${RUNS}/${runId}/tags/attempt`, 'dave', { value: String(replica) });
    expectServed(await burst(WRITES_PER_MINUTE, write), 200, WRITES_PER_MINUTE);
    const [onFirst, onSecond] = await Promise.all([write(0), write(1)]);
    expectTooManyRequests(onFirst);
    expectTooManyRequests(onSecond);
    expect((await send(0, 'GET', `${RUNS}/${runId}`, 'dave')).status).toBe(200);
  });

  it('gives the metric ingestion route its larger budget, apart from the writes a throttled writer has spent', async () => {
    const ingest = (replica: number) => send(replica, 'POST', `${RUNS}/${runId}/metrics`, 'dave', { points: [{ key: 'loss', value: 1 / (replica + 1), step: replica }] });
    expect((await send(1, 'PUT', `${RUNS}/${runId}/tags/attempt`, 'dave', { value: 'again' })).status).toBe(429);
    expectServed(await burst(INGESTION_PER_MINUTE, ingest), 201, INGESTION_PER_MINUTE);
    const [onFirst, onSecond] = await Promise.all([ingest(0), ingest(1)]);
    expectTooManyRequests(onFirst);
    expectTooManyRequests(onSecond);
  });

  it('keeps answering liveness on both replicas while principals are throttled', async () => {
    expect((await send(0, 'GET', EXPERIMENTS, 'viewer')).status).toBe(429);
    const started = Date.now();
    const probes = await Promise.all([send(0, 'GET', '/health/live', null), send(1, 'GET', '/health/live', null)]);
    expect(probes.map((probe) => [probe.status, probe.body])).toEqual([
      [200, { status: 'ok' }],
      [200, { status: 'ok' }],
    ]);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
