import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Queue } from 'bullmq';

import {
  RETRAINING_CONTRACT_VERSION,
  RETRAINING_JOB_NAME,
  RETRAINING_QUEUE,
  type RetrainingQueueData,
} from '../../libs/contracts/src/index.js';
import { TIMED_OUT, withinTimeout } from '../common/queue/within-timeout.js';
import type { RetrainingJob } from './jobs/retraining-job.js';
import type { RetrainingConfig, RetrainingConfigNamespace } from './retraining.config.js';

const KEEP_COMPLETED = { age: 7 * 86400, count: 1000 };
const KEEP_FAILED = { age: 30 * 86400, count: 5000 };
const ERROR_LOG_EVERY_MS = 30_000;

/**
 * The producer: puts a job's current round on its queue. BullMQ carries only the record id, under a BullMQ
 * job id derived from it, so adding the same round twice (the outbox sweeper racing a late add) is a no-op.
 */
@Injectable()
export class RetrainingQueue implements OnApplicationShutdown {
  private readonly logger = new Logger(RetrainingQueue.name);
  private readonly config: RetrainingConfig;
  private readonly queues = new Map<string, Queue>();
  private readonly opened: Queue[] = [];
  private lastErrorLog = 0;

  constructor(
    @InjectQueue(RETRAINING_QUEUE) platformQueue: Queue,
    config: ConfigService<RetrainingConfigNamespace, true>,
  ) {
    this.config = config.getOrThrow('retraining', { infer: true });
    this.track(platformQueue);
  }

  /** True once BullMQ holds the round; false when Redis did not answer within the enqueue timeout. */
  async add(job: RetrainingJob): Promise<boolean> {
    const data: RetrainingQueueData = { contractVersion: RETRAINING_CONTRACT_VERSION, jobId: job.id };
    const adding = this.queue(job.queueName).add(RETRAINING_JOB_NAME, data, {
      jobId: job.queueJobId,
      attempts: job.maxAttempts,
      backoff: { type: 'exponential', delay: this.config.backoffMs },
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
    });
    try {
      return (await withinTimeout(adding, this.config.enqueueTimeoutMs)) !== TIMED_OUT;
    } catch (error) {
      this.logger.warn(`Could not enqueue retraining job ${job.id}: ${(error as Error).message}`);
      return false;
    }
  }

  /** Removes a round still waiting on its queue; BullMQ leaves an active (locked) job in place. */
  async remove(job: RetrainingJob): Promise<void> {
    await withinTimeout(this.queue(job.queueName).remove(job.queueJobId), this.config.enqueueTimeoutMs);
  }

  /**
   * Where BullMQ has the job's current round: its state and failure reason, 'missing' when Redis holds no such
   * job, null when Redis did not answer in time.
   */
  async lookup(job: RetrainingJob): Promise<{ state: string; failedReason: string | null } | null> {
    const found = await withinTimeout(this.queue(job.queueName).getJob(job.queueJobId), this.config.enqueueTimeoutMs).catch(() => TIMED_OUT);
    if (typeof found === 'symbol') return null;
    if (!found) return { state: 'missing', failedReason: null };
    const state = await withinTimeout(found.getState(), this.config.enqueueTimeoutMs).catch(() => TIMED_OUT);
    return typeof state === 'symbol' ? null : { state, failedReason: found.failedReason ?? null };
  }

  /** The BullMQ queue of that name; a queue other than the registered platform queue is opened on first use. */
  queue(name: string): Queue {
    const known = this.queues.get(name);
    if (known) return known;
    const platform = this.queues.get(RETRAINING_QUEUE)!;
    const queue = new Queue(name, { connection: platform.opts.connection, prefix: platform.opts.prefix });
    this.opened.push(queue);
    return this.track(queue);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.opened.map((queue) => queue.close()));
  }

  private track(queue: Queue): Queue {
    this.queues.set(queue.name, queue);
    // Without a listener every reconnection failure would reach the console; one line per interval is enough.
    queue.on('error', (error: Error) => {
      if (Date.now() - this.lastErrorLog < ERROR_LOG_EVERY_MS) return;
      this.lastErrorLog = Date.now();
      this.logger.warn(`Queue ${queue.name}: ${error.message}`);
    });
    return queue;
  }
}
