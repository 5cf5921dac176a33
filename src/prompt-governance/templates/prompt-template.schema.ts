import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

import { DECLARED_RISK_LEVELS, type DeclaredRiskLevel } from '../../../libs/contracts/src/index.js';
import { type PendingAudit } from '../../audit/index.js';
import type { ActorRef } from '../../common/auth/principal.js';
import type { PolicyRef } from '../screening/finding.js';
import type { PromptLabel } from './prompt-template.js';

@Schema({ collection: 'prompt_templates', timestamps: true })
export class PromptTemplateDocument {
  @Prop({ required: true })
  name: string;

  @Prop({ default: '' })
  description: string;

  @Prop({ required: true })
  owner: string;

  @Prop({ type: [String], default: [] })
  tags: string[];

  @Prop({ type: String, enum: DECLARED_RISK_LEVELS, required: true })
  declaredRiskLevel: DeclaredRiskLevel;

  @Prop({ type: [Object], default: [] })
  policies: PolicyRef[];

  @Prop({ default: false })
  logRawVariables: boolean;

  /** Counter handed out with $inc, so two concurrent new versions never get the same number. */
  @Prop({ default: 0 })
  lastVersion: number;

  @Prop({ type: [Object], default: [] })
  labels: PromptLabel[];

  @Prop({ type: [Number], default: [] })
  retiredVersions: number[];

  @Prop({ type: Object, required: true })
  createdBy: ActorRef;

  /** Audit drafts written by the same update as the change they record, until they are in the chain. */
  @Prop({ type: [Object], default: [] })
  pendingAudit: PendingAudit[];

  createdAt: Date;
  updatedAt: Date;
}

export const PromptTemplateSchema = SchemaFactory.createForClass(PromptTemplateDocument);
PromptTemplateSchema.index({ name: 1 }, { unique: true });
PromptTemplateSchema.index({ createdAt: -1 });
PromptTemplateSchema.index({ tags: 1, createdAt: -1 });
PromptTemplateSchema.index({ owner: 1, createdAt: -1 });
PromptTemplateSchema.index({ 'labels.name': 1, createdAt: -1 });
PromptTemplateSchema.index({ 'pendingAudit.at': 1 });
