import type { Logger } from '@nestjs/common';

import { parseRetrainingResult, type RetrainingJobPayload } from '../../contracts/src/index.js';
import { JobNoLongerOpenError, PlatformCompletionClient, PlatformRequestError } from './platform-completion.client.js';
import { RetrainingFailedError, type RetrainingHandler } from './retraining-worker.options.js';

/** Why the handler was aborted: nothing is reported for the job afterwards. */
export type StopReason = 'cancelled' | 'deadline' | 'shutdown';

/** setTimeout holds at most this (about 24.8 days); a later deadline is left to the platform. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * One claimed job on this worker: runs the handler, reports its progress, then its result or its failure.
 * Once the job is stopped (cancelled on the platform, past its result deadline, or handed back on shutdown)
 * nothing more is reported for it, whatever the handler does afterwards; once its outcome is being
 * reported, it is no longer handed back.
 */
export class JobExecution {
  readonly done: Promise<void>;
  private readonly controller = new AbortController();
  private phase: 'training' | 'reporting' | 'stopped' = 'training';

  constructor(
    readonly payload: RetrainingJobPayload,
    private readonly handler: RetrainingHandler,
    private readonly platform: PlatformCompletionClient,
    private readonly logger: Logger,
  ) {
    this.done = this.run();
  }

  get jobId(): string {
    return this.payload.jobId;
  }

  /**
   * Shutting down: a job still training is aborted and released to its queue for another trainer; a job whose
   * outcome is being reported finishes reporting.
   */
  async handBack(): Promise<void> {
    if (this.phase === 'reporting') return this.done;
    if (!this.stop('shutdown')) return;
    try {
      await this.platform.release(this.payload);
      this.logger.log(`Retraining job ${this.jobId} handed back to its queue on shutdown`);
    } catch (error) {
      if (error instanceof JobNoLongerOpenError) return;
      this.logger.warn(`Retraining job ${this.jobId} could not be handed back (${(error as Error).message}); the platform fails it at its result deadline`);
    }
  }

  private async run(): Promise<void> {
    const deadline = this.watchDeadline();
    try {
      let result: unknown;
      try {
        result = await Promise.resolve().then(() =>
          this.handler(this.payload, { signal: this.controller.signal, reportProgress: (progress, message) => this.reportProgress(progress, message) }),
        );
      } catch (error) {
        if (this.startReporting()) await this.reportFailure(error);
        return;
      }
      if (!this.startReporting()) return;
      const parsed = parseRetrainingResult(result);
      if (!parsed.ok) {
        const problems = parsed.errors.map((e) => `${e.field || 'result'}: ${e.message}`).join('; ');
        return this.reportFailure(new RetrainingFailedError(`the handler returned an invalid result: ${problems}`, { retryable: false }));
      }
      await this.platform.complete(this.payload, parsed.value);
      this.logger.log(`Retraining job ${this.jobId} of '${this.payload.modelName}' completed`);
    } catch (error) {
      this.logReportError('result', error);
    } finally {
      clearTimeout(deadline);
    }
  }

  private async reportProgress(progress: number, message?: string): Promise<void> {
    if (this.phase !== 'training' || !Number.isFinite(progress)) return;
    try {
      await this.platform.progress(this.payload, Math.min(Math.max(progress, 0), 1), message);
    } catch (error) {
      if (error instanceof JobNoLongerOpenError) {
        if (this.stop('cancelled')) this.logger.log(`Retraining job ${this.jobId} is no longer open on the platform (${error.message}); its handler is aborted`);
      } else if (error instanceof PlatformRequestError && error.status === 401) {
        if (this.stop('deadline')) this.logger.warn(`Retraining job ${this.jobId}: the platform no longer accepts its token (${error.detail}); its handler is aborted`);
      } else {
        this.logger.warn(`Progress of retraining job ${this.jobId} not reported: ${(error as Error).message}`);
      }
    }
  }

  /** A RetrainingFailedError with `retryable: false` ends the job; any other error asks for another attempt. */
  private async reportFailure(error: unknown): Promise<void> {
    const retryable = !(error instanceof RetrainingFailedError && !error.retryable);
    const reason = error instanceof Error ? error.message : String(error);
    try {
      await this.platform.fail(this.payload, reason, retryable);
      this.logger.warn(`Retraining job ${this.jobId} of '${this.payload.modelName}' failed${retryable ? ' (retryable)' : ''}: ${reason}`);
    } catch (reportError) {
      this.logReportError('failure', reportError);
    }
  }

  private logReportError(what: 'result' | 'failure', error: unknown): void {
    if (error instanceof JobNoLongerOpenError) {
      this.logger.log(`The ${what} of retraining job ${this.jobId} was not taken: ${error.message}`);
    } else {
      this.logger.error(`The ${what} of retraining job ${this.jobId} could not be reported: ${(error as Error).message}`);
    }
  }

  /** Aborts the handler at the job's result deadline, after which the platform refuses its reports. */
  private watchDeadline(): NodeJS.Timeout | undefined {
    const expiresAt = this.payload.credentials ? Date.parse(this.payload.credentials.expiresAt) : NaN;
    const remaining = expiresAt - Date.now();
    if (!Number.isFinite(remaining) || remaining > MAX_TIMER_MS) return undefined;
    const timer = setTimeout(() => {
      if (this.stop('deadline')) this.logger.warn(`Retraining job ${this.jobId} passed its result deadline; its handler is aborted and the platform fails the job`);
    }, Math.max(remaining, 0));
    timer.unref();
    return timer;
  }

  private startReporting(): boolean {
    if (this.phase !== 'training') return false;
    this.phase = 'reporting';
    return true;
  }

  private stop(reason: StopReason): boolean {
    if (this.phase !== 'training') return false;
    this.phase = 'stopped';
    this.controller.abort(new Error(`retraining job ${this.jobId} stopped: ${reason}`));
    return true;
  }
}
