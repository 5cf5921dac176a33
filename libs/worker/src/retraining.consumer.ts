import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { UnrecoverableError, WaitingError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import * as os from 'node:os';

import {
  parseRetrainingResult,
  RETRAINING_CONTRACT_VERSION,
  RETRAINING_EXTERNAL_QUEUE,
  type RetrainingQueueData,
} from '../../contracts/src/index.js';
import { JobNoLongerOpenError, PlatformCompletionClient } from './platform-completion.client.js';
import { RETRAINING_WORKER_OPTIONS, RetrainingFailedError, type RetrainingWorkerOptions } from './retraining-worker.options.js';

/**
 * Consumes a retraining queue for another team's service: claims each job from the platform (which hands over
 * the payload), runs the team's handler, and reports the result or the failure. The platform then records
 * the run and the STAGING version. A job cancelled on the platform aborts the handler at its next progress
 * report.
 */
@Injectable()
export class RetrainingConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RetrainingConsumer.name);
  private readonly shutdown = new AbortController();
  private readonly workerName: string;
  private worker: Worker<RetrainingQueueData> | null = null;

  constructor(
    @Inject(RETRAINING_WORKER_OPTIONS) private readonly options: RetrainingWorkerOptions,
    private readonly platform: PlatformCompletionClient,
  ) {
    this.workerName = options.workerName ?? `${os.hostname()}:${process.pid}`;
  }

  onApplicationBootstrap(): void {
    const queue = this.options.queue ?? RETRAINING_EXTERNAL_QUEUE;
    this.worker = new Worker<RetrainingQueueData>(queue, (job, token) => this.process(job, token), {
      connection: connectionOf(this.options),
      prefix: this.options.prefix ?? 'mlops',
      concurrency: this.options.concurrency ?? 1,
      lockDuration: this.options.lockDurationMs ?? 30_000,
      stalledInterval: this.options.stalledIntervalMs ?? 30_000,
    });
    this.worker.on('error', (error) => this.logger.warn(`Retraining consumer: ${error.message}`));
    this.logger.log(`Retraining consumer ${this.workerName} consuming '${queue}'`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (!this.worker) return;
    const closing = this.worker.close();
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'grace over'>((resolve) => {
      timer = setTimeout(() => resolve('grace over'), this.options.shutdownGraceMs ?? 10_000);
    });
    if ((await Promise.race([closing.then(() => 'closed' as const), graceOver])) === 'grace over') {
      this.shutdown.abort();
      await closing;
    }
    clearTimeout(timer);
  }

  async process(job: Job<RetrainingQueueData>, token?: string): Promise<string> {
    if (job.data?.contractVersion !== RETRAINING_CONTRACT_VERSION || typeof job.data.jobId !== 'string') {
      throw new UnrecoverableError(`BullMQ job ${job.id} does not carry a version ${RETRAINING_CONTRACT_VERSION} retraining job`);
    }
    const jobId = job.data.jobId;
    let payload;
    try {
      payload = await this.platform.claim(jobId, this.workerName);
    } catch (error) {
      if (error instanceof JobNoLongerOpenError) return `not claimed: ${error.message}`;
      throw error;
    }
    const stop = new AbortController();
    const signal = AbortSignal.any([stop.signal, this.shutdown.signal]);
    try {
      const result = await this.options.handler(payload, {
        signal,
        reportProgress: async (progress, message) => {
          await job.updateProgress(Math.round(progress * 100)).catch(() => undefined);
          await this.platform.progress(jobId, progress, message).catch((error: Error) => {
            if (error instanceof JobNoLongerOpenError) stop.abort();
            else this.logger.warn(`Progress of retraining job ${jobId} not reported: ${error.message}`);
          });
        },
      });
      if (stop.signal.aborted) return 'stopped: the platform no longer wants this result';
      const parsed = parseRetrainingResult(result);
      if (!parsed.ok) throw new RetrainingFailedError(`the handler returned an invalid result: ${parsed.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, { retryable: false });
      await this.platform.complete(jobId, parsed.value).catch((error: Error) => {
        if (!(error instanceof JobNoLongerOpenError)) throw error;
      });
      return 'completed';
    } catch (error) {
      return this.onFailure(job, token, jobId, error as Error, stop.signal.aborted);
    }
  }

  private async onFailure(job: Job<RetrainingQueueData>, token: string | undefined, jobId: string, error: Error, cancelled: boolean): Promise<string> {
    if (cancelled) return 'stopped: the platform no longer wants this result';
    if (this.shutdown.signal.aborted && token) {
      // Shutting down: hand the job back without spending an attempt; the next claim takes it over.
      await job.moveToWait(token);
      throw new WaitingError();
    }
    const final = (error instanceof RetrainingFailedError && !error.retryable) || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (!final) {
      await this.platform.progress(jobId, 0, `attempt ${job.attemptsMade + 1} failed: ${error.message}`.slice(0, 1000)).catch(() => undefined);
      throw error;
    }
    await this.platform.fail(jobId, error.message).catch((reportError: Error) => {
      if (!(reportError instanceof JobNoLongerOpenError)) throw reportError;
    });
    throw new UnrecoverableError(error.message);
  }
}

function connectionOf(options: RetrainingWorkerOptions): ConnectionOptions {
  if (options.connection) return options.connection;
  if (!options.redisUrl) throw new Error('RetrainingWorkerModule needs redisUrl or connection');
  const url = new URL(options.redisUrl);
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 6379,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    // BullMQ requires this on the blocking connection of a worker.
    maxRetriesPerRequest: null,
  };
}
