import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, QueryFilter, Types, UpdateQuery } from 'mongoose';

import { isDuplicateKeyError, MongoRepository } from '../../common/database/mongo.repository.js';
import type { Page, PageRequest } from '../../common/pagination/page.js';
import type { RawSeries } from '../metrics/clean-series.js';
import type { SeriesSummary } from '../scenarios/scenario.js';
import { storedActor } from '../../common/auth/stored-actor.js';
import type { EvaluatedRun, EvaluationRun, NewEvaluationRun, RunCompletion, RunCompliance, RunFilter } from './evaluation-run.js';
import { EvaluationRunDocument, RUN_OUTCOME } from './evaluation-run.schema.js';

type RunLean = EvaluationRunDocument & { _id: Types.ObjectId };
const AFTER = { returnDocument: 'after' as const };

@Injectable()
export class EvaluationRunsRepository extends MongoRepository<EvaluationRunDocument> {
  constructor(@InjectModel(EvaluationRunDocument.name) model: Model<EvaluationRunDocument>) {
    super(model);
  }

  /** The new run, or null when its dedupe key already names a run (then `findByDedupeKey` finds it). */
  async create(run: NewEvaluationRun): Promise<EvaluationRun | null> {
    const { candidateReturns, dedupeKey, ...rest } = run;
    const returns = candidateReturns ? summaryOf(candidateReturns) : null;
    try {
      const created = await this.model.create({
        ...rest,
        ...(dedupeKey ? { dedupeKey } : {}),
        candidate: { ...run.candidate, returns },
        candidatePoints: candidateReturns,
        status: 'QUEUED',
      });
      return toRun(created.toObject() as RunLean);
    } catch (error) {
      if (dedupeKey && isDuplicateKeyError(error)) return null;
      throw error;
    }
  }

  async findByDedupeKey(dedupeKey: string): Promise<EvaluationRun | null> {
    const doc = await this.model.findOne({ dedupeKey }).lean<RunLean>().exec();
    return doc ? toRun(doc) : null;
  }

  async findById(id: string): Promise<EvaluationRun | null> {
    const doc = await this.model.findById(id).lean<RunLean>().exec();
    return doc ? toRun(doc) : null;
  }

  async findEvaluated(id: string): Promise<EvaluatedRun | null> {
    const doc = await this.model.findById(id).select(RUN_OUTCOME).lean<RunLean>().exec();
    return doc ? { ...toRun(doc), outcome: doc.outcome ?? null } : null;
  }

  async findCandidatePoints(id: string): Promise<RawSeries | null> {
    const doc = await this.model.findById(id, { candidatePoints: 1 }).lean<RunLean>().exec();
    return doc?.candidatePoints ?? null;
  }

  async list(filter: RunFilter, page: PageRequest): Promise<Page<EvaluationRun>> {
    const query: QueryFilter<EvaluationRunDocument> = {};
    if (filter.scenarioId) query.scenarioId = filter.scenarioId;
    if (filter.modelName) query['candidate.modelName'] = filter.modelName;
    if (filter.version !== undefined) query['candidate.version'] = filter.version;
    if (filter.status) query.status = filter.status;
    if (filter.complianceStatus) query.complianceStatus = filter.complianceStatus;
    const { docs, nextCursor } = await this.findPage(query, { ...page, sortField: 'createdAt', direction: -1 });
    return { items: (docs as RunLean[]).map(toRun), nextCursor };
  }

  /** QUEUED → RUNNING by compare-and-set: null when the run is not (or no longer) queued. */
  async claim(id: string): Promise<EvaluationRun | null> {
    return this.transition(id, { status: 'QUEUED' }, { $set: { status: 'RUNNING', startedAt: new Date() }, $inc: { attempts: 1 } });
  }

  /** A retried job on a run left RUNNING by a crashed attempt: counted, then recomputed from scratch. */
  async resume(id: string): Promise<EvaluationRun | null> {
    return this.transition(id, { status: 'RUNNING' }, { $set: { startedAt: new Date() }, $inc: { attempts: 1 } });
  }

  /**
   * RUNNING → COMPLETED, only over the explainability artifacts the verdict saw: null when the run left
   * RUNNING or an artifact arrived meanwhile. Every field is set, never appended, so a recomputation
   * overwrites and never duplicates.
   */
  async complete(id: string, explainabilityVersion: number, completion: RunCompletion): Promise<EvaluationRun | null> {
    return this.transition(
      id,
      { status: 'RUNNING', explainabilityVersion },
      {
        $set: {
          status: 'COMPLETED',
          outcome: completion.outcome,
          compliance: completion.compliance,
          complianceStatus: completion.compliance.status,
          computeMs: completion.computeMs,
          completedAt: new Date(),
          failure: null,
        },
      },
    );
  }

  /** A new verdict for a COMPLETED run after its artifacts changed; null when another change got there first. */
  async updateCompliance(id: string, explainabilityVersion: number, compliance: RunCompliance): Promise<EvaluationRun | null> {
    return this.transition(id, { status: 'COMPLETED', explainabilityVersion }, { $set: { compliance, complianceStatus: compliance.status } });
  }

  /** QUEUED or RUNNING → FAILED, with a reason a person can read. */
  async fail(id: string, reason: string): Promise<EvaluationRun | null> {
    return this.transition(id, { status: { $in: ['QUEUED', 'RUNNING'] } }, { $set: { status: 'FAILED', failure: reason, completedAt: new Date() } });
  }

  /** Counts a newly attached artifact; null when the run does not exist. */
  async bumpExplainability(id: string): Promise<EvaluationRun | null> {
    return this.transition(id, {}, { $inc: { explainabilityVersion: 1 } });
  }

  async markVerdictRecorded(id: string, at: Date): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { verdictRecordedAt: at } }).exec();
  }

  /** Runs left waiting: QUEUED since before `queuedBefore`, or RUNNING since before `runningBefore`. */
  async findStale(queuedBefore: Date, runningBefore: Date, limit: number): Promise<string[]> {
    const docs = await this.model
      .find({ $or: [{ status: 'QUEUED', createdAt: { $lt: queuedBefore } }, { status: 'RUNNING', startedAt: { $lt: runningBefore } }] }, { _id: 1 })
      .sort({ createdAt: 1 })
      .limit(limit)
      .lean<{ _id: Types.ObjectId }[]>()
      .exec();
    return docs.map((d) => d._id.toHexString());
  }

  private async transition(id: string, expected: QueryFilter<EvaluationRunDocument>, update: UpdateQuery<EvaluationRunDocument>): Promise<EvaluationRun | null> {
    const doc = await this.model.findOneAndUpdate({ _id: id, ...expected }, update, AFTER).lean<RunLean>().exec();
    return doc ? toRun(doc) : null;
  }
}

function toRun(doc: RunLean): EvaluationRun {
  return {
    id: doc._id.toHexString(),
    scenarioId: doc.scenarioId,
    scenarioName: doc.scenarioName,
    scenarioRevision: doc.scenarioRevision,
    candidate: doc.candidate,
    status: doc.status,
    trigger: doc.trigger,
    attempts: doc.attempts ?? 0,
    failure: doc.failure ?? null,
    complianceStatus: doc.complianceStatus ?? null,
    compliance: doc.compliance ?? null,
    explainabilityVersion: doc.explainabilityVersion ?? 0,
    verdictRecordedAt: doc.verdictRecordedAt ?? null,
    computeMs: doc.computeMs ?? null,
    requestedBy: storedActor(doc.requestedBy),
    createdAt: doc.createdAt,
    startedAt: doc.startedAt ?? null,
    completedAt: doc.completedAt ?? null,
    updatedAt: doc.updatedAt,
  };
}

/** Count and date range of points supplied in any order. */
function summaryOf(series: RawSeries): SeriesSummary {
  let firstDate: string | null = null;
  let lastDate: string | null = null;
  for (const date of series.dates) {
    if (firstDate === null || date < firstDate) firstDate = date;
    if (lastDate === null || date > lastDate) lastDate = date;
  }
  return { count: series.dates.length, firstDate, lastDate };
}
