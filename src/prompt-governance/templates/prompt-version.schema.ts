import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

import { PROMPT_VERSION_STATUSES, type PromptVersionStatus } from '../../../libs/contracts/src/index.js';
import { type PendingAudit } from '../../audit/index.js';
import type { ActorRef } from '../../common/auth/principal.js';
import type { ChatMessage, ModelSettings, PromptVariable, StoredEvaluation, VersionTransition } from './prompt-template.js';

@Schema({ collection: 'prompt_template_versions', timestamps: true, minimize: false })
export class PromptVersionDocument {
  @Prop({ type: Types.ObjectId, required: true })
  templateId: Types.ObjectId;

  @Prop({ required: true })
  version: number;

  @Prop({ type: String, enum: PROMPT_VERSION_STATUSES, required: true, default: 'DRAFT' })
  status: PromptVersionStatus;

  @Prop({ type: String, default: null })
  template: string | null;

  @Prop({ type: [Object], default: null })
  messages: ChatMessage[] | null;

  @Prop({ type: [Object], default: [] })
  variables: PromptVariable[];

  @Prop({ type: Object, required: true })
  modelSettings: ModelSettings;

  @Prop({ default: '' })
  commitMessage: string;

  @Prop({ type: Object, required: true })
  author: ActorRef;

  @Prop({ type: Object, default: null })
  submittedBy: ActorRef | null;

  @Prop({ type: Date, default: null })
  submittedAt: Date | null;

  @Prop({ type: Object, default: null })
  reviewedBy: ActorRef | null;

  @Prop({ type: Date, default: null })
  reviewedAt: Date | null;

  @Prop({ type: String, default: null })
  reviewComment: string | null;

  @Prop({ default: false })
  highRiskAcknowledged: boolean;

  @Prop({ type: Object, required: true })
  evaluation: StoredEvaluation;

  @Prop({ type: [Object], default: [] })
  history: VersionTransition[];

  /** Audit drafts written by the same update as the change they record, until they are in the chain. */
  @Prop({ type: [Object], default: [] })
  pendingAudit: PendingAudit[];

  /** Set when a deleted draft's audit entry is still pending: the version is gone for every reader. */
  @Prop({ type: Date })
  deletedAt?: Date;

  createdAt: Date;
  updatedAt: Date;
}

export const PromptVersionSchema = SchemaFactory.createForClass(PromptVersionDocument);
PromptVersionSchema.index({ templateId: 1, version: 1 }, { unique: true });
PromptVersionSchema.index({ status: 1, templateId: 1 });
PromptVersionSchema.index({ 'pendingAudit.at': 1 });
