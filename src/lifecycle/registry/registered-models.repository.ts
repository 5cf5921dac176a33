import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, QueryFilter, Types } from 'mongoose';

import { catalogQuery } from '../../common/database/catalog-filter.js';
import { isDuplicateKeyError, MongoRepository } from '../../common/database/mongo.repository.js';
import { DuplicateError } from '../../common/errors/domain.errors.js';
import type { Page, PageRequest } from '../../common/pagination/page.js';
import type { NewRegisteredModel, PendingProductionChange, RegisteredModel, RegisteredModelChanges, RegisteredModelFilter } from './registered-model.js';
import { RegisteredModelDocument } from './registered-model.schema.js';

type RegisteredModelLean = RegisteredModelDocument & { _id: Types.ObjectId };

@Injectable()
export class RegisteredModelsRepository extends MongoRepository<RegisteredModelDocument> {
  constructor(@InjectModel(RegisteredModelDocument.name) model: Model<RegisteredModelDocument>) {
    super(model);
  }

  async create(model: NewRegisteredModel): Promise<RegisteredModel> {
    try {
      const created = await this.model.create(model);
      return toRegisteredModel(created.toObject() as RegisteredModelLean);
    } catch (error) {
      throw isDuplicateKeyError(error) ? new DuplicateError(`A model named '${model.name}' already exists`, { field: 'name' }) : error;
    }
  }

  async findByName(name: string): Promise<RegisteredModel | null> {
    const doc = await this.model.findOne({ name }).lean<RegisteredModelLean>().exec();
    return doc ? toRegisteredModel(doc) : null;
  }

  async list(filter: RegisteredModelFilter, page: PageRequest): Promise<Page<RegisteredModel>> {
    const query: QueryFilter<RegisteredModelDocument> = catalogQuery(filter);
    const { docs, nextCursor } = await this.findPage(query, { ...page, sortField: 'createdAt', direction: -1 });
    return { items: (docs as RegisteredModelLean[]).map(toRegisteredModel), nextCursor };
  }

  async update(name: string, changes: RegisteredModelChanges): Promise<RegisteredModel | null> {
    const doc = await this.model.findOneAndUpdate({ name }, { $set: changes }, { returnDocument: 'after' }).lean<RegisteredModelLean>().exec();
    return doc ? toRegisteredModel(doc) : null;
  }

  /**
   * Hands out the next version number: one atomic `$inc`, read from the pre-image (the document as it was
   * just before this very increment), so no two callers ever see the same number. Null when the model is missing.
   */
  async takeNextVersion(name: string): Promise<{ version: number; model: RegisteredModel } | null> {
    const before = await this.model
      .findOneAndUpdate({ name }, { $inc: { latestVersion: 1 } }, { returnDocument: 'before', timestamps: false })
      .lean<RegisteredModelLean>()
      .exec();
    return before ? { version: (before.latestVersion ?? 0) + 1, model: toRegisteredModel(before) } : null;
  }

  /** Gives an unused number back, only if nobody has taken a later one meanwhile (otherwise it stays a gap). */
  async releaseVersion(name: string, version: number): Promise<boolean> {
    const result = await this.model.updateOne({ name, latestVersion: version }, { $set: { latestVersion: version - 1 } }, { timestamps: false }).exec();
    return result.modifiedCount === 1;
  }

  /**
   * The commit point of a production change: moves the pointer and records the change in one update,
   * only if the pointer is still where the caller saw it and no other change is under way.
   */
  async beginProductionChange(name: string, expectedProductionVersion: number | null, change: PendingProductionChange): Promise<boolean> {
    const result = await this.model
      .updateOne(
        { name, productionVersion: expectedProductionVersion, pendingProductionChange: null },
        { $set: { productionVersion: change.toVersion, productionTransitionId: change.toTransitionId, pendingProductionChange: change } },
      )
      .exec();
    return result.modifiedCount === 1;
  }

  /** Marks the change done once the versions and the transition log reflect it. */
  async finishProductionChange(name: string, changeId: string): Promise<boolean> {
    const result = await this.model.updateOne({ name, 'pendingProductionChange.id': changeId }, { $set: { pendingProductionChange: null } }).exec();
    return result.modifiedCount === 1;
  }

  /** Puts the pointer back where the change found it; only valid while nothing of the change was applied. */
  async revertProductionChange(name: string, change: PendingProductionChange): Promise<boolean> {
    const result = await this.model
      .updateOne(
        { name, 'pendingProductionChange.id': change.id },
        { $set: { productionVersion: change.fromVersion, productionTransitionId: change.fromProductionTransitionId, pendingProductionChange: null } },
      )
      .exec();
    return result.modifiedCount === 1;
  }
}

function toRegisteredModel(doc: RegisteredModelLean): RegisteredModel {
  return {
    id: doc._id.toHexString(),
    name: doc.name,
    description: doc.description ?? '',
    tags: doc.tags ?? [],
    owner: doc.owner ?? null,
    metricDirections: doc.metricDirections ?? {},
    defaultChecklist: (doc.defaultChecklist ?? []).map(({ key, description, required }) => ({ key, description, required })),
    latestVersion: doc.latestVersion ?? 0,
    productionVersion: doc.productionVersion ?? null,
    productionTransitionId: doc.productionTransitionId ?? null,
    pendingProductionChange: doc.pendingProductionChange ?? null,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}
