import * as http from 'node:http';

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
    const token = await services.oidc.token('tester');
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/ml/lifecycle/experiments`, { headers: { 'X-Request-Id': 'trace-proc-1', Authorization: `Bearer ${token}` } });
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
    // The request is under way (headers and half the body sent) when SIGTERM arrives; the rest follows after.
    const body = JSON.stringify({ name: 'created-during-shutdown' });
    const token = await services.oidc.token('tester');
    const request = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/v1/ml/lifecycle/experiments',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` },
    });
    const answered = new Promise<number>((resolve, reject) => {
      request.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      request.on('error', reject);
    });
    request.write(body.slice(0, 10));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const stopped = api.stop('SIGTERM');
    await api.waitFor(/SIGTERM received/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    request.end(body.slice(10));
    expect(await answered).toBe(201);
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
