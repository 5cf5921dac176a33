import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument } from 'mongoose';

import { AUDIT_ACTIONS, type AuditAction } from './audit-entry.js';

/** Append-only; written through the driver exactly as hashed (see AuditLogRepository). */
@Schema({ collection: 'prompt_audit_logs', minimize: false, versionKey: false })
export class AuditEntryDocument {
  @Prop({ required: true })
  seq: number;

  @Prop({ required: true })
  prevHash: string;

  @Prop({ required: true })
  hash: string;

  @Prop({ type: Date, required: true })
  at: Date;

  @Prop({ required: true })
  actor: string;

  @Prop({ type: String, enum: AUDIT_ACTIONS, required: true })
  action: AuditAction;

  @Prop({ required: true })
  templateId: string;

  @Prop({ type: Number, default: null })
  version: number | null;

  @Prop({ type: String, default: null })
  label: string | null;

  @Prop({ type: Object, default: null })
  before: unknown;

  @Prop({ type: Object, default: null })
  after: unknown;

  @Prop({ type: String, default: null })
  comment: string | null;

  /** The id of the draft this entry records (not hashed: it only makes the append idempotent). */
  @Prop({ type: String })
  draftId?: string;
}

export type AuditEntryHydrated = HydratedDocument<AuditEntryDocument>;
export const AuditEntrySchema = SchemaFactory.createForClass(AuditEntryDocument);
/** One entry per position: two appenders racing for the same position cannot both succeed, so the chain cannot fork. */
AuditEntrySchema.index({ seq: 1 }, { unique: true });
AuditEntrySchema.index({ templateId: 1, seq: 1 });
/** One entry per draft: a draft appended by its request and by the healer at once still appears once. */
AuditEntrySchema.index({ draftId: 1 }, { unique: true, sparse: true });

/** The chain head: the position and hash of the last entry, so an append needs no scan. */
@Schema({ collection: 'prompt_audit_chain', versionKey: false })
export class AuditChainDocument {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true })
  seq: number;

  @Prop({ required: true })
  lastHash: string;
}

export const AuditChainSchema = SchemaFactory.createForClass(AuditChainDocument);
