import type { RetrainingJob } from '../jobs/retraining-job.js';

const TAG_VALUE_MAX = 5000;

/** The run says why it exists: the trainer's own tags, then the job, its trigger and the drift events it answers. */
export function runTagsFor(job: Pick<RetrainingJob, 'id' | 'trigger' | 'driftEventIds' | 'result'>): Record<string, string> {
  const tags: Record<string, string> = {
    ...(job.result?.tags ?? {}),
    retraining_job_id: job.id,
    retraining_trigger: job.trigger.kind,
    retraining_reason: job.trigger.reason,
  };
  if (job.driftEventIds.length > 0) tags.drift_event_ids = job.driftEventIds.join(',');
  return Object.fromEntries(Object.entries(tags).map(([key, value]) => [key, value.slice(0, TAG_VALUE_MAX)]));
}
