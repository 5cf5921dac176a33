import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument } from 'mongoose';

import { DRIFT_SEVERITIES, type DriftSeverity } from '../../../../libs/contracts/src/index.js';
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

  @Prop({ type: String, default: null })
  updatedBy: string | null;

  createdAt: Date;
  updatedAt: Date;
}

export type RetrainingPolicyHydrated = HydratedDocument<RetrainingPolicyDocument>;
export const RetrainingPolicySchema = SchemaFactory.createForClass(RetrainingPolicyDocument);
RetrainingPolicySchema.index({ modelName: 1 }, { unique: true });
