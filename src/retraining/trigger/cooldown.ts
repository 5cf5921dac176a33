import type { RetrainingJob } from '../jobs/retraining-job.js';

/** When drift may trigger again: the cooldown runs from the creation of the latest job that was not cancelled. */
export function cooldownEndsAt(latest: Pick<RetrainingJob, 'createdAt'> | null, cooldownSeconds: number): Date | null {
  if (!latest || cooldownSeconds <= 0) return null;
  return new Date(latest.createdAt.getTime() + cooldownSeconds * 1000);
}
