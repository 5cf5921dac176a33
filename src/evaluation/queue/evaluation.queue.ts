import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Queue } from 'bullmq';

import { TIMED_OUT, withinTimeout } from '../../common/queue/within-timeout.js';
import type { EvaluationConfig, EvaluationConfigNamespace } from '../evaluation.config.js';
import { EVALUATION_JOBS, EVALUATION_QUEUE, type EvaluateRunJob } from './evaluation.jobs.js';

/**
 * Puts runs on the evaluation queue. The run id is the job id, so enqueueing a run twice (a retried request,
 * the sweep) is harmless: BullMQ keeps the job it already has.
 */
@Injectable()
export class EvaluationQueue {
  private readonly logger = new Logger(EvaluationQueue.name);
  private readonly config: EvaluationConfig;

  constructor(
    @InjectQueue(EVALUATION_QUEUE) private readonly queue: Queue<EvaluateRunJob>,
    config: ConfigService<EvaluationConfigNamespace, true>,
  ) {
    this.config = config.getOrThrow('evaluation', { infer: true });
  }

  /**
   * True when Redis took the job. False when it did not answer in time: the run stays QUEUED in MongoDB
   * and the sweep enqueues it later, so the caller can answer without waiting for Redis to come back.
   */
  async enqueue(runId: string): Promise<boolean> {
    const adding = this.queue.add(EVALUATION_JOBS.evaluateRun, { runId }, {
      jobId: runId,
      attempts: this.config.jobAttempts,
      backoff: { type: 'exponential', delay: 1000 },
      // Finished jobs go away: the run document is the record, and a run that must be retried can then be re-added.
      removeOnComplete: true,
      removeOnFail: true,
    });
    try {
      // A pending add may still complete once Redis is back; the job id makes that harmless.
      if ((await withinTimeout(adding, this.config.enqueueTimeoutMs)) !== TIMED_OUT) return true;
      this.logger.warn(`Run ${runId} stays QUEUED for the sweep: Redis did not accept the job within ${this.config.enqueueTimeoutMs} ms`);
    } catch (error) {
      this.logger.warn(`Run ${runId} stays QUEUED for the sweep: ${(error as Error).message}`);
    }
    return false;
  }
}
