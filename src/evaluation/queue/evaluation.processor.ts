import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';

import { RunExecutionService } from '../runs/run-execution.service.js';
import { EVALUATION_JOBS, EVALUATION_QUEUE, type EvaluateRunJob } from './evaluation.jobs.js';

/** Takes evaluation jobs off the queue and hands each run to the domain service that evaluates it. */
@Processor(EVALUATION_QUEUE, { concurrency: 2 })
export class EvaluationProcessor extends WorkerHost {
  private readonly logger = new Logger(EvaluationProcessor.name);

  constructor(private readonly execution: RunExecutionService) {
    super();
  }

  async process(job: Job<EvaluateRunJob>): Promise<void> {
    if (job.name !== EVALUATION_JOBS.evaluateRun) {
      this.logger.warn(`Ignored job ${job.id} with unknown name '${job.name}'`);
      return;
    }
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    await this.execution.execute(job.data.runId, { lastAttempt });
  }
}
