import { Inject, Injectable } from '@nestjs/common';

import {
  retrainingCompletionPaths,
  type RetrainingCompletionPaths,
  type RetrainingJobPayload,
  type RetrainingResult,
} from '../../contracts/src/index.js';
import { RETRAINING_WORKER_OPTIONS, type RetrainingWorkerOptions } from './retraining-worker.options.js';

/** The platform answered 409: the job is no longer waiting for this worker (cancelled, ended, or taken over). */
export class JobNoLongerOpenError extends Error {
  override readonly name = 'JobNoLongerOpenError';
}

const RETRIES = 3;

/**
 * The completion protocol over HTTP. Every call is idempotent on the platform side, so network errors and
 * 5xx answers are retried with a short backoff.
 */
@Injectable()
export class PlatformCompletionClient {
  private readonly baseUrl: string;
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;

  constructor(@Inject(RETRAINING_WORKER_OPTIONS) options: RetrainingWorkerOptions) {
    this.baseUrl = options.platformUrl.replace(/\/+$/, '');
    this.fetch = options.fetch ?? fetch;
    this.timeoutMs = options.requestTimeoutMs ?? 10_000;
  }

  claim(jobId: string, worker: string): Promise<RetrainingJobPayload> {
    return this.post('claim', jobId, { worker }) as Promise<RetrainingJobPayload>;
  }

  async progress(jobId: string, progress: number, message?: string): Promise<void> {
    await this.post('progress', jobId, message === undefined ? { progress } : { progress, message });
  }

  async complete(jobId: string, result: RetrainingResult): Promise<void> {
    await this.post('complete', jobId, result);
  }

  async fail(jobId: string, reason: string): Promise<void> {
    await this.post('fail', jobId, { reason: reason.slice(0, 5000) || 'failed' });
  }

  private async post(step: keyof RetrainingCompletionPaths, jobId: string, body: unknown): Promise<unknown> {
    const url = `${this.baseUrl}${retrainingCompletionPaths(jobId)[step]}`;
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await this.fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(this.timeoutMs),
        });
      } catch (error) {
        if (attempt >= RETRIES) throw new Error(`${step} of retraining job ${jobId} failed: ${(error as Error).message}`);
        await delay(attempt);
        continue;
      }
      const text = await response.text();
      if (response.ok) return text ? JSON.parse(text) : null;
      const detail = problemDetail(text) ?? `HTTP ${response.status}`;
      if (response.status === 409) throw new JobNoLongerOpenError(detail);
      if (response.status < 500 || attempt >= RETRIES) throw new Error(`${step} of retraining job ${jobId} refused (${response.status}): ${detail}`);
      await delay(attempt);
    }
  }
}

function delay(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
}

function problemDetail(text: string): string | null {
  try {
    return (JSON.parse(text) as { detail?: string }).detail ?? null;
  } catch {
    return text.slice(0, 300) || null;
  }
}
