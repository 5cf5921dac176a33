import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Types, type Model } from 'mongoose';

import { MongoRepository, type PageRequest } from '../../common/database/mongo.repository.js';
import type { Page } from '../../common/pagination/page.js';
import type { ModelStageTransition } from './model-stage-transition.js';
import { ModelStageTransitionDocument } from './model-stage-transition.schema.js';

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
    actor: doc.actor,
    comment: doc.comment ?? '',
    reason: doc.reason,
    at: doc.at,
  };
}
