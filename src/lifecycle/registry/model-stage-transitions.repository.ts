import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Types, type Model } from 'mongoose';

import { MongoRepository } from '../../common/database/mongo.repository.js';
import type { Page, PageRequest } from '../../common/pagination/page.js';
import type { ModelStageTransition } from './model-stage-transition.js';
import { ModelStageTransitionDocument } from './model-stage-transition.schema.js';
import { storedActor } from '../../common/auth/stored-actor.js';

type TransitionLean = ModelStageTransitionDocument & { _id: Types.ObjectId };

@Injectable()
export class ModelStageTransitionsRepository extends MongoRepository<ModelStageTransitionDocument> {
  constructor(@InjectModel(ModelStageTransitionDocument.name) model: Model<ModelStageTransitionDocument>) {
    super(model);
  }

  /** A fresh id, chosen before the transition is applied so the log entry can be written (or rewritten) later. */
  newId(): string {
    return new Types.ObjectId().toHexString();
  }

  /** Writes the entry unless it is already there (an upsert on the id): repeating it changes nothing. */
  async record(transition: ModelStageTransition): Promise<void> {
    const { id, ...fields } = transition;
    await this.model.updateOne({ _id: new Types.ObjectId(id) }, { $setOnInsert: fields }, { upsert: true }).exec();
  }

  async exists(id: string): Promise<boolean> {
    return (await this.model.exists({ _id: new Types.ObjectId(id) }).exec()) !== null;
  }

  /** The most recent move of any version out of PRODUCTION: the version an emergency rollback puts back. */
  async lastLeftProduction(modelName: string): Promise<ModelStageTransition | null> {
    const doc = await this.model.findOne({ modelName, from: 'PRODUCTION' }).sort({ at: -1, _id: -1 }).lean<TransitionLean>().exec();
    return doc ? toTransition(doc) : null;
  }

  /** The latest move into PRODUCTION at or before `at`. */
  async lastEnteredProduction(modelName: string, at: Date): Promise<ModelStageTransition | null> {
    const doc = await this.model.findOne({ modelName, to: 'PRODUCTION', at: { $lte: at } }).sort({ at: -1, _id: -1 }).lean<TransitionLean>().exec();
    return doc ? toTransition(doc) : null;
  }

  /** Whether the version left PRODUCTION after `since` and at or before `until`. */
  async leftProductionBetween(modelName: string, version: number, since: Date, until: Date): Promise<boolean> {
    return (await this.model.exists({ modelName, version, from: 'PRODUCTION', at: { $gt: since, $lte: until } }).exec()) !== null;
  }

  async listForModel(modelName: string, version: number | null, page: PageRequest): Promise<Page<ModelStageTransition>> {
    const filter = version === null ? { modelName } : { modelName, version };
    const { docs, nextCursor } = await this.findPage(filter, { ...page, sortField: 'at', direction: -1 });
    return { items: (docs as TransitionLean[]).map(toTransition), nextCursor };
  }
}

function toTransition(doc: TransitionLean): ModelStageTransition {
  return {
    id: doc._id.toHexString(),
    modelName: doc.modelName,
    version: doc.version,
    from: doc.from,
    to: doc.to,
    actor: storedActor(doc.actor)!,
    comment: doc.comment ?? '',
    reason: doc.reason,
    at: doc.at,
  };
}
