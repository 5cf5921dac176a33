import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

import { DRIFT_SEVERITIES, type DriftSeverity } from '../../../libs/contracts/src/index.js';
import { type PendingAudit } from '../../audit/index.js';
import type { ActorRef } from '../../common/auth/principal.js';
import { TrainerSpecDocument } from '../jobs/retraining-job.schema.js';

@Schema({ collection: 'model_retraining_policies', timestamps: true })
export class RetrainingPolicyDocument {
  @Prop({ required: true })
  modelName: string;

  @Prop({ required: true })
  enabled: boolean;

  @Prop({ type: String, enum: DRIFT_SEVERITIES, required: true })
  minSeverity: DriftSeverity;

  @Prop({ required: true })
  cooldownSeconds: number;

  @Prop({ type: TrainerSpecDocument, required: true })
  trainer: TrainerSpecDocument;

  @Prop({ type: String, default: null })
  experimentName: string | null;

  @Prop({ type: Object, default: null })
  updatedBy: ActorRef | null;

  @Prop({ type: [Object], default: [] })
  pendingAudit: PendingAudit[];

  createdAt: Date;
  updatedAt: Date;
}

export const RetrainingPolicySchema = SchemaFactory.createForClass(RetrainingPolicyDocument);
RetrainingPolicySchema.index({ modelName: 1 }, { unique: true });
RetrainingPolicySchema.index({ 'pendingAudit.at': 1 });
