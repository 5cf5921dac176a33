import { Injectable } from '@nestjs/common';

import { AuditService } from '../../audit/index.js';
import type { ActorRef } from '../../common/auth/principal.js';
import { ConflictError, DuplicateError, IllegalTransitionError, NotFoundError } from '../../common/errors/domain.errors.js';
import type { Page, PageRequest } from '../../common/pagination/page.js';
import { RetrainingOutbox } from '../outbox/retraining-outbox.js';
import { jobAudit } from './job-audit.js';
import type { RetrainingJob, RetrainingJobFilter } from './retraining-job.js';
import { RetrainingJobStates } from './retraining-job-states.js';
import { RetrainingJobsRepository } from './retraining-jobs.repository.js';

/** Reading, cancelling and retrying jobs. */
@Injectable()
export class RetrainingJobsService {
  constructor(
    private readonly jobs: RetrainingJobsRepository,
    private readonly states: RetrainingJobStates,
    private readonly outbox: RetrainingOutbox,
    private readonly audit: AuditService,
  ) {}

  async get(id: string): Promise<RetrainingJob> {
    const job = await this.jobs.findById(id);
    if (!job) throw new NotFoundError('Retraining job', id);
    return job;
  }

  list(filter: RetrainingJobFilter, page: PageRequest): Promise<Page<RetrainingJob>> {
    return this.jobs.list(filter, page);
  }

  /**
   * Cancels an open job that has no result yet. A job waiting on the queue is removed from it; a running
   * command trainer is stopped by its worker, which watches the record.
   */
  async cancel(id: string, actor: ActorRef, reason: string): Promise<RetrainingJob> {
    const job = await this.get(id);
    const draft = jobAudit(job, actor, 'cancelled', { state: 'CANCELLED' }, reason);
    const cancelled = await this.states.change((jobs) => jobs.cancel(id, actor, reason, draft));
    if (!cancelled) {
      const current = await this.get(id);
      const hint = current.result ? 'its result is stored and it is finishing' : 'it has already ended';
      throw new IllegalTransitionError(`Retraining job ${id}`, current.state, 'CANCELLED', { hint });
    }
    await this.audit.publish(draft, this.jobs, id);
    await this.outbox.withdraw(cancelled);
    return cancelled;
  }

  /**
   * Starts a new round of a FAILED or CANCELLED job. Steps already done (a stored result, a run, a version)
   * are kept, so the round continues where the last one stopped. 409 while another job of the model is open.
   */
  async retry(id: string, actor: ActorRef): Promise<RetrainingJob> {
    const current = await this.get(id);
    if (current.state !== 'FAILED' && current.state !== 'CANCELLED') {
      throw new IllegalTransitionError(`Retraining job ${id}`, current.state, 'PENDING_ENQUEUE', { hint: 'only a FAILED or CANCELLED job can be retried' });
    }
    let reopened: RetrainingJob | null;
    const draft = jobAudit(current, actor, 'retried', { state: 'PENDING_ENQUEUE', round: current.round + 1 });
    try {
      reopened = await this.states.change((jobs) => jobs.reopen(current, actor, draft));
    } catch (error) {
      if (!(error instanceof DuplicateError)) throw error;
      const open = await this.jobs.findOpen(current.modelName);
      throw new ConflictError(`Model '${current.modelName}' already has an open retraining job${open ? ` (${open.id})` : ''}; wait for it or cancel it first`, {
        openJobId: open?.id ?? null,
      });
    }
    if (!reopened) throw new ConflictError(`Retraining job ${id} changed while it was being retried; read it again`);
    await this.audit.publish(draft, this.jobs, id);
    return this.outbox.enqueue(reopened);
  }
}
