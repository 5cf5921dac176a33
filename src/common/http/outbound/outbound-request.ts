import { lookup as dnsLookup } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';

import { type AllowedHosts, checkAddress, checkUrl, urlHost } from './outbound-policy.js';

/** More than any acknowledgement needs; a larger answer is cut here rather than held in memory. */
export const MAX_RESPONSE_BYTES = 64 * 1024;

/** The destination is not permitted; nothing was sent. Unlike network errors, retrying cannot help. */
export class OutboundRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboundRefusedError';
  }
}

export interface PostJsonOptions {
  allowed: AllowedHosts;
  /** Covers connecting, sending and reading the answer. */
  timeoutMs: number;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export interface OutboundResponse {
  status: number;
  /** The body as text, at most `MAX_RESPONSE_BYTES` of it. */
  text: string;
}

/**
 * POSTs `body` as JSON to a URL the allowlist permits, connecting only to addresses `checkAddress` vetted
 * (the name is resolved once, and the socket uses that answer). Redirects are not followed: a 3xx answer is
 * returned like any other. Rejects with `OutboundRefusedError` for a refused destination, with the signal's
 * reason when aborted, and with a network error otherwise.
 */
export function postJson(url: string, body: unknown, options: PostJsonOptions): Promise<OutboundResponse> {
  const checked = checkUrl(url, options.allowed);
  if (!checked.ok) return Promise.reject(new OutboundRefusedError(checked.reason));
  const target = checked.url;
  const host = urlHost(target);
  if (isIP(host) !== 0) {
    const verdict = checkAddress(host, options.allowed);
    if (!verdict.ok) return Promise.reject(new OutboundRefusedError(`refused ${target.origin}: ${verdict.reason}`));
  }
  const { signal, timeoutMs } = options;
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(target, {
      method: 'POST',
      // A fresh connection every time: a pooled socket could have been opened without this lookup.
      agent: false,
      lookup: vettedLookup(options.allowed),
      headers: { 'content-type': 'application/json', ...options.headers, 'content-length': String(payload.length) },
    });
    const settle = (outcome: () => void) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    const fail = (error: Error) => {
      settle(() => reject(error));
      request.destroy();
    };
    const onAbort = () => fail(abortReason(signal!));
    const timer = setTimeout(() => fail(new Error(`${target.origin} did not answer within ${timeoutMs} ms`)), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    request.on('error', fail);
    request.on('response', (response) => {
      readLimited(response, fail, (text) => settle(() => resolve({ status: response.statusCode ?? 0, text })));
    });
    request.end(payload);
  });
}

/** Resolves a name once, refuses it if any address is not permitted, and hands the vetted addresses to the socket. */
function vettedLookup(allowed: AllowedHosts): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { family: options.family, hints: options.hints, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const refusal = addresses.map(({ address }) => checkAddress(address, allowed)).find((verdict) => !verdict.ok);
      if (refusal && !refusal.ok) return callback(new OutboundRefusedError(`refused ${hostname}: ${refusal.reason}`), []);
      if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} resolved to no address`), { code: 'ENOTFOUND' }), []);
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

function readLimited(response: IncomingMessage, fail: (error: Error) => void, done: (text: string) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  const finish = () => done(Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString('utf8'));
  response.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= MAX_RESPONSE_BYTES) {
      finish();
      response.destroy();
    }
  });
  response.on('end', finish);
  response.on('error', fail);
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('the request was aborted');
}
