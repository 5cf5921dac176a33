import type { ConnectionOptions } from 'bullmq';

import type { RetrainingJobPayload, RetrainingResult } from '../../contracts/src/index.js';

export interface RetrainingHandlerContext {
  /** Aborted when the platform no longer wants the result (the job was cancelled) or the worker shuts down. */
  signal: AbortSignal;
  /** Reports progress (0 to 1) to the platform; errors are logged, never thrown. */
  reportProgress(progress: number, message?: string): Promise<void>;
}

/** Trains the model of one job and answers its result; throw to fail the attempt (see RetrainingFailedError). */
export type RetrainingHandler = (payload: RetrainingJobPayload, context: RetrainingHandlerContext) => Promise<RetrainingResult>;

export interface RetrainingWorkerOptions {
  /** Redis of the platform's queues: a URL, or BullMQ connection options. */
  redisUrl?: string;
  connection?: ConnectionOptions;
  /** The platform's QUEUE_PREFIX. Default 'mlops'. */
  prefix?: string;
  /** The queue named in the model's policy (trainer.queue). Default 'retraining-external'. */
  queue?: string;
  /** Base URL of the platform API, e.g. http://mlops-api:3000. */
  platformUrl: string;
  handler: RetrainingHandler;
  /** Jobs trained at once by this process. Default 1. */
  concurrency?: number;
  /** Shown on the platform's job record as its worker. Default `<hostname>:<pid>`. */
  workerName?: string;
  /** How long a dead worker holds a job before another takes it over. Default 30 s. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** On shutdown, how long active jobs may finish before they are aborted and handed back. Default 10 s. */
  shutdownGraceMs?: number;
  /** Per-request timeout of the completion calls. Default 10 s. */
  requestTimeoutMs?: number;
  /** Injected for tests or custom agents; default the global fetch. */
  fetch?: typeof fetch;
}

export const RETRAINING_WORKER_OPTIONS = Symbol('RETRAINING_WORKER_OPTIONS');

/**
 * Thrown by a handler to end the job: with `retryable: false` (bad data, wrong settings) the remaining
 * attempts are not spent and the platform job becomes FAILED at once with this reason.
 */
export class RetrainingFailedError extends Error {
  override readonly name = 'RetrainingFailedError';
  readonly retryable: boolean;

  constructor(reason: string, options: { retryable?: boolean } = {}) {
    super(reason);
    this.retryable = options.retryable ?? true;
  }
}
