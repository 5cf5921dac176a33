import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

import { MODEL_STAGES, type ModelStage } from '../../../libs/contracts/src/index.js';
import { type PendingAudit } from '../../audit/index.js';
import type { ActorRef } from '../../common/auth/principal.js';
import type { ModelStageTransition } from './model-stage-transition.js';
import { VERSION_SOURCES, type ChecklistItem, type VersionEvaluation, type VersionSource } from './model-version.js';

@Schema({ collection: 'model_versions', timestamps: true, minimize: false })
export class ModelVersionDocument {
  /** Model names never change, so versions are keyed by name: the path of every request resolves in one query. */
  @Prop({ required: true })
  modelName: string;

  @Prop({ required: true })
  version: number;

  @Prop({ default: '' })
  description: string;

  @Prop({ type: [String], default: [] })
  tags: string[];

  @Prop({ type: String, required: true, enum: VERSION_SOURCES })
  source: VersionSource;

  @Prop({ type: String, default: null })
  runId: string | null;

  @Prop({ type: String, default: null })
  experimentId: string | null;

  @Prop({ required: true })
  artifactUri: string;

  @Prop({ type: Object, default: {} })
  metrics: Record<string, number>;

  @Prop({ type: Object, default: {} })
  params: Record<string, string>;

  @Prop({ type: String, enum: MODEL_STAGES, default: 'NONE' })
  stage: ModelStage;

  @Prop({ type: Object, default: null })
  lastTransition: ModelStageTransition | null;

  @Prop({ type: [Object], default: [] })
  checklist: ChecklistItem[];

  @Prop({ type: Object, default: null })
  latestEvaluation: VersionEvaluation | null;

  @Prop({ default: 0 })
  revision: number;

  @Prop({ type: Object, default: null })
  createdBy: ActorRef | null;

  @Prop({ type: [String], default: [] })
  originators: string[];

  @Prop({ type: [Object], default: [] })
  pendingAudit: PendingAudit[];

  /** Absent unless the creator gave one; sparse, so versions without a key never collide. */
  @Prop({ type: String })
  idempotencyKey?: string;

  createdAt: Date;
  updatedAt: Date;
}

export const ModelVersionSchema = SchemaFactory.createForClass(ModelVersionDocument);
ModelVersionSchema.index({ modelName: 1, version: 1 }, { unique: true });
ModelVersionSchema.index({ modelName: 1, stage: 1, version: -1 });
ModelVersionSchema.index({ idempotencyKey: 1 }, { unique: true, sparse: true });
ModelVersionSchema.index({ 'pendingAudit.at': 1 });
