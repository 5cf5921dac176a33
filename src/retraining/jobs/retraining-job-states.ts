import { Injectable, Logger } from '@nestjs/common';

import type { DriftRetrainingStatus } from '../../lifecycle/drift/drift-event.js';
import { DriftRetrainingView } from '../../lifecycle/drift/drift-retraining-view.js';
import type { RetrainingJob } from './retraining-job.js';
import { RetrainingJobsRepository } from './retraining-jobs.repository.js';

/** A state change of the repository: a compare-and-set answering the job after it, or null when it did not apply. */
export type RetrainingJobChange = (jobs: RetrainingJobsRepository) => Promise<RetrainingJob | null>;

/**
 * The one place a job's state changes: once a change applied, the drift events the job serves are shown where
 * it stands. The job record is the truth and the events hold a copy, so a failure to write the copy is logged
 * rather than undoing the change.
 */
@Injectable()
export class RetrainingJobStates {
  private readonly logger = new Logger(RetrainingJobStates.name);

  constructor(
    private readonly jobs: RetrainingJobsRepository,
    private readonly view: DriftRetrainingView,
  ) {}

  async change(apply: RetrainingJobChange): Promise<RetrainingJob | null> {
    const changed = await apply(this.jobs);
    if (changed) await this.show(changed);
    return changed;
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
