import type { RetrainingJobPayload, RetrainingResult } from '../../contracts/src/index.js';

export interface RetrainingHandlerContext {
  /**
   * Aborted when the platform no longer wants the result: the job was cancelled (noticed at the next progress
   * report), its result deadline passed, or the worker is shutting down and hands the job back.
   */
  signal: AbortSignal;
  /** Reports progress (0 to 1) to the platform; errors are logged, never thrown. */
  reportProgress(progress: number, message?: string): Promise<void>;
}

/** Trains the model of one job and answers its result; throw to fail the attempt (see RetrainingFailedError). */
export type RetrainingHandler = (payload: RetrainingJobPayload, context: RetrainingHandlerContext) => Promise<RetrainingResult>;

export interface RetrainingWorkerOptions {
  /** Base URL of the platform API, e.g. https://mlops.internal.example (the /api/v1 paths are added). */
  platformUrl: string;
  /**
   * The team's trainer key (`mlp_…`, role `trainer`), minted by a platform admin with the queues it may claim
   * from (`trainerQueues`). It claims jobs; each claimed job then reports with its own job token.
   */
  apiKey: string;
  /** Queues to take jobs from, among the key's trainerQueues. Default: every queue of the key. */
  queues?: string[];
  handler: RetrainingHandler;
  /** Jobs trained at once by this process. Default 1. */
  concurrency?: number;
  /**
   * The longest pause between two claims while no job waits. The pause starts at a tenth of this and doubles
   * with every empty answer; a finished job or a claimed one resets it. Default 5000 ms.
   */
  pollIntervalMs?: number;
  /** Shown on the platform's job record as its worker. Default `<hostname>:<pid>`. */
  workerName?: string;
  /** On shutdown, how long active jobs may finish before they are aborted and handed back. Default 10 s. */
  shutdownGraceMs?: number;
  /** Time limit of one HTTP request to the platform. Default 10 s. */
  requestTimeoutMs?: number;
  /** Injected for tests or custom agents; default the global fetch. */
  fetch?: typeof fetch;
}

/** The options with every default applied. */
export type ResolvedWorkerOptions = Required<Omit<RetrainingWorkerOptions, 'queues'>> & Pick<RetrainingWorkerOptions, 'queues'>;

export const RETRAINING_WORKER_OPTIONS = Symbol('RETRAINING_WORKER_OPTIONS');

const WORKER_NAME = /^[A-Za-z0-9._@:-]{1,128}$/;
const QUEUE_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** Applies the defaults and checks every option, so a misconfigured worker stops at boot naming each problem. */
export function resolveWorkerOptions(options: RetrainingWorkerOptions, defaultWorkerName: string): ResolvedWorkerOptions {
  const resolved: ResolvedWorkerOptions = {
    ...options,
    platformUrl: typeof options.platformUrl === 'string' ? options.platformUrl.replace(/\/+$/, '') : options.platformUrl,
    concurrency: options.concurrency ?? 1,
    pollIntervalMs: options.pollIntervalMs ?? 5000,
    workerName: options.workerName ?? defaultWorkerName.replace(/[^A-Za-z0-9._@:-]/g, '-').slice(0, 128),
    shutdownGraceMs: options.shutdownGraceMs ?? 10_000,
    requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
    fetch: options.fetch ?? globalThis.fetch,
  };
  const problems: string[] = [];
  if (!isHttpUrl(resolved.platformUrl)) problems.push('platformUrl must be the http(s) URL of the platform');
  if (typeof resolved.apiKey !== 'string' || !resolved.apiKey.startsWith('mlp_')) problems.push('apiKey must be a trainer API key (mlp_…) minted by a platform admin');
  if (typeof resolved.handler !== 'function') problems.push('handler must be a function');
  if (resolved.queues !== undefined && (!Array.isArray(resolved.queues) || resolved.queues.length === 0 || !resolved.queues.every((q) => QUEUE_NAME.test(q)))) {
    problems.push('queues must be a non-empty list of queue names (1-64 letters, digits, _ or -)');
  }
  if (!WORKER_NAME.test(resolved.workerName)) problems.push('workerName must be 1-128 letters, digits or . _ @ : -');
  if (!isInteger(resolved.concurrency, 1, 1000)) problems.push('concurrency must be an integer from 1 to 1000');
  if (!isInteger(resolved.pollIntervalMs, 10, 3_600_000)) problems.push('pollIntervalMs must be an integer from 10 to 3600000');
  if (!isInteger(resolved.shutdownGraceMs, 0, 3_600_000)) problems.push('shutdownGraceMs must be an integer from 0 to 3600000');
  if (!isInteger(resolved.requestTimeoutMs, 100, 600_000)) problems.push('requestTimeoutMs must be an integer from 100 to 600000');
  if (typeof resolved.fetch !== 'function') problems.push('fetch must be a function (no global fetch in this runtime)');
  if (problems.length > 0) throw new Error(`Invalid RetrainingWorkerModule options:\n  - ${problems.join('\n  - ')}`);
  return resolved;
}

function isHttpUrl(text: unknown): boolean {
  if (typeof text !== 'string') return false;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function isInteger(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

/**
 * Thrown by a handler to end the attempt with this reason. With `retryable: false` (bad data, wrong
 * settings) the job becomes FAILED at once; otherwise, like any other error, the platform puts the job back
 * on its queue for another attempt after a backoff while attempts remain.
 */
export class RetrainingFailedError extends Error {
  override readonly name = 'RetrainingFailedError';
  readonly retryable: boolean;

  constructor(reason: string, options: { retryable?: boolean } = {}) {
    super(reason);
    this.retryable = options.retryable ?? true;
  }
}
