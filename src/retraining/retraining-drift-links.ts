import { Injectable, Logger } from '@nestjs/common';

import { DriftEventsService } from '../lifecycle/drift/drift-events.service.js';
import type { RetrainingJob } from './jobs/retraining-job.js';

/**
 * Keeps each drift event's view of its retraining current. The job record is the truth; this copy is written
 * after every change of the job, and a failure here is logged rather than undoing the change.
 */
@Injectable()
export class RetrainingDriftLinks {
  private readonly logger = new Logger(RetrainingDriftLinks.name);

  constructor(private readonly drift: DriftEventsService) {}

  /** Tells every event of the job where it stands, or only `eventIds` (an event just attached: the others already know). */
  async publish(job: RetrainingJob, eventIds: readonly string[] = job.driftEventIds): Promise<void> {
    if (eventIds.length === 0) return;
    const detail = job.state === 'FAILED' || job.state === 'CANCELLED' ? job.failureReason : null;
    await this.write([...eventIds], { jobId: job.id, state: job.state, detail, modelVersion: job.modelVersion, updatedAt: job.updatedAt });
  }

  async skip(driftEventId: string, reason: string): Promise<void> {
    await this.write([driftEventId], { jobId: null, state: 'NOT_TRIGGERED', detail: reason, modelVersion: null, updatedAt: new Date() });
  }

  private async write(ids: string[], status: Parameters<DriftEventsService['setRetraining']>[1]): Promise<void> {
    await this.drift.setRetraining(ids, status).catch((error: Error) => this.logger.warn(`Could not update the retraining status of drift events ${ids.join(', ')}: ${error.message}`));
  }
}
