import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

import { USAGE_OUTCOMES, type UsageFlag, type UsageOutcome } from '../../../libs/contracts/src/index.js';

/** Written lean and in bulk (see UsageLogRepository): no defaults or validation run on insert. */
@Schema({ collection: 'prompt_usage_logs', versionKey: false })
export class UsageEntryDocument {
  @Prop({ required: true })
  entryId: string;

  @Prop({ type: Types.ObjectId, required: true })
  templateId: Types.ObjectId;

  @Prop({ required: true })
  version: number;

  @Prop({ required: true })
  caller: string;

  @Prop({ type: Date, required: true })
  timestamp: Date;

  @Prop({ required: true })
  day: string;

  @Prop({ required: true })
  latencyMs: number;

  @Prop({ required: true })
  tokensIn: number;

  @Prop({ required: true })
  tokensOut: number;

  @Prop({ required: true })
  cost: number;

  @Prop({ type: String, enum: USAGE_OUTCOMES, required: true })
  outcome: UsageOutcome;

  @Prop({ type: String, default: null })
  errorCode: string | null;

  @Prop({ type: String, default: null })
  variablesHash: string | null;

  @Prop({ type: Object, default: null })
  variables: Record<string, string> | null;

  @Prop({ type: String, default: null })
  output: string | null;

  @Prop({ type: [String], default: [] })
  flags: UsageFlag[];

  @Prop({ required: true })
  flagged: boolean;

  @Prop({ required: true })
  approved: boolean;

  @Prop({ type: Date, required: true })
  receivedAt: Date;
}

export const UsageEntrySchema = SchemaFactory.createForClass(UsageEntryDocument);
/** A retried report carries the same client id: the second insert fails here and is answered as a duplicate. */
UsageEntrySchema.index({ templateId: 1, entryId: 1 }, { unique: true });
UsageEntrySchema.index({ templateId: 1, version: 1, timestamp: -1, _id: -1 });
/** Serves the stats aggregation's match on template and day range, in the order the groups are made. */
UsageEntrySchema.index({ templateId: 1, day: 1, version: 1 });
