import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, Types } from 'mongoose';

import { AuditedRepository, type PendingAudit, withAudit } from '../../audit/index.js';
import type { ActorRef } from '../../common/auth/principal.js';
import { isDuplicateKeyError } from '../../common/database/mongo.repository.js';
import type { RetrainingPolicy, RetrainingPolicyChanges } from './retraining-policy.js';
import { toTrainerSpec } from '../jobs/retraining-job.schema.js';
import { RetrainingPolicyDocument } from './retraining-policy.schema.js';
import { storedActor } from '../../common/auth/stored-actor.js';

type RetrainingPolicyLean = RetrainingPolicyDocument & { _id: Types.ObjectId };

@Injectable()
export class RetrainingPoliciesRepository extends AuditedRepository<RetrainingPolicyDocument> {
  constructor(@InjectModel(RetrainingPolicyDocument.name) model: Model<RetrainingPolicyDocument>) {
    super(model);
  }

  async findByModel(modelName: string): Promise<RetrainingPolicy | null> {
    const doc = await this.model.findOne({ modelName }).lean<RetrainingPolicyLean>().exec();
    return doc ? toPolicy(doc) : null;
  }

  /** Replaces the model's policy whole (one document per model, by the unique index on modelName). */
  async put(modelName: string, policy: RetrainingPolicyChanges, actor: ActorRef, draft: PendingAudit): Promise<RetrainingPolicy & { documentId: string }> {
    const upsert = async () => {
      const doc = await this.model
        .findOneAndUpdate({ modelName }, { $set: { ...policy, modelName, updatedBy: actor }, ...withAudit(draft) }, { upsert: true, returnDocument: 'after' })
        .lean<RetrainingPolicyLean>()
        .exec();
      return { ...toPolicy(doc!), documentId: doc!._id.toHexString() };
    };
    try {
      return await upsert();
    } catch (error) {
      // Two first writes race to insert; the loser finds the winner's document and updates it.
      if (!isDuplicateKeyError(error)) throw error;
      return upsert();
    }
  }
}

function toPolicy(doc: RetrainingPolicyLean): RetrainingPolicy {
  return {
    modelName: doc.modelName,
    enabled: doc.enabled,
    minSeverity: doc.minSeverity,
    cooldownSeconds: doc.cooldownSeconds,
    trainer: toTrainerSpec(doc.trainer),
    experimentName: doc.experimentName ?? null,
    source: 'MODEL',
    updatedBy: storedActor(doc.updatedBy),
    updatedAt: doc.updatedAt,
  };
}
