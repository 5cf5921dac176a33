import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Queue, Worker } from 'bullmq';

import { RETRAINING_QUEUE, type RetrainingQueueData } from '../../../libs/contracts/src/index.js';
import type { RetrainingConfig, RetrainingConfigNamespace } from '../retraining.config.js';
import { RetrainingProcessor } from './retraining.processor.js';

/**
 * The BullMQ worker of the platform queue. It is built here rather than by `@Processor` because its
 * concurrency, lock duration and stalled-job interval come from the validated configuration, which a
 * decorator's static options cannot read.
 *
 * Shutdown (SIGTERM): the worker stops taking jobs and waits up to RETRAINING_SHUTDOWN_GRACE_MS for the
 * active ones; then it stops their trainers and gives the jobs back to the queue for another worker.
 */
@Injectable()
export class RetrainingWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RetrainingWorker.name);
  private readonly config: RetrainingConfig;
  private readonly shutdown = new AbortController();
  private worker: Worker<RetrainingQueueData> | null = null;

  constructor(
    private readonly processor: RetrainingProcessor,
    @InjectQueue(RETRAINING_QUEUE) private readonly queue: Queue,
    config: ConfigService<RetrainingConfigNamespace, true>,
  ) {
    this.config = config.getOrThrow('retraining', { infer: true });
  }

  onApplicationBootstrap(): void {
    this.worker = new Worker<RetrainingQueueData>(RETRAINING_QUEUE, (job, token) => this.processor.process(job, token, this.shutdown.signal), {
      connection: this.queue.opts.connection,
      prefix: this.queue.opts.prefix,
      concurrency: this.config.workerConcurrency,
      lockDuration: this.config.lockDurationMs,
      stalledInterval: this.config.stalledIntervalMs,
      maxStalledCount: 1,
    });
    this.worker.on('error', (error) => this.logger.warn(`Retraining worker: ${error.message}`));
    this.worker.on('stalled', (jobId) => this.logger.warn(`Retraining BullMQ job ${jobId} stalled (its worker stopped renewing the lock); it is handed to a worker again`));
    this.logger.log(`Retraining worker ${this.processor.workerId} consuming '${RETRAINING_QUEUE}' with concurrency ${this.config.workerConcurrency}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (!this.worker) return;
    const closing = this.worker.close();
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'grace over'>((resolve) => {
      timer = setTimeout(() => resolve('grace over'), this.config.shutdownGraceMs);
    });
    if ((await Promise.race([closing.then(() => 'closed' as const), graceOver])) === 'grace over') {
      this.logger.warn(`Active retraining jobs did not finish within ${this.config.shutdownGraceMs} ms; stopping them and releasing them to the queue`);
      this.shutdown.abort();
      await closing;
    }
    clearTimeout(timer);
  }
}
