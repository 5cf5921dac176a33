import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

import { type PendingAudit } from '../../audit/index.js';
import type { ActorRef } from '../../common/auth/principal.js';
import { DRIFT_SEVERITIES, DRIFT_STATISTICS, DRIFT_STATUSES } from '../../../libs/contracts/src/index.js';
import type { DriftSeverity, DriftStatistic, DriftStatus } from '../../../libs/contracts/src/index.js';
import type { DriftDirection, SeverityBands } from './drift-severity.js';
import type { DriftNote, DriftRetrainingStatus } from './drift-event.js';

@Schema({ collection: 'model_drift_events', timestamps: true })
export class DriftEventDocument {
  @Prop({ required: true })
  modelName: string;

  @Prop({ type: Number, default: null })
  modelVersion: number | null;

  @Prop({ type: [String], default: [] })
  features: string[];

  @Prop({ required: true, enum: DRIFT_STATISTICS, type: String })
  statistic: DriftStatistic;

  @Prop({ type: String, default: null })
  statisticName: string | null;

  @Prop({ required: true })
  value: number;

  @Prop({ required: true })
  threshold: number;

  @Prop({ required: true, type: String })
  direction: DriftDirection;

  @Prop({ type: Object, required: true })
  bands: SeverityBands;

  @Prop({ required: true, enum: DRIFT_SEVERITIES, type: String })
  severity: DriftSeverity;

  @Prop({ required: true, type: String })
  severitySource: 'GIVEN' | 'DERIVED';

  @Prop({ required: true })
  detectedAt: Date;

  @Prop({ default: '' })
  responsePlan: string;

  @Prop({ required: true, enum: DRIFT_STATUSES, type: String, default: 'OPEN' })
  status: DriftStatus;

  @Prop({ type: [Object], default: [] })
  notes: DriftNote[];

  @Prop({ type: Object, default: null })
  recordedBy: ActorRef | null;

  @Prop({ type: [Object], default: [] })
  pendingAudit: PendingAudit[];

  @Prop({ type: Object, default: null })
  retraining: DriftRetrainingStatus | null;

  /** The "recorded" notice: set by the insert that stores the event, cleared once its subscriber has handled it. */
  @Prop({ type: Date, default: null })
  noticePendingSince: Date | null;

  createdAt: Date;
  updatedAt: Date;
}

export const DriftEventSchema = SchemaFactory.createForClass(DriftEventDocument);
DriftEventSchema.index({ modelName: 1, detectedAt: -1 });
DriftEventSchema.index({ modelName: 1, modelVersion: 1, detectedAt: -1 });
DriftEventSchema.index({ status: 1, detectedAt: -1 });
DriftEventSchema.index({ severity: 1, detectedAt: -1 });
DriftEventSchema.index({ detectedAt: -1 });
DriftEventSchema.index({ 'pendingAudit.at': 1 });
DriftEventSchema.index({ noticePendingSince: 1 });
