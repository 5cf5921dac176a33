import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import { PeriodicWork } from '../../common/scheduling/periodic-work.js';
import type { EvaluationConfig, EvaluationConfigNamespace } from '../evaluation.config.js';
import { EvaluationRunsService } from '../runs/evaluation-runs.service.js';
import { EvaluationQueue } from './evaluation.queue.js';

const SWEEP_BATCH = 500;

/**
 * A run is never lost: once every EVALUATION_SWEEP_INTERVAL_SECONDS across the worker processes (periodic
 * work), the runs that have waited too long are enqueued again, QUEUED (their enqueue failed while Redis was
 * down) or RUNNING (their job died with its worker and used up its retries). The run id is the job id, so a
 * run whose job is alive is left alone.
 */
@Injectable()
export class StaleRunsSweeper implements OnModuleInit {
  private readonly logger = new Logger(StaleRunsSweeper.name);
  private readonly config: EvaluationConfig;
  private sweeping = false;

  constructor(
    private readonly runs: EvaluationRunsService,
    private readonly queue: EvaluationQueue,
    private readonly periodic: PeriodicWork,
    config: ConfigService<EvaluationConfigNamespace, true>,
  ) {
    this.config = config.getOrThrow('evaluation', { infer: true });
  }

  onModuleInit(): void {
    this.periodic.register({ name: 'evaluation-stale-runs', everyMs: this.config.sweepIntervalSeconds * 1000, run: () => this.sweep() });
  }

  /** Enqueues the stale runs; returns how many were handed to Redis. */
  async sweep(now = new Date()): Promise<number> {
    if (this.sweeping) return 0;
    this.sweeping = true;
    try {
      const queuedBefore = new Date(now.getTime() - this.config.requeueAfterSeconds * 1000);
      const runningBefore = new Date(now.getTime() - this.config.stuckAfterSeconds * 1000);
      const ids = await this.runs.findStale(queuedBefore, runningBefore, SWEEP_BATCH);
      let enqueued = 0;
      for (const id of ids) {
        if (!(await this.queue.enqueue(id))) break;
        enqueued++;
      }
      if (ids.length > 0) this.logger.log(`Re-enqueued ${enqueued} of ${ids.length} waiting evaluation run(s)`);
      return enqueued;
    } catch (error) {
      this.logger.warn(`Sweep of waiting evaluation runs failed: ${(error as Error).message}`);
      return 0;
    } finally {
      this.sweeping = false;
    }
  }
}
