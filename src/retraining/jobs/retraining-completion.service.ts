import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { isDeepStrictEqual } from 'node:util';

import {
  parseRetrainingResult,
  RESULT_KEY_PATTERN,
  RETRAINING_EXTERNAL_QUEUE,
  RETRAINING_QUEUE,
  type RetrainingJobPayload,
  type RetrainingJobState,
  type RetrainingProgress,
} from '../../../libs/contracts/src/index.js';
import { AuditService } from '../../audit/index.js';
import { actorOf, hasRole, type ActorRef, type Principal } from '../../common/auth/principal.js';
import { ConflictError, ForbiddenError, IllegalTransitionError, InconsistentInputError, InvalidInputError, type FieldError } from '../../common/errors/domain.errors.js';
import { RetrainingOutbox } from '../outbox/retraining-outbox.js';
import type { RetrainingConfig, RetrainingConfigNamespace } from '../retraining.config.js';
import { jobAudit } from './job-audit.js';
import type { RetrainingJob } from './retraining-job.js';
import { RetrainingJobStates } from './retraining-job-states.js';
import { RetrainingJobsRepository } from './retraining-jobs.repository.js';
import { RetrainingJobsService } from './retraining-jobs.service.js';
import { payloadFor } from './retraining-payload.js';
import { TrainerTokens } from './trainer-tokens.js';

/** The states in which a job waits for its trainer to report, by trainer kind. */
const WAITING: Record<'webhook' | 'external', readonly RetrainingJobState[]> = {
  webhook: ['RUNNING', 'AWAITING_RESULT'],
  external: ['QUEUED', 'RUNNING', 'AWAITING_RESULT'],
};
const CLAIM_CANDIDATES = 10;

type Step = 'claim' | 'progress' | 'complete' | 'fail' | 'release';

/**
 * The completion protocol of webhook trainers and external trainers: claim (external), progress, complete,
 * fail and release. Every call is safe to repeat: the same result or failure reported twice answers the job
 * as it stands; anything else on a job that is not waiting for it is a 409.
 *
 * Who may report: the job's own trainer (its job token), the trainer key of the team whose queue the job is
 * on once it has claimed the job, and an admin. Nobody else can complete a job.
 */
@Injectable()
export class RetrainingCompletionService {
  private readonly config: RetrainingConfig;

  constructor(
    private readonly jobs: RetrainingJobsRepository,
    private readonly service: RetrainingJobsService,
    private readonly outbox: RetrainingOutbox,
    private readonly states: RetrainingJobStates,
    private readonly tokens: TrainerTokens,
    private readonly audit: AuditService,
    config: ConfigService<RetrainingConfigNamespace, true>,
  ) {
    this.config = config.getOrThrow('retraining', { infer: true });
  }

  /**
   * An external trainer takes this job: it becomes RUNNING under that trainer and the payload is handed over.
   * A job another trainer is running is not taken from it; the same trainer claiming again gets a new payload.
   */
  async claim(id: string, principal: Principal, worker: string): Promise<RetrainingJobPayload> {
    const job = await this.service.get(id);
    this.assertReporting(job, ['external']);
    await this.assertMayReport(job, principal, 'claim');
    const deadline = new Date(Date.now() + job.trainer.timeoutSeconds * 1000);
    const started = await this.states.change((jobs) => jobs.claim(id, worker, deadline, actorOf(principal)));
    if (!started) throw new IllegalTransitionError(`Retraining job ${id}`, job.state, 'RUNNING', { hint: 'the job has ended, has its result, or another trainer is running it' });
    return this.payload(started, deadline);
  }

  /**
   * An external trainer asks for work: the oldest waiting job of its queues becomes RUNNING under it, or null
   * when none waits. Racing trainers never get the same job (compare-and-set on its state).
   */
  async claimNext(principal: Principal, queues: readonly string[] | undefined, worker: string): Promise<RetrainingJobPayload | null> {
    const allowed = await this.claimableQueues(principal, queues);
    for (const candidate of await this.jobs.claimable(allowed, new Date(), CLAIM_CANDIDATES)) {
      const deadline = new Date(Date.now() + candidate.trainer.timeoutSeconds * 1000);
      const claimed = await this.states.change((jobs) => jobs.claimWaiting(candidate, worker, deadline, actorOf(principal)));
      if (!claimed) continue;
      return this.payload(claimed, deadline);
    }
    return null;
  }

  async progress(id: string, principal: Principal, report: RetrainingProgress): Promise<RetrainingJob> {
    const job = await this.service.get(id);
    const kind = this.assertReporting(job, ['webhook', 'external']);
    await this.assertMayReport(job, principal, 'progress');
    const updated = await this.jobs.reportProgress(id, report.progress, report.message, WAITING[kind].filter((s) => s !== 'QUEUED'));
    if (!updated) throw new IllegalTransitionError(`Retraining job ${id}`, job.state, 'progress', { hint: 'progress is reported while the job runs' });
    return updated;
  }

  /** Stores the result and hands the closing steps (run, version) to the platform worker through the outbox. */
  async complete(id: string, principal: Principal, body: unknown): Promise<RetrainingJob> {
    const parsed = parseRetrainingResult(body);
    if (!parsed.ok) {
      const message = `The result is invalid: ${parsed.errors.map((e) => e.message).join('; ')}`;
      throw parsed.errors.every(isKeyError) ? new InconsistentInputError(message, parsed.errors) : new InvalidInputError(message, parsed.errors);
    }
    const job = await this.service.get(id);
    const kind = this.assertReporting(job, ['webhook', 'external']);
    await this.assertMayReport(job, principal, 'complete');
    const reporter = reporterOf(job, principal);
    const draft = jobAudit(job, reporter, 'result-reported', { state: 'PENDING_ENQUEUE', metrics: parsed.value.metrics, artifactUri: parsed.value.artifactUri });
    const accepted = await this.states.change((jobs) => jobs.acceptReportedResult(job, parsed.value, WAITING[kind], RETRAINING_QUEUE, reporter, draft));
    if (!accepted) {
      const current = await this.service.get(id);
      if (current.result && isDeepStrictEqual(current.result, parsed.value)) return current;
      throw new ConflictError(`Retraining job ${id} is ${current.state}${current.result ? ' and already has another result' : ''}; it is not waiting for a result`, {
        state: current.state,
      });
    }
    await this.audit.publish(draft, this.jobs, id);
    return this.outbox.enqueue(accepted);
  }

  /**
   * The trainer could not train. `retryable` external attempts go back to the queue after their backoff while
   * attempts remain; otherwise the job becomes FAILED (it can be retried by hand).
   */
  async fail(id: string, principal: Principal, reason: string, retryable = false): Promise<RetrainingJob> {
    const job = await this.service.get(id);
    const kind = this.assertReporting(job, ['webhook', 'external']);
    await this.assertMayReport(job, principal, 'fail');
    if (!WAITING[kind].includes(job.state) || job.result) {
      if (job.state === 'FAILED' && job.failureReason === reason) return job;
      throw new ConflictError(`Retraining job ${id} is ${job.state}; it is not waiting for a result`, { state: job.state });
    }
    // A retried report of a retryable failure (its answer was lost) finds the job already back in its queue.
    if (retryable && kind === 'external' && job.state === 'QUEUED' && job.lastError === reason) return job;
    if (retryable && kind === 'external' && job.state === 'RUNNING' && job.failedAttempts + 1 < job.maxAttempts) {
      const notBefore = new Date(Date.now() + this.config.backoffMs * 2 ** job.failedAttempts);
      const message = `attempt ${job.failedAttempts + 1} of ${job.maxAttempts} failed: ${reason}; next attempt after ${notBefore.toISOString()}`;
      const requeued = await this.states.change((jobs) => jobs.requeueAfterFailure(id, job.claimedBy?.id ?? null, reason, notBefore, message));
      if (requeued) return requeued;
    }
    const draft = jobAudit(job, reporterOf(job, principal), 'failed', { state: 'FAILED' }, reason);
    const failed = await this.states.change((jobs) => jobs.fail(id, reason, draft, WAITING[kind]));
    if (!failed) throw new ConflictError(`Retraining job ${id} changed while it was being failed; read it again`);
    await this.audit.publish(draft, this.jobs, id);
    return failed;
  }

  /** An external trainer shutting down gives its job back without spending an attempt's result. */
  async release(id: string, principal: Principal): Promise<RetrainingJob> {
    const job = await this.service.get(id);
    this.assertReporting(job, ['external']);
    await this.assertMayReport(job, principal, 'release');
    const released = await this.states.change((jobs) => jobs.releaseClaim(id, job.claimedBy?.id ?? '', `released by ${job.workerId ?? principal.name}`));
    if (!released) throw new ConflictError(`Retraining job ${id} is ${job.state}; only a running job claimed by you can be released`, { state: job.state });
    return released;
  }

  private payload(job: RetrainingJob, deadline: Date): Promise<RetrainingJobPayload> {
    return this.tokens.issue(job.id, deadline).then((credentials) =>
      payloadFor(job, { artifactRoot: this.config.artifactDir, callbackBaseUrl: this.config.callbackBaseUrl }, credentials),
    );
  }

  /** The queues the caller asked for (default: all of its key's) that it may claim from; none is a recorded refusal. */
  private async claimableQueues(principal: Principal, asked: readonly string[] | undefined): Promise<string[]> {
    const own: readonly string[] = hasRole(principal, 'admin') && !principal.trainerQueues ? (asked ?? [RETRAINING_EXTERNAL_QUEUE]) : (principal.trainerQueues ?? []);
    const queues = asked ? asked.filter((queue) => own.includes(queue)) : [...own];
    if (queues.length > 0) return queues;
    const reason = `${principal.name} may claim from no queue${asked ? ` of ${asked.join(', ')}` : ''}: a trainer key names its queues (trainerQueues)`;
    await this.audit.recordQuietly({
      actor: actorOf(principal),
      action: 'retraining.job.claim-next',
      outcome: 'REFUSED',
      resource: { type: 'retraining-queue', id: asked?.join(',') ?? '*' },
      before: null,
      after: null,
      comment: reason,
    });
    throw new ForbiddenError(reason);
  }

  /**
   * The job's own token may act on its job; a team's trainer key may claim a job of its queues and then act on
   * the job it claimed; an admin may do anything. Every refusal is recorded.
   */
  private async assertMayReport(job: RetrainingJob, principal: Principal, step: Step): Promise<void> {
    if (principal.jobId !== undefined) {
      if (principal.jobId === job.id) return;
      return this.refuse(job, principal, step, `this token belongs to retraining job ${principal.jobId}, not ${job.id}`);
    }
    if (hasRole(principal, 'admin')) return;
    const queueAllowed = job.trainer.queue !== null && (principal.trainerQueues ?? []).includes(job.trainer.queue);
    if (hasRole(principal, 'trainer') && queueAllowed && (step === 'claim' || job.claimedBy?.id === principal.id)) return;
    return this.refuse(job, principal, step, queueAllowed ? `job ${job.id} was claimed by ${job.claimedBy?.name ?? 'nobody'}, not ${principal.name}` : `${principal.name} may not report for job ${job.id}`);
  }

  private async refuse(job: RetrainingJob, principal: Principal, step: Step, reason: string): Promise<never> {
    await this.audit.recordQuietly({
      actor: actorOf(principal),
      action: `retraining.job.${step}`,
      outcome: 'REFUSED',
      resource: { type: 'retraining-job', id: job.id },
      context: { model: job.modelName, round: job.round },
      before: null,
      after: null,
      comment: reason,
    });
    throw new ForbiddenError(`Refused: ${reason}`);
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

/**
 * Who reports: a job token acts for the trainer that claimed the job and received the token with the payload
 * (an external trainer's service), so the result is that trainer's; a webhook trainer's token stands for
 * itself.
 */
function reporterOf(job: RetrainingJob, principal: Principal): ActorRef {
  return principal.jobId === job.id && job.claimedBy ? job.claimedBy : actorOf(principal);
}

/** An error about a key of metrics, params or tags, which the contract reports as `<map>.<key>`: a rule the schema cannot state. */
function isKeyError(error: FieldError): boolean {
  const [map, ...rest] = error.field.split('.');
  return ['metrics', 'params', 'tags'].includes(map) && rest.length > 0 && !RESULT_KEY_PATTERN.test(rest.join('.'));
}
