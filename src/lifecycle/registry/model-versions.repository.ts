import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, QueryFilter, Types } from 'mongoose';

import type { ModelStage } from '../../../libs/contracts/src/index.js';
import { AuditedRepository, type PendingAudit, withAudit } from '../../audit/index.js';
import { isDuplicateKeyError } from '../../common/database/mongo.repository.js';
import { DuplicateError } from '../../common/errors/domain.errors.js';
import type { Page, PageRequest } from '../../common/pagination/page.js';
import type { ModelStageTransition } from './model-stage-transition.js';
import { isSystemChecked, type ChecklistChange, type ModelVersion, type NewModelVersion, type StageExpectation, type VersionEvaluation } from './model-version.js';
import { ModelVersionDocument } from './model-version.schema.js';
import { storedActor } from '../../common/auth/stored-actor.js';

type ModelVersionLean = ModelVersionDocument & { _id: Types.ObjectId };

@Injectable()
export class ModelVersionsRepository extends AuditedRepository<ModelVersionDocument> {
  constructor(@InjectModel(ModelVersionDocument.name) model: Model<ModelVersionDocument>) {
    super(model);
  }

  async create(version: NewModelVersion): Promise<ModelVersion> {
    try {
      const created = await this.model.create(version);
      return toModelVersion(created.toObject() as ModelVersionLean);
    } catch (error) {
      throw isDuplicateKeyError(error)
        ? new DuplicateError(`Model '${version.modelName}' already has a version ${version.version}`, { field: 'version' })
        : error;
    }
  }

  async findByIdempotencyKey(idempotencyKey: string): Promise<ModelVersion | null> {
    const doc = await this.model.findOne({ idempotencyKey }).lean<ModelVersionLean>().exec();
    return doc ? toModelVersion(doc) : null;
  }

  async find(modelName: string, version: number): Promise<ModelVersion | null> {
    const doc = await this.model.findOne({ modelName, version }).lean<ModelVersionLean>().exec();
    return doc ? toModelVersion(doc) : null;
  }

  async findMany(modelName: string, versions: readonly number[]): Promise<ModelVersion[]> {
    const docs = await this.model.find({ modelName, version: { $in: [...versions] } }).lean<ModelVersionLean[]>().exec();
    return docs.map(toModelVersion);
  }

  async list(modelName: string, stage: ModelStage | undefined, page: PageRequest): Promise<Page<ModelVersion>> {
    const query: QueryFilter<ModelVersionDocument> = stage ? { modelName, stage } : { modelName };
    const { docs, nextCursor } = await this.findPage(query, { ...page, sortField: 'version', direction: -1 });
    return { items: (docs as ModelVersionLean[]).map(toModelVersion), nextCursor };
  }

  /**
   * Compare-and-set of the stage: applies the transition only if the version is still exactly as expected,
   * and keeps the transition on the version so a log entry lost in a crash can be written again. Null on a mismatch.
   */
  async applyTransition(expected: StageExpectation & { modelName: string; version: number }, transition: ModelStageTransition, draft: PendingAudit): Promise<ModelVersion | null> {
    const filter: QueryFilter<ModelVersionDocument> = { modelName: expected.modelName, version: expected.version, stage: expected.stage };
    if (expected.revision !== undefined) filter.revision = expected.revision;
    if (expected.lastTransitionId !== undefined) filter['lastTransition.id'] = expected.lastTransitionId;
    const doc = await this.model
      .findOneAndUpdate(filter, { $set: { stage: transition.to, lastTransition: transition }, $inc: { revision: 1 }, ...withAudit(draft) }, { returnDocument: 'after' })
      .lean<ModelVersionLean>()
      .exec();
    return doc ? toModelVersion(doc) : null;
  }

  /** Null when the version or the item does not exist. */
  async setChecklistItem(modelName: string, version: number, key: string, change: ChecklistChange, draft: PendingAudit): Promise<ModelVersion | null> {
    const doc = await this.model
      .findOneAndUpdate(
        { modelName, version, 'checklist.key': key },
        {
          $set: {
            'checklist.$[item].checked': change.checked,
            'checklist.$[item].checkedBy': change.actor,
            'checklist.$[item].checkedAt': change.at,
            'checklist.$[item].comment': change.comment,
          },
          $inc: { revision: 1 },
          ...withAudit(draft),
        },
        { arrayFilters: [{ 'item.key': key }], returnDocument: 'after' },
      )
      .lean<ModelVersionLean>()
      .exec();
    return doc ? toModelVersion(doc) : null;
  }

  /**
   * Stores the evaluation unless a later one is already stored (the harness may report out of order), and
   * in the same update sets the item `checklistKey` when the checklist has one. False when nothing was stored.
   */
  async recordEvaluation(modelName: string, version: number, evaluation: VersionEvaluation, checklistKey: string, change: ChecklistChange, draft: PendingAudit): Promise<boolean> {
    const result = await this.model
      .updateOne(
        { modelName, version, $or: [{ latestEvaluation: null }, { 'latestEvaluation.evaluatedAt': { $lte: evaluation.evaluatedAt } }] },
        {
          $set: {
            latestEvaluation: evaluation,
            'checklist.$[item].checked': change.checked,
            'checklist.$[item].checkedBy': change.actor,
            'checklist.$[item].checkedAt': change.at,
            'checklist.$[item].comment': change.comment,
          },
          $inc: { revision: 1 },
          ...withAudit(draft),
        },
        { arrayFilters: [{ 'item.key': checklistKey, 'item.systemChecked': { $ne: false } }] },
      )
      .exec();
    return result.modifiedCount === 1;
  }
}

function toModelVersion(doc: ModelVersionLean): ModelVersion {
  return {
    id: doc._id.toHexString(),
    modelName: doc.modelName,
    version: doc.version,
    description: doc.description ?? '',
    tags: doc.tags ?? [],
    source: doc.source,
    runId: doc.runId ?? null,
    experimentId: doc.experimentId ?? null,
    artifactUri: doc.artifactUri,
    metrics: doc.metrics ?? {},
    params: doc.params ?? {},
    stage: doc.stage,
    lastTransition: doc.lastTransition ? { ...doc.lastTransition, actor: storedActor(doc.lastTransition.actor)! } : null,
    checklist: (doc.checklist ?? []).map((item) => ({
      key: item.key,
      description: item.description ?? '',
      required: item.required,
      systemChecked: item.systemChecked ?? isSystemChecked(item.key),
      checked: item.checked,
      checkedBy: storedActor(item.checkedBy),
      checkedAt: item.checkedAt ?? null,
      comment: item.comment ?? '',
    })),
    latestEvaluation: doc.latestEvaluation ?? null,
    revision: doc.revision ?? 0,
    createdBy: storedActor(doc.createdBy),
    originators: doc.originators ?? [storedActor(doc.createdBy)?.id].filter((id): id is string => id !== undefined),
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}
