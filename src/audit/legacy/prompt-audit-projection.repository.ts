import { Injectable } from '@nestjs/common';
import { InjectModel, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { Model, Types } from 'mongoose';

import { isDuplicateKeyError, MongoRepository } from '../../common/database/mongo.repository.js';
import type { AuditEntry } from '../audit-entry.js';
import type { LegacyPromptAuditEntry } from './prompt-audit-entry.js';

/**
 * `prompt_audit_logs`, the seed's collection: the prompt governance chain before the platform audit (format 1,
 * moved into `audit_log` at boot and kept here as it was) and, after it, a read-only copy of every prompt
 * entry of the platform chain (format 2), so readers of the seed's collection still see the prompt history.
 * The platform chain in `audit_log` is the record of truth; this copy is rebuilt from it when behind.
 */
@Schema({ collection: 'prompt_audit_logs', minimize: false, versionKey: false, strict: false })
export class PromptAuditLogDocument {
  @Prop({ required: true })
  seq: number;

  @Prop()
  format?: number;

  @Prop({ required: true })
  templateId: string;
}

export const PromptAuditLogSchema = SchemaFactory.createForClass(PromptAuditLogDocument);
PromptAuditLogSchema.index({ seq: 1 }, { unique: true });
PromptAuditLogSchema.index({ templateId: 1, seq: 1 });

type LegacyLean = LegacyPromptAuditEntry & { _id: Types.ObjectId; draftId?: string; format?: number };

@Injectable()
export class PromptAuditProjectionRepository extends MongoRepository<PromptAuditLogDocument> {
  constructor(@InjectModel(PromptAuditLogDocument.name) model: Model<PromptAuditLogDocument>) {
    super(model);
  }

  /** The entries of the chain that predates the platform audit, in chain order. */
  async *legacyEntries(): AsyncGenerator<LegacyPromptAuditEntry & { draftId?: string }> {
    const cursor = this.model.find({ format: { $exists: false } }).sort({ seq: 1 }).lean<LegacyLean[]>().batchSize(1000).cursor();
    try {
      for await (const doc of cursor) {
        const { _id, format: _format, ...entry } = doc as unknown as LegacyLean;
        yield entry;
      }
    } finally {
      await cursor.close();
    }
  }


  /** Copies one prompt entry of the platform chain in the seed's shape; repeating it changes nothing. */
  async project(entry: AuditEntry): Promise<void> {
    const context = entry.context ?? {};
    const copy = {
      format: 2,
      seq: entry.seq,
      prevHash: entry.prevHash,
      hash: entry.hash,
      at: entry.at,
      actor: entry.actor.name,
      actorId: entry.actor.id,
      action: entry.action.replace(/^prompt\./, ''),
      outcome: entry.outcome,
      templateId: entry.resource.id,
      version: typeof context.version === 'number' ? context.version : null,
      label: typeof context.label === 'string' ? context.label : null,
      before: entry.before,
      after: entry.after,
      comment: entry.comment,
    };
    try {
      await this.model.collection.updateOne({ seq: entry.seq }, { $setOnInsert: copy }, { upsert: true });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}
