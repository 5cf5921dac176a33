import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { freePort } from '../harness/local-services.js';
import { startPlatformProcess } from '../harness/processes.js';
import { startSuiteServices, type SuiteServices } from '../harness/test-app.js';

describe('API and worker processes', () => {
  let services: SuiteServices;

  beforeAll(async () => {
    services = await startSuiteServices('processes', { LOG_LEVEL: 'log' });
  });

  afterAll(async () => {
    await services.stop();
  });

  it('writes JSON log lines that carry the request id, and exits cleanly on SIGTERM', async () => {
    const port = await freePort();
    const api = startPlatformProcess('main', { PORT: String(port) });
    await api.waitFor(/API listening/);
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/ml/lifecycle/experiments`, { headers: { 'X-Request-Id': 'trace-proc-1' } });
    expect(res.status).toBe(200);
    const line = JSON.parse(await api.waitFor(/"requestId":"trace-proc-1"/));
    expect(line).toMatchObject({ level: 'log', context: 'HTTP', requestId: 'trace-proc-1', method: 'GET', status: 200 });
    expect(await api.stop('SIGTERM')).toBe(0);
    expect(api.output()).toMatch(/SIGTERM received/);
    expect(api.output()).toMatch(/Closed cleanly/);
  });

  it('finishes a request in flight before shutting down', async () => {
    const port = await freePort();
    const api = startPlatformProcess('main', { PORT: String(port) });
    await api.waitFor(/API listening/);
    const inFlight = fetch(`http://127.0.0.1:${port}/api/v1/ml/lifecycle/experiments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'created-during-shutdown' }),
    });
    await api.waitFor(/"path":"\/api\/v1\/ml\/lifecycle\/experiments"|POST/, 5_000).catch(() => undefined);
    const stopped = api.stop('SIGTERM');
    expect((await inFlight).status).toBe(201);
    expect(await stopped).toBe(0);
  });

  it('refuses to start with an invalid configuration and names the variable', async () => {
    const api = startPlatformProcess('main', { PORT: 'not-a-port', REDIS_URL: 'http://wrong' });
    expect(await api.exited()).toBe(1);
    expect(api.output()).toMatch(/REDIS_URL must start with redis:\/\//);
  });

  it('starts the worker and stops it on SIGTERM with exit code 0', async () => {
    const worker = startPlatformProcess('worker', {});
    await worker.waitFor(/Worker started/);
    expect(await worker.stop('SIGTERM')).toBe(0);
  });
});
