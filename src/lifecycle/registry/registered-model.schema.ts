import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

import type { MetricDirection } from './comparison/metric-directions.js';
import type { ChecklistTemplateItem, PendingProductionChange } from './registered-model.js';

@Schema({ collection: 'registered_models', timestamps: true, minimize: false })
export class RegisteredModelDocument {
  @Prop({ required: true })
  name: string;

  @Prop({ default: '' })
  description: string;

  @Prop({ type: [String], default: [] })
  tags: string[];

  @Prop({ type: String, default: null })
  owner: string | null;

  @Prop({ type: Object, default: {} })
  metricDirections: Record<string, MetricDirection>;

  @Prop({ type: [Object], default: [] })
  defaultChecklist: ChecklistTemplateItem[];

  /** Version counter: `$inc` hands out each number exactly once, whatever the concurrency. */
  @Prop({ default: 0 })
  latestVersion: number;

  @Prop({ type: Number, default: null })
  productionVersion: number | null;

  @Prop({ type: String, default: null })
  productionTransitionId: string | null;

  @Prop({ type: Object, default: null })
  pendingProductionChange: PendingProductionChange | null;

  createdAt: Date;
  updatedAt: Date;
}

export const RegisteredModelSchema = SchemaFactory.createForClass(RegisteredModelDocument);
RegisteredModelSchema.index({ name: 1 }, { unique: true });
RegisteredModelSchema.index({ createdAt: -1 });
RegisteredModelSchema.index({ tags: 1, createdAt: -1 });
RegisteredModelSchema.index({ owner: 1, createdAt: -1 });
