import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, get, globalAgent, type IncomingHttpHeaders, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { parseAllowedHosts } from './outbound-policy.js';
import { MAX_RESPONSE_BYTES, OutboundRefusedError, postJson } from './outbound-request.js';

const SETTING = 'RETRAINING_WEBHOOK_ALLOWED_HOSTS';
const allow = (text: string) => parseAllowedHosts(text, SETTING);

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A server on loopback that records every connection and request it sees. */
class LoopbackServer {
  readonly received: Received[] = [];
  connections = 0;
  private readonly server: Server;

  private constructor(handler: RequestListener) {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.received.push({ method: request.method!, url: request.url!, headers: request.headers, body: Buffer.concat(chunks).toString() });
        handler(request, response);
      });
    });
    this.server.on('connection', () => this.connections++);
  }

  static async start(handler: RequestListener = (_request, response) => response.end('accepted')): Promise<LoopbackServer> {
    const started = new LoopbackServer(handler);
    await new Promise<void>((resolve) => started.server.listen(0, '127.0.0.1', resolve));
    return started;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

const captureError = async (promise: Promise<unknown>): Promise<Error> => {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the request to fail');
};

describe(postJson.name, () => {
  const sut = postJson;
  const servers: LoopbackServer[] = [];
  const serve = async (handler?: RequestListener) => {
    const server = await LoopbackServer.start(handler);
    servers.push(server);
    return server;
  };

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.stop()));
  });

  it('posts the body as JSON to a listed loopback address and returns the answer', async () => {
    const server = await serve((_request, response) => response.writeHead(202).end('queued'));

    const result = await sut(`http://127.0.0.1:${server.port}/jobs?x=1`, { jobId: 'j1' }, { allowed: allow('127.0.0.1'), timeoutMs: 5000, headers: { 'x-retraining-job-id': 'j1' } });

    expect(result).toEqual({ status: 202, text: 'queued' });
    expect(server.received).toHaveLength(1);
    expect(server.received[0]).toMatchObject({ method: 'POST', url: '/jobs?x=1', body: '{"jobId":"j1"}' });
    expect(server.received[0].headers).toMatchObject({ 'content-type': 'application/json', 'content-length': '14', 'x-retraining-job-id': 'j1' });
  });

  it('refuses a loopback address that is not listed, without connecting', async () => {
    const server = await serve();

    const error = await captureError(sut(`http://127.0.0.1:${server.port}/`, {}, { allowed: allow('trainer.example'), timeoutMs: 5000 }));

    expect(error).toBeInstanceOf(OutboundRefusedError);
    expect(error.message).toContain(`host 127.0.0.1 is a loopback address; add it to ${SETTING} to allow it`);
    expect(server.connections).toBe(0);
  });

  it('refuses a decimal form of a loopback address that is not listed, without connecting', async () => {
    const server = await serve();

    const error = await captureError(sut(`http://2130706433:${server.port}/`, {}, { allowed: allow('trainer.example'), timeoutMs: 5000 }));

    expect(error).toBeInstanceOf(OutboundRefusedError);
    expect(server.connections).toBe(0);
  });

  it('refuses a listed name that resolves to loopback while no loopback address is listed, without connecting', async () => {
    const server = await serve();

    const error = await captureError(sut(`http://localhost:${server.port}/`, {}, { allowed: allow('localhost'), timeoutMs: 5000 }));

    expect(error).toBeInstanceOf(OutboundRefusedError);
    expect(error.message).toMatch(/^refused localhost: (127\.0\.0\.1|::1) is a loopback address/);
    expect(server.connections).toBe(0);
    expect(server.received).toHaveLength(0);
  });

  it('does not reuse a pooled connection that was opened without the address check', async () => {
    const server = await serve();
    await new Promise<void>((resolve, reject) => get(`http://localhost:${server.port}/`, { agent: globalAgent }, (response) => response.resume().on('end', resolve)).on('error', reject));

    const error = await captureError(sut(`http://localhost:${server.port}/`, {}, { allowed: allow('localhost'), timeoutMs: 5000 }));

    expect(error).toBeInstanceOf(OutboundRefusedError);
    expect(server.received.map(({ method }) => method)).toEqual(['GET']);
  });

  it('delivers to a listed name that resolves to loopback once the loopback addresses are listed', async () => {
    const server = await serve();

    const result = await sut(`http://localhost:${server.port}/`, { ok: true }, { allowed: allow('localhost, 127.0.0.1, ::1'), timeoutMs: 5000 });

    expect(result).toEqual({ status: 200, text: 'accepted' });
    expect(server.received).toHaveLength(1);
  });

  it.each(['http://169.254.169.254/latest/meta-data/', 'http://10.0.0.1/', 'http://[fd00::1]/', 'http://0x7f.1/'])('refuses %s before any connection is attempted', async (url) => {
    const error = await captureError(sut(url, {}, { allowed: allow('trainer.example'), timeoutMs: 50 }));

    expect(error).toBeInstanceOf(OutboundRefusedError);
  });

  it('refuses credentials in the URL', async () => {
    const server = await serve();

    const error = await captureError(sut(`http://user:pass@127.0.0.1:${server.port}/`, {}, { allowed: allow('127.0.0.1'), timeoutMs: 5000 }));

    expect(error).toBeInstanceOf(OutboundRefusedError);
    expect(server.connections).toBe(0);
  });

  it('returns a redirect as it is, without following its location', async () => {
    const target = await serve();
    const redirecting = await serve((_request, response) => response.writeHead(302, { location: `http://127.0.0.1:${target.port}/stolen` }).end('moved'));

    const result = await sut(`http://127.0.0.1:${redirecting.port}/`, {}, { allowed: allow('127.0.0.1'), timeoutMs: 5000 });

    expect(result).toEqual({ status: 302, text: 'moved' });
    expect(redirecting.received).toHaveLength(1);
    expect(target.connections).toBe(0);
  });

  it('gives up when no answer comes within the timeout, with an error that is not a refusal', async () => {
    const server = await serve(() => undefined);
    const startedAt = Date.now();

    const error = await captureError(sut(`http://127.0.0.1:${server.port}/`, {}, { allowed: allow('127.0.0.1'), timeoutMs: 200 }));

    expect(error).not.toBeInstanceOf(OutboundRefusedError);
    expect(error.message).toBe(`http://127.0.0.1:${server.port} did not answer within 200 ms`);
    expect(Date.now() - startedAt).toBeLessThan(2000);
    expect(server.received).toHaveLength(1);
  });

  it('stops when the signal aborts mid-request, rejecting with its reason', async () => {
    const controller = new AbortController();
    const reason = new Error('job cancelled');
    const server = await serve(() => controller.abort(reason));

    const error = await captureError(sut(`http://127.0.0.1:${server.port}/`, {}, { allowed: allow('127.0.0.1'), timeoutMs: 5000, signal: controller.signal }));

    expect(error).toBe(reason);
  });

  it('sends nothing when the signal has already aborted', async () => {
    const server = await serve();
    const reason = new Error('job cancelled');

    const error = await captureError(sut(`http://127.0.0.1:${server.port}/`, {}, { allowed: allow('127.0.0.1'), timeoutMs: 5000, signal: AbortSignal.abort(reason) }));

    expect(error).toBe(reason);
    expect(server.connections).toBe(0);
  });

  it('stops reading a large answer at the response limit, without waiting for its end', async () => {
    const server = await serve((_request, response) => response.write('a'.repeat(2 * MAX_RESPONSE_BYTES)));

    const result = await sut(`http://127.0.0.1:${server.port}/`, {}, { allowed: allow('127.0.0.1'), timeoutMs: 5000 });

    expect(result.status).toBe(200);
    expect(result.text).toHaveLength(MAX_RESPONSE_BYTES);
  });

  it('reports a network failure as an error that is not a refusal', async () => {
    const server = await serve();
    const port = server.port;
    await servers.pop()!.stop();

    const error = await captureError(sut(`http://127.0.0.1:${port}/`, {}, { allowed: allow('127.0.0.1'), timeoutMs: 5000 }));

    expect(error).not.toBeInstanceOf(OutboundRefusedError);
    expect((error as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
  });
});
