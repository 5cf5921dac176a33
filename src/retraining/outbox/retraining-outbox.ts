import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import { SYSTEM_ACTORS } from '../../common/auth/principal.js';
import { jobAudit } from '../jobs/job-audit.js';
import type { RetrainingJob } from '../jobs/retraining-job.js';
import { RetrainingJobStates } from '../jobs/retraining-job-states.js';
import type { RetrainingConfig, RetrainingConfigNamespace } from '../retraining.config.js';
import { RetrainingQueue } from '../retraining.queue.js';

const SWEEP_BATCH = 100;

/**
 * The outbox between MongoDB and Redis. A job is stored first (PENDING_ENQUEUE) and then put on the queue;
 * when Redis does not answer in time the request still succeeds and the sweep (RetrainingSweeper, periodic
 * work) enqueues the job once Redis is back. Enqueueing is idempotent (the BullMQ job id is derived from the
 * record), so a sweep racing a late add does no harm.
 */
@Injectable()
export class RetrainingOutbox {
  private readonly logger = new Logger(RetrainingOutbox.name);
  private readonly config: RetrainingConfig;
  private sweeping: Promise<void> | null = null;

  constructor(
    private readonly queue: RetrainingQueue,
    private readonly states: RetrainingJobStates,
    config: ConfigService<RetrainingConfigNamespace, true>,
  ) {
    this.config = config.getOrThrow('retraining', { infer: true });
  }

  /** Tries to put a PENDING_ENQUEUE job on its queue now; answers the job as it stands afterwards. */
  async enqueue(job: RetrainingJob): Promise<RetrainingJob> {
    const after = await this.tryEnqueue(job);
    if (after.state === 'PENDING_ENQUEUE') {
      this.logger.warn(`Retraining job ${job.id} is stored but not yet queued (Redis unavailable); the outbox sweeper will enqueue it`);
    }
    return after;
  }

  private async tryEnqueue(job: RetrainingJob): Promise<RetrainingJob> {
    // An external job waits in the database for a trainer to claim it over HTTP: other teams never need Redis.
    const waitsForClaim = job.trainer.kind === 'external' && job.result === null;
    if (!waitsForClaim && !(await this.queue.add(job))) return job;
    const queued = await this.states.change((jobs) => jobs.markQueued(job.id, job.queueJobId));
    return queued ?? (await this.states.find(job.id)) ?? job;
  }

  /** Takes a cancelled job off its queue when it is still waiting there (a running one is stopped by its worker). */
  async withdraw(job: RetrainingJob): Promise<void> {
    if (job.trainer.kind === 'external' && job.result === null) return;
    await this.queue.remove(job).catch((error: Error) => this.logger.warn(`Could not remove cancelled job ${job.id} from the queue: ${error.message}`));
  }

  /** One pass; a pass already under way is joined rather than doubled. */
  sweep(): Promise<void> {
    this.sweeping ??= this.sweepOnce()
      .catch((error: Error) => this.logger.warn(`Outbox sweep failed: ${error.message}`))
      .finally(() => {
        this.sweeping = null;
      });
    return this.sweeping;
  }

  private async sweepOnce(): Promise<void> {
    for (const job of await this.states.pendingEnqueue(SWEEP_BATCH)) {
      const after = await this.tryEnqueue(job);
      // Redis is still away: the rest of the batch would only wait out the same timeout.
      if (after.state === 'PENDING_ENQUEUE') break;
    }
    for (const job of await this.states.awaitingPastDeadline(new Date(), SWEEP_BATCH)) {
      await this.failJob(job, `no result reported within ${job.trainer.timeoutSeconds} s`);
    }
    await this.reconcile();
  }

  /**
   * Open jobs whose BullMQ job failed without the processor seeing it (it stalled more often than allowed)
   * or vanished (Redis lost its data): the first are failed, the second go back to the outbox.
   */
  private async reconcile(): Promise<void> {
    const quietFor = 2 * Math.max(this.config.lockDurationMs, this.config.stalledIntervalMs);
    for (const job of await this.states.untouchedSince(new Date(Date.now() - quietFor), SWEEP_BATCH)) {
      if (job.trainer.kind === 'external' && job.result === null) continue;
      const found = await this.queue.lookup(job);
      if (found === null) return;
      if (found.state === 'failed') {
        await this.failJob(job, `the queue gave up on the job: ${found.failedReason ?? 'no reason given'}`);
      } else if (found.state === 'missing') {
        await this.states.change((jobs) => jobs.requeue(job, `its BullMQ job ${job.queueJobId} was missing from Redis; enqueued again`));
      }
    }
  }

  private async failJob(job: RetrainingJob, reason: string): Promise<void> {
    const draft = jobAudit(job, SYSTEM_ACTORS.retrainingPipeline, 'failed', { state: 'FAILED' }, reason);
    const failed = await this.states.change((jobs) => jobs.fail(job.id, reason, draft));
    if (failed) await this.states.publishAudit(draft, job.id);
  }
}
