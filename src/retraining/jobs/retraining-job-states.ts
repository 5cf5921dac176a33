import { Injectable, Logger } from '@nestjs/common';

import type { RetrainingJobState, RetrainingResult } from '../../../libs/contracts/src/index.js';
import { AuditService, type PendingAudit } from '../../audit/index.js';
import type { ActorRef } from '../../common/auth/principal.js';
import { type DriftRetrainingStatus, DriftRetrainingView } from '../../lifecycle/index.js';
import type { NewRetrainingJob, RetrainingJob } from './retraining-job.js';
import { RetrainingJobsRepository } from './retraining-jobs.repository.js';

/** A state change of the repository: a compare-and-set answering the job after it, or null when it did not apply. */
export type RetrainingJobChange = (jobs: RetrainingJobsRepository) => Promise<RetrainingJob | null>;

/**
 * The one place a job's state changes: once a change applied, the drift events the job serves are shown where
 * it stands. The job record is the truth and the events hold a copy, so a failure to write the copy is logged
 * rather than undoing the change. The other sub-areas of retraining (trigger, outbox, worker, closing) also
 * read jobs and record the steps that change no state through this class, never through the repository.
 */
@Injectable()
export class RetrainingJobStates {
  private readonly logger = new Logger(RetrainingJobStates.name);

  constructor(
    private readonly jobs: RetrainingJobsRepository,
    private readonly view: DriftRetrainingView,
    private readonly audit: AuditService,
  ) {}

  async change(apply: RetrainingJobChange): Promise<RetrainingJob | null> {
    const changed = await apply(this.jobs);
    if (changed) await this.show(changed);
    return changed;
  }

  /** Appends the audit entry of a governed change whose update carried `draft`, and settles the draft. */
  async publishAudit(draft: PendingAudit, id: string): Promise<void> {
    await this.audit.publish(draft, this.jobs, id);
  }

  find(id: string): Promise<RetrainingJob | null> {
    return this.jobs.findById(id);
  }

  /** The job that holds the drift event, if any. */
  findByDriftEvent(driftEventId: string): Promise<RetrainingJob | null> {
    return this.jobs.findByDriftEvent(driftEventId);
  }

  findOpen(modelName: string): Promise<RetrainingJob | null> {
    return this.jobs.findOpen(modelName);
  }

  /** The latest job of the model that was not cancelled: the start of the cooldown. */
  latestUncancelled(modelName: string): Promise<RetrainingJob | null> {
    return this.jobs.latestUncancelled(modelName);
  }

  pendingEnqueue(limit: number): Promise<RetrainingJob[]> {
    return this.jobs.pendingEnqueue(limit);
  }

  awaitingPastDeadline(now: Date, limit: number): Promise<RetrainingJob[]> {
    return this.jobs.awaitingPastDeadline(now, limit);
  }

  /** Queued or running jobs that nothing has touched since `before`. */
  untouchedSince(before: Date, limit: number): Promise<RetrainingJob[]> {
    return this.jobs.untouchedSince(before, limit);
  }

  /** Null when another job of the model is still open. */
  createOpen(job: NewRetrainingJob, message: string): Promise<RetrainingJob | null> {
    return this.jobs.createOpen(job, message);
  }

  /** Adds a drift event to the open job of the model; null when the model has none. */
  attachDriftEvent(modelName: string, driftEventId: string): Promise<RetrainingJob | null> {
    return this.jobs.attachDriftEvent(modelName, driftEventId);
  }

  reportProgress(id: string, progress: number, message: string | null, states: readonly RetrainingJobState[]): Promise<RetrainingJob | null> {
    return this.jobs.reportProgress(id, progress, message, states);
  }

  setOutputTail(id: string, lines: string[]): Promise<RetrainingJob | null> {
    return this.jobs.setOutputTail(id, lines);
  }

  /** Stores the result of a trainer the worker ran itself, once; null when one is already stored. */
  storeResult(id: string, result: RetrainingResult, reportedBy: ActorRef): Promise<RetrainingJob | null> {
    return this.jobs.storeResult(id, result, reportedBy);
  }

  setRun(id: string, runId: string): Promise<RetrainingJob | null> {
    return this.jobs.setRun(id, runId);
  }

  setVersion(id: string, modelVersion: number): Promise<RetrainingJob | null> {
    return this.jobs.setVersion(id, modelVersion);
  }

  setEvaluation(id: string, evaluationRunIds: string[]): Promise<RetrainingJob | null> {
    return this.jobs.setEvaluation(id, evaluationRunIds);
  }

  /** Shows the job as it stands on its drift events; also for a replay, which may follow a missed update. */
  async show(job: RetrainingJob): Promise<void> {
    if (job.driftEventIds.length === 0) return;
    await this.view
      .show(job.driftEventIds, retrainingStatusOf(job))
      .catch((error: Error) => this.logger.warn(`Could not update the retraining status of drift events ${job.driftEventIds.join(', ')}: ${error.message}`));
  }
}

/** Where a job stands, as its drift events show it. */
export function retrainingStatusOf(job: RetrainingJob): DriftRetrainingStatus {
  const detail = job.state === 'FAILED' || job.state === 'CANCELLED' ? job.failureReason : null;
  return { jobId: job.id, state: job.state, detail, modelVersion: job.modelVersion, updatedAt: job.updatedAt };
}

/** A drift event that opened or joined no job, and why. */
export function notTriggered(reason: string): DriftRetrainingStatus {
  return { jobId: null, state: 'NOT_TRIGGERED', detail: reason, modelVersion: null, updatedAt: new Date() };
}
