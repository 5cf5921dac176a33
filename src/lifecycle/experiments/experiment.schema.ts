import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

@Schema({ collection: 'model_experiments', timestamps: true })
export class ExperimentDocument {
  @Prop({ required: true })
  name: string;

  @Prop({ default: '' })
  description: string;

  @Prop({ type: [String], default: [] })
  tags: string[];

  @Prop({ type: String, default: null })
  owner: string | null;

  @Prop({ default: false })
  archived: boolean;

  @Prop({ type: Date, default: null })
  archivedAt: Date | null;

  createdAt: Date;
  updatedAt: Date;
}

export const ExperimentSchema = SchemaFactory.createForClass(ExperimentDocument);
ExperimentSchema.index({ name: 1 }, { unique: true });
ExperimentSchema.index({ archived: 1, createdAt: -1 });
ExperimentSchema.index({ tags: 1, createdAt: -1 });
ExperimentSchema.index({ owner: 1, createdAt: -1 });
