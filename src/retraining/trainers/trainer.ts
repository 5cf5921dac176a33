import type { RetrainingJobPayload, RetrainingResult } from '../../../libs/contracts/src/index.js';
import type { RetrainingJob } from '../jobs/retraining-job.js';

export interface TrainerHooks {
  /** Aborted when the job is cancelled or the worker shuts down: the trainer stops. */
  signal: AbortSignal;
  onProgress(progress: number, message: string | null): void;
  /** The latest tail of the trainer's output. */
  onOutput(lines: string[]): void;
}

/** The command trainer trains and answers the result; the webhook trainer hands the job over and answers null. */
export interface Trainer {
  run(job: RetrainingJob, payload: RetrainingJobPayload, hooks: TrainerHooks): Promise<RetrainingResult | null>;
}

/** An attempt that cannot succeed by being repeated (a trainer name this worker does not know, say). */
export class TrainerSetupError extends Error {
  override readonly name = 'TrainerSetupError';
}
