import { pendingAudit, type PendingAudit } from '../../audit/index.js';
import type { ActorRef } from '../../common/auth/principal.js';
import type { RetrainingJob } from './retraining-job.js';

type RetrainingJobAction = 'result-reported' | 'succeeded' | 'failed' | 'cancelled' | 'retried';

/** The audit draft of a governed change of a job, written into the job by the same update. */
export function jobAudit(job: Pick<RetrainingJob, 'id' | 'modelName' | 'state' | 'round'>, actor: ActorRef, action: RetrainingJobAction, after: Record<string, unknown>, comment: string | null = null): PendingAudit {
  return pendingAudit({
    actor,
    action: `retraining.job.${action}`,
    resource: { type: 'retraining-job', id: job.id },
    context: { model: job.modelName, round: job.round },
    before: { state: job.state },
    after,
    comment: comment?.slice(0, 2000) ?? null,
  });
}
