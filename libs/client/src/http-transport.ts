import { Inject, Injectable } from '@nestjs/common';

import type { ProblemDocument } from '../../contracts/src/index.js';
import { MLOPS_CLIENT_OPTIONS, type MlopsClientOptions } from './client.options.js';
import { MlopsApiError } from './problem.error.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  requestId?: string;
}

const IDEMPOTENT: ReadonlySet<HttpMethod> = new Set(['GET', 'PUT', 'DELETE']);
const RETRYABLE_STATUS = new Set([502, 503, 504]);

/** JSON over HTTP with timeouts, retries of idempotent calls, and problem documents turned into errors. */
@Injectable()
export class HttpTransport {
  private readonly fetch: typeof fetch;
  private readonly baseUrl: string;

  constructor(@Inject(MLOPS_CLIENT_OPTIONS) private readonly options: MlopsClientOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.baseUrl = `${options.baseUrl.replace(/\/$/, '')}/api/v1`;
  }

  async request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
    const attempts = IDEMPOTENT.has(method) ? (this.options.retries ?? 2) + 1 : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await this.send(method, path, options);
        if (response.ok) return (response.status === 204 ? undefined : await response.json()) as T;
        const problem = await this.readProblem(response);
        if (attempt < attempts && RETRYABLE_STATUS.has(response.status)) continue;
        throw new MlopsApiError(response.status, problem);
      } catch (error) {
        if (error instanceof MlopsApiError || attempt >= attempts) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
    }
  }

  private async send(method: HttpMethod, path: string, options: RequestOptions): Promise<Response> {
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const credential = typeof this.options.credential === 'function' ? await this.options.credential() : this.options.credential;
    headers.authorization = `Bearer ${credential}`;
    if (options.requestId) headers['x-request-id'] = options.requestId;
    return this.fetch(url, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    });
  }

  private async readProblem(response: Response): Promise<ProblemDocument> {
    const text = await response.text();
    try {
      return JSON.parse(text) as ProblemDocument;
    } catch {
      return { type: 'about:blank', title: response.statusText, status: response.status, detail: text.slice(0, 500) };
    }
  }
}
