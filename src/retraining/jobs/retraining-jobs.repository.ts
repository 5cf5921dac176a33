import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Types, type Model, type QueryFilter, type UpdateQuery } from 'mongoose';

import {
  RETRAINING_OPEN_STATES,
  type RetrainingJobState,
  type RetrainingResult,
} from '../../../libs/contracts/src/index.js';
import { AuditedRepository, type PendingAudit } from '../../audit/index.js';
import type { ActorRef } from '../../common/auth/principal.js';
import { isDuplicateKeyError } from '../../common/database/mongo.repository.js';
import { DuplicateError } from '../../common/errors/domain.errors.js';
import type { Page, PageRequest } from '../../common/pagination/page.js';
import { queueJobIdFor, type NewRetrainingJob, type RetrainingJob, type RetrainingJobFilter, type TrainerToken } from './retraining-job.js';
import { RetrainingJobDocument, toTrainerSpec } from './retraining-job.schema.js';
import { storedActor } from '../../common/auth/stored-actor.js';

type RetrainingJobLean = RetrainingJobDocument & { _id: Types.ObjectId };

const MAX_EVENTS = 100;
/** Tokens of earlier attempts are kept (until they expire) so a slow trainer of a replaced attempt is still heard. */
const MAX_TOKENS = 5;
const OPEN = [...RETRAINING_OPEN_STATES];

/**
 * Every state change is a compare-and-set on the state (a null answer means the job is missing or not in
 * a state that allows the change), and every step of the pipeline stores its outcome once, so replaying a
 * job after a crash finds the steps already done.
 */
@Injectable()
export class RetrainingJobsRepository extends AuditedRepository<RetrainingJobDocument> {
  constructor(@InjectModel(RetrainingJobDocument.name) model: Model<RetrainingJobDocument>) {
    super(model);
  }

  /** Null when another job of the model is still open (the sparse unique index on activeModel). */
  async createOpen(job: NewRetrainingJob, message: string): Promise<RetrainingJob | null> {
    const _id = new Types.ObjectId();
    try {
      const created = await this.model.create({
        ...job,
        _id,
        activeModel: job.modelName,
        state: 'PENDING_ENQUEUE',
        round: 1,
        queueJobId: queueJobIdFor(_id.toHexString(), 1),
        events: [event('PENDING_ENQUEUE', message)],
      });
      return toJob(created.toObject() as RetrainingJobLean);
    } catch (error) {
      if (isDuplicateKeyError(error)) return null;
      throw error;
    }
  }

  /** Adds a drift event to the open job of the model; null when the model has none. */
  attachDriftEvent(modelName: string, driftEventId: string): Promise<RetrainingJob | null> {
    return this.update({ activeModel: modelName }, { $addToSet: { driftEventIds: driftEventId } });
  }

  /** The job that holds the drift event, if any. */
  async findByDriftEvent(driftEventId: string): Promise<RetrainingJob | null> {
    const doc = await this.model.findOne({ driftEventIds: driftEventId }).sort({ createdAt: -1, _id: -1 }).lean<RetrainingJobLean>().exec();
    return doc ? toJob(doc) : null;
  }

  async findOpen(modelName: string): Promise<RetrainingJob | null> {
    const doc = await this.model.findOne({ activeModel: modelName }).lean<RetrainingJobLean>().exec();
    return doc ? toJob(doc) : null;
  }

  async findById(id: string): Promise<RetrainingJob | null> {
    const doc = await this.model.findById(id).lean<RetrainingJobLean>().exec();
    return doc ? toJob(doc) : null;
  }

  async list(filter: RetrainingJobFilter, page: PageRequest): Promise<Page<RetrainingJob>> {
    const query: QueryFilter<RetrainingJobDocument> = {};
    if (filter.modelName) query.modelName = filter.modelName;
    if (filter.state) query.state = filter.state;
    const { docs, nextCursor } = await this.findPage(query, { ...page, sortField: 'createdAt', direction: -1 });
    return { items: (docs as RetrainingJobLean[]).map(toJob), nextCursor };
  }

  /** The latest job of the model that was not cancelled: the start of the cooldown. */
  async latestUncancelled(modelName: string): Promise<RetrainingJob | null> {
    const doc = await this.model
      .findOne({ modelName, state: { $ne: 'CANCELLED' } })
      .sort({ createdAt: -1, _id: -1 })
      .lean<RetrainingJobLean>()
      .exec();
    return doc ? toJob(doc) : null;
  }

  async pendingEnqueue(limit: number): Promise<RetrainingJob[]> {
    const docs = await this.model.find({ state: 'PENDING_ENQUEUE' }).sort({ createdAt: 1, _id: 1 }).limit(limit).lean<RetrainingJobLean[]>().exec();
    return docs.map(toJob);
  }

  async awaitingPastDeadline(now: Date, limit: number): Promise<RetrainingJob[]> {
    const docs = await this.model
      .find({ state: { $in: ['QUEUED', 'RUNNING', 'AWAITING_RESULT'] }, resultDeadline: { $ne: null, $lt: now } })
      .limit(limit)
      .lean<RetrainingJobLean[]>()
      .exec();
    return docs.map(toJob);
  }

  /** Queued or running jobs that nothing has touched since `before`: candidates for a check against the queue. */
  async untouchedSince(before: Date, limit: number): Promise<RetrainingJob[]> {
    const docs = await this.model
      .find({ state: { $in: ['QUEUED', 'RUNNING'] }, updatedAt: { $lt: before } })
      .sort({ updatedAt: 1, _id: 1 })
      .limit(limit)
      .lean<RetrainingJobLean[]>()
      .exec();
    return docs.map(toJob);
  }

  /** Back to the outbox, only if the job has not changed since it was read. */
  requeue(job: RetrainingJob, message: string): Promise<RetrainingJob | null> {
    return this.update(
      { _id: job.id, state: job.state, updatedAt: job.updatedAt },
      { $set: { state: 'PENDING_ENQUEUE', workerId: null, resultDeadline: null }, ...pushEvent('PENDING_ENQUEUE', message) },
    );
  }

  markQueued(id: string, queueJobId: string): Promise<RetrainingJob | null> {
    return this.update(
      { _id: id, state: 'PENDING_ENQUEUE', queueJobId },
      { $set: { state: 'QUEUED', enqueuedAt: new Date() }, ...pushEvent('QUEUED', 'on the queue') },
    );
  }

  /** A platform worker starts an execution (RUNNING: it takes over the job of a worker that died). */
  start(id: string, workerId: string, resultDeadline: Date | null): Promise<RetrainingJob | null> {
    return this.update(
      { _id: id, state: { $in: ['PENDING_ENQUEUE', 'QUEUED', 'RUNNING'] } },
      {
        $set: { state: 'RUNNING', workerId, startedAt: new Date(), resultDeadline, claimedBy: null, notBefore: null },
        $inc: { attempts: 1 },
        ...pushEvent('RUNNING', `execution started by ${workerId}`),
      },
    );
  }

  /**
   * A trainer claims this external job by id: a waiting one, or again the one it already holds (its answer
   * was lost), never one another trainer is running.
   */
  claim(id: string, workerId: string, resultDeadline: Date, claimedBy: ActorRef): Promise<RetrainingJob | null> {
    return this.update(
      { _id: id, result: null, $or: [{ state: { $in: ['PENDING_ENQUEUE', 'QUEUED'] } }, { state: 'RUNNING', 'claimedBy.id': claimedBy.id }] },
      {
        $set: { state: 'RUNNING', workerId, startedAt: new Date(), resultDeadline, claimedBy, notBefore: null },
        $inc: { attempts: 1 },
        ...pushEvent('RUNNING', `claimed by ${workerId} (${claimedBy.name})`),
      },
    );
  }

  /** External jobs of these queues waiting for a trainer, oldest first, whose backoff is over. */
  async claimable(queues: readonly string[], now: Date, limit: number): Promise<RetrainingJob[]> {
    const docs = await this.model
      .find({ state: 'QUEUED', 'trainer.kind': 'external', 'trainer.queue': { $in: [...queues] }, result: null, $or: [{ notBefore: null }, { notBefore: { $lte: now } }] })
      .sort({ createdAt: 1, _id: 1 })
      .limit(limit)
      .lean<RetrainingJobLean[]>()
      .exec();
    return docs.map(toJob);
  }

  /** Claims a waiting external job if nobody else did in the meantime (compare-and-set on its state and round). */
  claimWaiting(job: RetrainingJob, workerId: string, resultDeadline: Date, claimedBy: ActorRef): Promise<RetrainingJob | null> {
    return this.update(
      { _id: job.id, state: 'QUEUED', round: job.round, result: null },
      {
        $set: { state: 'RUNNING', workerId, startedAt: new Date(), resultDeadline, claimedBy, notBefore: null },
        $inc: { attempts: 1 },
        ...pushEvent('RUNNING', `claimed by ${workerId} (${claimedBy.name})`),
      },
    );
  }

  /** Stores the hash of a new trainer token of the job; older ones stay valid until they expire. */
  addTrainerToken(id: string, token: TrainerToken): Promise<RetrainingJob | null> {
    return this.update({ _id: id }, { $push: { trainerTokens: { $each: [token], $slice: -MAX_TOKENS } } }, { timestamps: false });
  }

  /** An external attempt that failed but may be tried again: back to QUEUED after its backoff. */
  requeueAfterFailure(id: string, claimedBy: string | null, error: string, notBefore: Date, message: string): Promise<RetrainingJob | null> {
    return this.update(
      { _id: id, state: 'RUNNING', result: null, ...(claimedBy && { 'claimedBy.id': claimedBy }) },
      { $set: { state: 'QUEUED', lastError: error, workerId: null, claimedBy: null, resultDeadline: null, notBefore }, $inc: { failedAttempts: 1 }, ...pushEvent('QUEUED', message) },
    );
  }

  /** An external trainer shutting down hands its job back untouched. */
  releaseClaim(id: string, claimedBy: string, message: string): Promise<RetrainingJob | null> {
    return this.update(
      { _id: id, state: 'RUNNING', 'claimedBy.id': claimedBy, result: null },
      { $set: { state: 'QUEUED', workerId: null, claimedBy: null, resultDeadline: null }, ...pushEvent('QUEUED', message) },
    );
  }

  reportProgress(id: string, progress: number, message: string | null, states: readonly RetrainingJobState[]): Promise<RetrainingJob | null> {
    return this.update({ _id: id, state: { $in: [...states] } }, { $set: { progress, progressMessage: message } });
  }

  setOutputTail(id: string, lines: string[]): Promise<RetrainingJob | null> {
    return this.update({ _id: id }, { $set: { outputTail: lines } });
  }

  awaitResult(id: string, resultDeadline: Date, message: string): Promise<RetrainingJob | null> {
    return this.update({ _id: id, state: 'RUNNING', result: null }, { $set: { state: 'AWAITING_RESULT', resultDeadline }, ...pushEvent('AWAITING_RESULT', message) });
  }

  /** Stores the result of a trainer the worker ran itself, once; null when one is already stored. */
  storeResult(id: string, result: RetrainingResult, reportedBy: ActorRef): Promise<RetrainingJob | null> {
    return this.update({ _id: id, state: 'RUNNING', result: null }, { $set: { result, resultReportedBy: reportedBy, progress: 1 }, ...pushEvent('RUNNING', 'trainer result stored') });
  }

  /**
   * Stores a result reported through the completion endpoint and hands the closing steps to the platform's
   * worker through the outbox: the job goes back to PENDING_ENQUEUE on the platform queue.
   */
  acceptReportedResult(job: RetrainingJob, result: RetrainingResult, from: readonly RetrainingJobState[], queueName: string, reportedBy: ActorRef, draft: PendingAudit): Promise<RetrainingJob | null> {
    return this.update(
      { _id: job.id, round: job.round, state: { $in: [...from] }, result: null },
      {
        $set: { state: 'PENDING_ENQUEUE', result, resultReportedBy: reportedBy, progress: 1, resultDeadline: null, queueName, queueJobId: `${queueJobIdFor(job.id, job.round)}-close` },
        ...pushEvent('PENDING_ENQUEUE', 'trainer reported its result', draft),
      },
    );
  }

  setRun(id: string, runId: string): Promise<RetrainingJob | null> {
    return this.update({ _id: id, runId: null }, { $set: { runId }, ...pushEvent('RUNNING', `run ${runId} recorded`) });
  }

  setVersion(id: string, modelVersion: number): Promise<RetrainingJob | null> {
    return this.update({ _id: id, modelVersion: null }, { $set: { modelVersion }, ...pushEvent('RUNNING', `version ${modelVersion} registered in STAGING`) });
  }

  setEvaluation(id: string, evaluationRunIds: string[]): Promise<RetrainingJob | null> {
    const message = evaluationRunIds.length > 0 ? `evaluation runs started: ${evaluationRunIds.join(', ')}` : 'no evaluation scenario is attached to the model';
    return this.update({ _id: id, evaluationRunIds: { $exists: false } }, { $set: { evaluationRunIds }, ...pushEvent('RUNNING', message) });
  }

  succeed(id: string, draft: PendingAudit): Promise<RetrainingJob | null> {
    return this.update(
      { _id: id, state: { $in: OPEN } },
      { $set: { state: 'SUCCEEDED', finishedAt: new Date(), resultDeadline: null }, $unset: { activeModel: 1 }, ...pushEvent('SUCCEEDED', 'new version in STAGING', draft) },
    );
  }

  /** Fails an open job; with `waitingIn`, only while it is in one of those states and has no result yet. */
  fail(id: string, reason: string, draft: PendingAudit, waitingIn?: readonly RetrainingJobState[]): Promise<RetrainingJob | null> {
    return this.update(
      waitingIn ? { _id: id, state: { $in: [...waitingIn] }, result: null } : { _id: id, state: { $in: OPEN } },
      {
        $set: { state: 'FAILED', failureReason: reason, lastError: reason, finishedAt: new Date(), resultDeadline: null },
        $unset: { activeModel: 1 },
        ...pushEvent('FAILED', reason, draft),
      },
    );
  }

  /** A failed attempt that BullMQ will retry after its backoff. */
  attemptFailed(id: string, error: string, message: string): Promise<RetrainingJob | null> {
    return this.update({ _id: id, state: 'RUNNING' }, { $set: { state: 'QUEUED', lastError: error, workerId: null, resultDeadline: null }, ...pushEvent('QUEUED', message) });
  }

  /** A worker shutting down gives the job back to the queue. */
  release(id: string, workerId: string): Promise<RetrainingJob | null> {
    return this.update(
      { _id: id, state: 'RUNNING', workerId, result: null },
      { $set: { state: 'QUEUED', workerId: null }, ...pushEvent('QUEUED', `released by ${workerId} on shutdown`) },
    );
  }

  /** Refused once a result is stored: from there the job only finishes. */
  cancel(id: string, actor: ActorRef, reason: string, draft: PendingAudit): Promise<RetrainingJob | null> {
    return this.update(
      { _id: id, state: { $in: OPEN }, result: null },
      {
        $set: { state: 'CANCELLED', failureReason: `cancelled by ${actor.name}: ${reason}`, finishedAt: new Date(), resultDeadline: null },
        $unset: { activeModel: 1 },
        ...pushEvent('CANCELLED', `cancelled by ${actor.name}: ${reason}`, draft),
      },
    );
  }

  /**
   * Opens a new round of an ended job, keeping the steps already done (a stored result, run or version).
   * Null when the job moved meanwhile; a DuplicateError when another job of the model is open.
   */
  async reopen(job: RetrainingJob, actor: ActorRef, draft: PendingAudit): Promise<RetrainingJob | null> {
    const round = job.round + 1;
    return this.update(
      { _id: job.id, state: job.state, round: job.round },
      {
        $set: {
          state: 'PENDING_ENQUEUE',
          activeModel: job.modelName,
          round,
          queueJobId: queueJobIdFor(job.id, round),
          failureReason: null,
          finishedAt: null,
          enqueuedAt: null,
          workerId: null,
          progress: job.result ? 1 : 0,
          claimedBy: null,
          notBefore: null,
          failedAttempts: 0,
        },
        ...pushEvent('PENDING_ENQUEUE', `retry (round ${round}) requested by ${actor.name}`, draft),
      },
    ).catch((error: unknown) => {
      throw isDuplicateKeyError(error) ? new DuplicateError(`Model '${job.modelName}' already has an open retraining job`) : error;
    });
  }

  private async update(filter: QueryFilter<RetrainingJobDocument>, update: UpdateQuery<RetrainingJobDocument>, options: { timestamps?: boolean } = {}): Promise<RetrainingJob | null> {
    const doc = await this.model.findOneAndUpdate(filter, update, { returnDocument: 'after', ...options }).lean<RetrainingJobLean>().exec();
    return doc ? toJob(doc) : null;
  }
}

function event(state: RetrainingJobState, message: string) {
  return { at: new Date(), state, message: message.slice(0, 2000) };
}

/** The job's own event, and the audit draft when the change is a governed one (both in the same update). */
function pushEvent(state: RetrainingJobState, message: string, draft?: PendingAudit): UpdateQuery<RetrainingJobDocument> {
  return { $push: { events: { $each: [event(state, message)], $slice: -MAX_EVENTS }, ...(draft && { pendingAudit: draft }) } };
}

function toJob(doc: RetrainingJobLean): RetrainingJob {
  return {
    id: doc._id.toHexString(),
    modelName: doc.modelName,
    state: doc.state,
    trigger: { kind: doc.trigger.kind, reason: doc.trigger.reason ?? '', requestedBy: storedActor(doc.trigger.requestedBy) },
    driftEventIds: doc.driftEventIds ?? [],
    trainer: toTrainerSpec(doc.trainer),
    experimentName: doc.experimentName,
    round: doc.round,
    queueName: doc.queueName,
    queueJobId: doc.queueJobId,
    attempts: doc.attempts ?? 0,
    maxAttempts: doc.maxAttempts,
    progress: doc.progress ?? 0,
    progressMessage: doc.progressMessage ?? null,
    outputTail: doc.outputTail ?? [],
    result: doc.result ?? null,
    resultReportedBy: doc.resultReportedBy ?? null,
    claimedBy: doc.claimedBy ?? null,
    trainerTokens: doc.trainerTokens ?? [],
    notBefore: doc.notBefore ?? null,
    failedAttempts: doc.failedAttempts ?? 0,
    runId: doc.runId ?? null,
    modelVersion: doc.modelVersion ?? null,
    evaluationRunIds: doc.evaluationRunIds ?? null,
    lastError: doc.lastError ?? null,
    failureReason: doc.failureReason ?? null,
    workerId: doc.workerId ?? null,
    enqueuedAt: doc.enqueuedAt ?? null,
    startedAt: doc.startedAt ?? null,
    finishedAt: doc.finishedAt ?? null,
    resultDeadline: doc.resultDeadline ?? null,
    events: doc.events ?? [],
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}
