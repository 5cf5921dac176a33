import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

import { RUN_STATUSES, type RunStatus } from '../../../libs/contracts/src/index.js';

@Schema({ _id: false, versionKey: false })
export class RunArtifactDocument {
  @Prop({ required: true })
  name: string;

  @Prop({ required: true })
  uri: string;

  @Prop({ required: true })
  type: string;

  @Prop({ type: Number, default: null })
  sizeBytes: number | null;

  @Prop({ type: String, default: null })
  checksum: string | null;

  @Prop({ required: true })
  createdAt: Date;
}

const RunArtifactSchema = SchemaFactory.createForClass(RunArtifactDocument);

/**
 * Metric, param and tag keys match KEY_PATTERN, so they are safe as field names of these maps. The metric
 * maps are written by raw conditional updates (see RunsRepository.raiseLatestMetrics), not through Mongoose.
 */
@Schema({ collection: 'model_runs', timestamps: true })
export class RunDocument {
  @Prop({ type: Types.ObjectId, required: true })
  experimentId: Types.ObjectId;

  @Prop({ required: true })
  name: string;

  @Prop({ type: String, enum: RUN_STATUSES, required: true })
  status: RunStatus;

  @Prop({ required: true })
  startTime: Date;

  @Prop({ type: Date, default: null })
  endTime: Date | null;

  @Prop({ type: String, default: null })
  artifactUri: string | null;

  @Prop({ type: Object, default: {} })
  params: Record<string, string>;

  @Prop({ type: Object, default: {} })
  tags: Record<string, string>;

  /** Latest value of each metric key; may hold NaN and ±Infinity. */
  /** Every metric key the run has logged, so the cap on distinct keys is checked before anything is written. */
  @Prop({ type: [String], default: undefined })
  metricKeys?: string[];

  @Prop({ type: Object, default: {} })
  latestMetrics: Record<string, number>;

  /** Step and timestamp of each latest value: the guard of the conditional update. */
  @Prop({ type: Object, default: {} })
  latestMetricPositions: Record<string, { step: number; timestamp: Date }>;

  /**
   * The latest values without NaN, used only for ordering: servers disagree on where NaN sorts, so a run
   * whose latest value is NaN sorts like a run without the metric.
   */
  @Prop({ type: Object, default: {} })
  orderableMetrics: Record<string, number>;

  @Prop({ type: [RunArtifactSchema], default: [] })
  artifacts: RunArtifactDocument[];

  /** Absent unless the creator gave one; sparse, so runs without a key never collide. */
  @Prop({ type: String })
  idempotencyKey?: string;

  createdAt: Date;
  updatedAt: Date;
}

export const RunSchema = SchemaFactory.createForClass(RunDocument);
RunSchema.index({ experimentId: 1, startTime: -1 });
RunSchema.index({ experimentId: 1, endTime: -1 });
RunSchema.index({ status: 1 });
RunSchema.index({ idempotencyKey: 1 }, { unique: true, sparse: true });
