import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

import { MODEL_STAGES, type ModelStage } from '../../../libs/contracts/src/index.js';
import type { ActorRef } from '../../common/auth/principal.js';
import { TRANSITION_REASONS, type TransitionReason } from './model-stage-transition.js';

/** The stage log. Entries are written with ids chosen beforehand, so writing one twice is harmless. */
@Schema({ collection: 'model_stage_transitions', versionKey: false })
export class ModelStageTransitionDocument {
  @Prop({ required: true })
  modelName: string;

  @Prop({ required: true })
  version: number;

  @Prop({ type: String, required: true, enum: MODEL_STAGES })
  from: ModelStage;

  @Prop({ type: String, required: true, enum: MODEL_STAGES })
  to: ModelStage;

  @Prop({ type: Object, required: true })
  actor: ActorRef;

  @Prop({ default: '' })
  comment: string;

  @Prop({ type: String, required: true, enum: TRANSITION_REASONS })
  reason: TransitionReason;

  @Prop({ required: true })
  at: Date;
}

export const ModelStageTransitionSchema = SchemaFactory.createForClass(ModelStageTransitionDocument);
ModelStageTransitionSchema.index({ modelName: 1, at: -1, _id: -1 });
ModelStageTransitionSchema.index({ modelName: 1, version: 1, at: -1, _id: -1 });
