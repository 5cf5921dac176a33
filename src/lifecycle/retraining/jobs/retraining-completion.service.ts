import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { isDeepStrictEqual } from 'node:util';

import {
  parseRetrainingResult,
  RETRAINING_QUEUE,
  type RetrainingJobPayload,
  type RetrainingJobState,
  type RetrainingProgress,
} from '../../../../libs/contracts/src/index.js';
import { ConflictError, IllegalTransitionError, InvalidInputError } from '../../../common/errors/domain.errors.js';
import { RetrainingOutbox } from '../outbox/retraining-outbox.js';
import { RetrainingDriftLinks } from '../retraining-drift-links.js';
import type { RetrainingConfig, RetrainingConfigNamespace } from '../retraining.config.js';
import type { RetrainingJob } from './retraining-job.js';
import { RetrainingJobsRepository } from './retraining-jobs.repository.js';
import { RetrainingJobsService } from './retraining-jobs.service.js';
import { payloadFor } from './retraining-payload.js';

/** The states in which a job waits for its trainer to report, by trainer kind. */
const WAITING: Record<'webhook' | 'external', readonly RetrainingJobState[]> = {
  webhook: ['RUNNING', 'AWAITING_RESULT'],
  external: ['QUEUED', 'RUNNING', 'AWAITING_RESULT'],
};

/**
 * The completion protocol of webhook trainers and external workers: claim (external), progress, complete
 * and fail. Every call is safe to repeat: the same result or failure reported twice answers the job as it
 * stands; anything else on a job that is not waiting for it is a 409.
 */
@Injectable()
export class RetrainingCompletionService {
  private readonly config: RetrainingConfig;

  constructor(
    private readonly jobs: RetrainingJobsRepository,
    private readonly service: RetrainingJobsService,
    private readonly outbox: RetrainingOutbox,
    private readonly links: RetrainingDriftLinks,
    config: ConfigService<RetrainingConfigNamespace, true>,
  ) {
    this.config = config.getOrThrow('retraining', { infer: true });
  }

  /** An external worker takes the job: it becomes RUNNING under that worker and the payload is handed over. */
  async claim(id: string, worker: string): Promise<RetrainingJobPayload> {
    const job = await this.service.get(id);
    this.assertReporting(job, ['external']);
    const deadline = new Date(Date.now() + job.trainer.timeoutSeconds * 1000);
    const started = await this.jobs.start(id, worker, deadline);
    if (!started) throw new IllegalTransitionError(`Retraining job ${id}`, job.state, 'RUNNING', { hint: 'the job has ended or already has its result' });
    await this.links.publish(started);
    return payloadFor(started, { artifactRoot: this.config.artifactDir, callbackBaseUrl: this.config.callbackBaseUrl });
  }

  async progress(id: string, report: RetrainingProgress): Promise<RetrainingJob> {
    const job = await this.service.get(id);
    const kind = this.assertReporting(job, ['webhook', 'external']);
    const updated = await this.jobs.reportProgress(id, report.progress, report.message, WAITING[kind].filter((s) => s !== 'QUEUED'));
    if (!updated) throw new IllegalTransitionError(`Retraining job ${id}`, job.state, 'progress', { hint: 'progress is reported while the job runs' });
    return updated;
  }

  /** Stores the result and hands the closing steps (run, version) to the platform worker through the outbox. */
  async complete(id: string, body: unknown): Promise<RetrainingJob> {
    const parsed = parseRetrainingResult(body);
    if (!parsed.ok) throw new InvalidInputError(`The result is invalid: ${parsed.errors.map((e) => e.message).join('; ')}`, parsed.errors);
    const job = await this.service.get(id);
    const kind = this.assertReporting(job, ['webhook', 'external']);
    const accepted = await this.jobs.acceptReportedResult(job, parsed.value, WAITING[kind], RETRAINING_QUEUE);
    if (!accepted) {
      const current = await this.service.get(id);
      if (current.result && isDeepStrictEqual(current.result, parsed.value)) return current;
      throw new ConflictError(`Retraining job ${id} is ${current.state}${current.result ? ' and already has another result' : ''}; it is not waiting for a result`, {
        state: current.state,
      });
    }
    await this.links.publish(accepted);
    return this.outbox.enqueue(accepted);
  }

  async fail(id: string, reason: string): Promise<RetrainingJob> {
    const job = await this.service.get(id);
    const kind = this.assertReporting(job, ['webhook', 'external']);
    if (!WAITING[kind].includes(job.state) || job.result) {
      if (job.state === 'FAILED' && job.failureReason === reason) return job;
      throw new ConflictError(`Retraining job ${id} is ${job.state}; it is not waiting for a result`, { state: job.state });
    }
    const failed = await this.jobs.fail(id, reason, WAITING[kind]);
    if (!failed) throw new ConflictError(`Retraining job ${id} changed while it was being failed; read it again`);
    await this.links.publish(failed);
    return failed;
  }

  private assertReporting<K extends 'webhook' | 'external'>(job: RetrainingJob, kinds: K[]): K {
    if (!(kinds as string[]).includes(job.trainer.kind)) {
      throw new ConflictError(`Retraining job ${job.id} runs a ${job.trainer.kind} trainer; only ${kinds.join(' and ')} trainers use this endpoint`, {
        trainerKind: job.trainer.kind,
      });
    }
    return job.trainer.kind as K;
  }
}
