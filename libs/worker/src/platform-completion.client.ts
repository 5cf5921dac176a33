import { Inject, Injectable } from '@nestjs/common';

import {
  RETRAINING_CLAIM_NEXT_PATH,
  retrainingCompletionPaths,
  type RetrainingClaimRequest,
  type RetrainingCompletionPaths,
  type RetrainingFailure,
  type RetrainingJobPayload,
  type RetrainingResult,
} from '../../contracts/src/index.js';
import { RETRAINING_WORKER_OPTIONS, type ResolvedWorkerOptions } from './retraining-worker.options.js';

/** The platform answered 409: the job is no longer waiting for this worker (cancelled, ended, or handed to another). */
export class JobNoLongerOpenError extends Error {
  override readonly name = 'JobNoLongerOpenError';
}

/** Any other answer the platform refused with (401 expired or unknown credential, 403 not allowed, 400, ...). */
export class PlatformRequestError extends Error {
  override readonly name = 'PlatformRequestError';

  constructor(
    readonly status: number,
    readonly detail: string,
    message: string,
  ) {
    super(message);
  }
}

/** A claimed job as the completion calls need it: its id, and its own token when the platform issued one. */
export type ClaimedJob = Pick<RetrainingJobPayload, 'jobId'> & Partial<Pick<RetrainingJobPayload, 'credentials' | 'completion'>>;

/** Pauses before the retries of a call that met a network error, a timeout, a 5xx or a 429. */
const RETRY_DELAYS_MS = [250, 500, 1000, 2000, 4000];
/** Progress is worth less than holding up the training: fewer retries. */
const PROGRESS_RETRIES = 2;
const MAX_RETRY_AFTER_MS = 30_000;

type Step = keyof RetrainingCompletionPaths | 'claim-next';

/**
 * The completion protocol over HTTP, and nothing else: no Redis, no database. `claimNext` and `claim` use
 * the team's trainer key; every call about a claimed job uses that job's own token (from the payload's
 * `credentials`), falling back to the trainer key when the payload carries none. Every call about a job is
 * idempotent on the platform, so network errors, timeouts, 5xx and 429 answers are retried with a backoff.
 */
@Injectable()
export class PlatformCompletionClient {
  constructor(@Inject(RETRAINING_WORKER_OPTIONS) private readonly options: ResolvedWorkerOptions) {}

  /**
   * Takes the oldest waiting job of the key's queues (or of `queues`), or null when none waits. Not retried
   * here: a lost answer may have claimed a job, and the caller's next poll asks again anyway.
   */
  async claimNext(worker: string, queues?: string[]): Promise<RetrainingJobPayload | null> {
    const body: RetrainingClaimRequest = queues ? { worker, queues } : { worker };
    return (await this.send('claim-next', null, RETRAINING_CLAIM_NEXT_PATH, this.options.apiKey, body, 0)) as RetrainingJobPayload | null;
  }

  /** Takes a job by id (when the team learns of it another way). */
  async claim(jobId: string, worker: string): Promise<RetrainingJobPayload> {
    return (await this.send('claim', jobId, retrainingCompletionPaths(jobId).claim, this.options.apiKey, { worker })) as RetrainingJobPayload;
  }

  async progress(job: ClaimedJob, progress: number, message?: string): Promise<void> {
    const body = message === undefined ? { progress } : { progress, message: message.slice(0, 1000) };
    await this.call(job, 'progress', body, PROGRESS_RETRIES);
  }

  async complete(job: ClaimedJob, result: RetrainingResult): Promise<void> {
    await this.call(job, 'complete', result);
  }

  /** `retryable`: the platform puts the job back on its queue for another attempt while attempts remain. */
  async fail(job: ClaimedJob, reason: string, retryable: boolean): Promise<void> {
    const failure: RetrainingFailure = { reason: reason.trim().slice(0, 5000) || 'the trainer failed without a reason', retryable };
    await this.call(job, 'fail', failure);
  }

  /** Hands a claimed job back untouched (shutting down): it waits for the next claim. */
  async release(job: ClaimedJob): Promise<void> {
    await this.call(job, 'release', {});
  }

  private call(job: ClaimedJob, step: keyof RetrainingCompletionPaths, body: unknown, retries = RETRY_DELAYS_MS.length): Promise<unknown> {
    const path = job.completion?.[step] ?? retrainingCompletionPaths(job.jobId)[step];
    return this.send(step, job.jobId, path, job.credentials?.token ?? this.options.apiKey, body, retries);
  }

  private async send(step: Step, jobId: string | null, path: string, credential: string, body: unknown, retries = RETRY_DELAYS_MS.length): Promise<unknown> {
    const what = jobId ? `${step} of retraining job ${jobId}` : step;
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await this.options.fetch(`${this.options.platformUrl}${path}`, {
          method: 'POST',
          headers: { accept: 'application/json', authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(this.options.requestTimeoutMs),
        });
      } catch (error) {
        if (attempt >= retries) throw new Error(`${what} failed: ${reasonOf(error)}`);
        await pause(RETRY_DELAYS_MS[attempt]);
        continue;
      }
      const text = await response.text().catch(() => '');
      if (response.ok) return response.status === 204 || text === '' ? null : JSON.parse(text);
      const detail = problemDetail(text) ?? `HTTP ${response.status}`;
      if (response.status === 409) throw new JobNoLongerOpenError(detail);
      const transient = response.status >= 500 || response.status === 429;
      if (!transient || attempt >= retries) throw new PlatformRequestError(response.status, detail, `${what} refused (${response.status}): ${detail}`);
      await pause(retryAfterMs(response) ?? RETRY_DELAYS_MS[attempt]);
    }
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return 'the platform did not answer in time';
  return error.cause instanceof Error ? `${error.message} (${error.cause.message})` : error.message;
}

function retryAfterMs(response: Response): number | null {
  const header = response.headers.get('retry-after');
  if (!header) return null;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS) : null;
}

function problemDetail(text: string): string | null {
  try {
    return (JSON.parse(text) as { detail?: string }).detail ?? null;
  } catch {
    return text.slice(0, 300) || null;
  }
}
