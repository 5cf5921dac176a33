import * as path from 'node:path';

import { RETRAINING_CONTRACT_VERSION, retrainingCompletionPaths, type RetrainingJobPayload } from '../../../libs/contracts/src/index.js';
import type { RetrainingJob } from './retraining-job.js';

interface PayloadContext {
  /** Root of the artifact directories handed to command trainers. */
  artifactRoot: string;
  callbackBaseUrl: string | null;
}

/**
 * The job as its trainer sees it. A command trainer gets a directory of its own per execution, so an
 * execution orphaned by a worker crash never writes over the one that replaced it.
 */
export function payloadFor(job: RetrainingJob, context: PayloadContext, credentials: { token: string; expiresAt: Date } | null): RetrainingJobPayload {
  const artifactDir =
    job.trainer.kind === 'command' ? path.resolve(context.artifactRoot, job.modelName.replace(/[^A-Za-z0-9_.-]/g, '_'), job.id, `attempt-${job.attempts}`) : null;
  return {
    contractVersion: RETRAINING_CONTRACT_VERSION,
    jobId: job.id,
    modelName: job.modelName,
    attempt: job.attempts,
    trigger: { kind: job.trigger.kind, reason: job.trigger.reason, driftEventIds: job.driftEventIds, requestedBy: job.trigger.requestedBy?.name ?? null },
    trainer: { kind: job.trainer.kind, settings: job.trainer.settings },
    artifactDir,
    completion: retrainingCompletionPaths(job.id),
    callbackBaseUrl: context.callbackBaseUrl,
    credentials: credentials && { token: credentials.token, expiresAt: credentials.expiresAt.toISOString() },
  };
}
