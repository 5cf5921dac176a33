import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { UnrecoverableError, WaitingError, type Job } from 'bullmq';
import * as os from 'node:os';

import { RETRAINING_ENDED_STATES, type RetrainingQueueData } from '../../../libs/contracts/src/index.js';
import { RetrainingCloser } from '../closing/retraining-closer.js';
import type { RetrainingJob } from '../jobs/retraining-job.js';
import { SYSTEM_ACTORS } from '../../common/auth/principal.js';
import { jobAudit } from '../jobs/job-audit.js';
import { RetrainingJobStates } from '../jobs/retraining-job-states.js';
import { TrainerTokens } from '../jobs/trainer-tokens.js';
import { payloadFor } from '../jobs/retraining-payload.js';
import type { RetrainingConfig, RetrainingConfigNamespace } from '../retraining.config.js';
import { CommandTrainer } from '../trainers/command.trainer.js';
import { TrainerSetupError, type Trainer } from '../trainers/trainer.js';
import { WebhookTrainer } from '../trainers/webhook.trainer.js';
import { JobReporter } from './job-reporter.js';

/** How often a running job's record is read to notice a cancellation. */
const CANCEL_POLL_MS = 1000;

/**
 * Executes one round of a retraining job: train (command), or hand over (webhook), then close the loop.
 * The logic of each step lives in the trainers and the closer; this class sequences them and decides what a
 * failure means: another attempt, a FAILED job, a cancellation, or a release back to the queue on shutdown.
 */
@Injectable()
export class RetrainingProcessor {
  private readonly logger = new Logger(RetrainingProcessor.name);
  private readonly config: RetrainingConfig;
  readonly workerId = `${os.hostname()}:${process.pid}`;

  constructor(
    private readonly closer: RetrainingCloser,
    private readonly states: RetrainingJobStates,
    private readonly command: CommandTrainer,
    private readonly webhook: WebhookTrainer,
    private readonly tokens: TrainerTokens,
    config: ConfigService<RetrainingConfigNamespace, true>,
  ) {
    this.config = config.getOrThrow('retraining', { infer: true });
  }

  async process(queued: Job<RetrainingQueueData>, token: string | undefined, shutdown: AbortSignal): Promise<string> {
    const id = queued.data.jobId;
    const job = await this.states.find(id);
    if (!job) {
      this.logger.warn(`BullMQ job ${queued.id} names retraining job ${id}, which does not exist; dropped`);
      return 'no such retraining job';
    }
    if (RETRAINING_ENDED_STATES.includes(job.state)) {
      // A replay after the job ended: the drift events may have missed the last update.
      await this.states.show(job);
      return `already ${job.state}`;
    }
    if (job.state === 'AWAITING_RESULT') return 'handed to the webhook trainer, waiting for its report';
    const started = await this.states.change((jobs) => jobs.start(id, this.workerId, null));
    if (!started) return `not started: the job is ${(await this.states.find(id))?.state ?? 'gone'}`;
    try {
      const trained = started.result ? started : await this.train(started, queued, shutdown);
      if (!trained) return 'handed to the webhook trainer';
      const closed = await this.closer.close(trained);
      return `SUCCEEDED: ${closed.modelName} v${closed.modelVersion}`;
    } catch (error) {
      return this.handleFailure(id, queued, token, error as Error, shutdown);
    }
  }

  /** Runs the trainer; answers the job with its result stored, or null once a webhook trainer has the job. */
  private async train(job: RetrainingJob, queued: Job<RetrainingQueueData>, shutdown: AbortSignal): Promise<RetrainingJob | null> {
    const trainer = this.trainerFor(job);
    const cancelled = new AbortController();
    const watcher = setInterval(() => {
      void this.states.find(job.id).then((current) => current?.state !== 'RUNNING' && cancelled.abort(), () => undefined);
    }, CANCEL_POLL_MS);
    const reporter = new JobReporter(this.states, queued, job.id);
    const deadline = new Date(Date.now() + job.trainer.timeoutSeconds * 1000);
    const credentials = await this.tokens.issue(job.id, deadline);
    const payload = payloadFor(job, { artifactRoot: this.config.artifactDir, callbackBaseUrl: this.config.callbackBaseUrl }, credentials);
    let result;
    try {
      result = await trainer.run(job, payload, {
        signal: AbortSignal.any([cancelled.signal, shutdown]),
        onProgress: (progress, message) => reporter.progress(progress, message),
        onOutput: (lines) => reporter.output(lines),
      });
    } finally {
      clearInterval(watcher);
      await reporter.flush();
    }
    if (result === null) {
      await this.states.change((jobs) => jobs.awaitResult(job.id, deadline, `delivered to ${job.trainer.url}`));
      return null;
    }
    const stored = (await this.states.storeResult(job.id, result, SYSTEM_ACTORS.retrainingPipeline)) ?? (await this.states.find(job.id));
    if (!stored?.result) throw new Error(`the job is ${stored?.state ?? 'gone'}; the result was not stored`);
    return stored;
  }

  private trainerFor(job: RetrainingJob): Trainer {
    if (job.trainer.kind === 'command') return this.command;
    if (job.trainer.kind === 'webhook') return this.webhook;
    throw new TrainerSetupError('an external job without a result reached the platform queue; external workers train it');
  }

  private async handleFailure(id: string, queued: Job<RetrainingQueueData>, token: string | undefined, error: Error, shutdown: AbortSignal): Promise<string> {
    const current = await this.states.find(id);
    if (current?.state === 'CANCELLED') return 'cancelled while running';
    if (shutdown.aborted && current?.state === 'RUNNING' && token) {
      // Shutting down: give the job back untouched, without spending an attempt; another worker takes it.
      const released = await this.states.change((jobs) => jobs.release(id, this.workerId));
      if (released) {
        await queued.moveToWait(token);
        throw new WaitingError();
      }
    }
    const message = error.message.slice(0, 2000);
    const maxAttempts = queued.opts.attempts ?? 1;
    const last = error instanceof TrainerSetupError || queued.attemptsMade + 1 >= maxAttempts;
    if (last) {
      const draft = jobAudit(current ?? { id, modelName: '', state: 'RUNNING', round: 0 }, SYSTEM_ACTORS.retrainingPipeline, 'failed', { state: 'FAILED' }, message);
      const failed = await this.states.change((jobs) => jobs.fail(id, message, draft));
      if (failed) await this.states.publishAudit(draft, id);
      this.logger.warn(`Retraining job ${id} failed: ${message}`);
      throw error instanceof TrainerSetupError ? new UnrecoverableError(message) : error;
    }
    const next = this.config.backoffMs * 2 ** queued.attemptsMade;
    await this.states.change((jobs) => jobs.attemptFailed(id, message, `attempt ${queued.attemptsMade + 1} of ${maxAttempts} failed: ${message}; next attempt in ${next} ms`));
    throw error;
  }
}
