import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

import type { ActorRef } from '../common/auth/principal.js';
import { AUDIT_OUTCOMES, type AuditEntryFormat, type AuditOutcome, type AuditResource } from './audit-entry.js';
import type { LegacyPromptAuditFields } from './legacy/prompt-audit-entry.js';

/** The platform's one hash chain. Append-only; written through the driver exactly as hashed (see AuditLogRepository). */
@Schema({ collection: 'audit_log', minimize: false, versionKey: false })
export class AuditEntryDocument {
  @Prop({ required: true })
  seq: number;

  @Prop({ type: Number, required: true })
  format: AuditEntryFormat;

  @Prop({ required: true })
  prevHash: string;

  @Prop({ required: true })
  hash: string;

  @Prop({ type: Date, required: true })
  at: Date;

  @Prop({ type: Object, required: true })
  actor: ActorRef;

  @Prop({ required: true })
  action: string;

  @Prop({ type: Object, required: true })
  resource: AuditResource;

  @Prop({ type: Object, default: null })
  context: Record<string, string | number | boolean | null> | null;

  @Prop({ type: String, enum: AUDIT_OUTCOMES, required: true })
  outcome: AuditOutcome;

  @Prop({ type: Object, default: null })
  before: unknown;

  @Prop({ type: Object, default: null })
  after: unknown;

  @Prop({ type: String, default: null })
  comment: string | null;

  /** Format 1 only: the prompt governance fields as they were hashed. */
  @Prop({ type: Object })
  legacy?: LegacyPromptAuditFields;

  /** A prompt entry whose copy in `prompt_audit_logs` exists (not hashed: bookkeeping of the copy). */
  @Prop({ type: Boolean })
  promptCopied?: boolean;

  /** The id of the draft this entry records (not hashed: it only makes the append idempotent). */
  @Prop({ type: String })
  draftId?: string;
}

export const AuditEntrySchema = SchemaFactory.createForClass(AuditEntryDocument);
/** One entry per position: two appenders racing for the same position cannot both succeed, so the chain cannot fork. */
AuditEntrySchema.index({ seq: 1 }, { unique: true });
/** One entry per draft: a draft appended by its request and by the healer at once still appears once. */
AuditEntrySchema.index({ draftId: 1 }, { unique: true, sparse: true });
AuditEntrySchema.index({ 'resource.type': 1, 'resource.id': 1, seq: 1 });
AuditEntrySchema.index({ 'actor.id': 1, seq: 1 });
AuditEntrySchema.index({ action: 1, seq: 1 });
AuditEntrySchema.index({ at: 1, seq: 1 });
AuditEntrySchema.index({ 'resource.type': 1, promptCopied: 1, seq: 1 });

/** The chain head: the position and hash of the last entry, so an append needs no scan. */
@Schema({ collection: 'audit_chain', versionKey: false })
export class AuditChainDocument {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true })
  seq: number;

  @Prop({ required: true })
  lastHash: string;
}

export const AuditChainSchema = SchemaFactory.createForClass(AuditChainDocument);
