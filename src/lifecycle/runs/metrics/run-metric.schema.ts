import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

/** One point of a metric's history. Written in bulk, lean, by RunMetricsRepository; never hydrated. */
@Schema({ collection: 'model_run_metrics', versionKey: false })
export class RunMetricDocument {
  @Prop({ type: Types.ObjectId, required: true })
  runId: Types.ObjectId;

  @Prop({ required: true })
  key: string;

  @Prop({ required: true })
  value: number;

  @Prop({ required: true })
  step: number;

  @Prop({ required: true })
  timestamp: Date;
}

export const RunMetricSchema = SchemaFactory.createForClass(RunMetricDocument);
RunMetricSchema.index({ runId: 1, key: 1, step: 1, timestamp: 1 });
