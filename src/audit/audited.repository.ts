import type { Model, Types } from 'mongoose';

import { MongoRepository } from '../common/database/mongo.repository.js';
import type { PendingAudit } from './audit-entry.js';

/** A draft waiting on the document whose change it records. */
export interface WaitingDraft {
  documentId: string;
  draft: PendingAudit;
}

/** A collection whose documents carry `pendingAudit` drafts. */
export interface AuditOutbox {
  waitingDrafts(before: Date, limit: number): Promise<WaitingDraft[]>;
  settleDraft(documentId: string, draftId: string): Promise<void>;
}

/**
 * Base of the repositories of audited aggregates. Each audited change writes its draft into the changed
 * document's `pendingAudit` in the same update (see `withAudit`); the audit service appends it to the chain
 * and then takes it off. The healer finds every subclass through Nest's discovery and appends drafts that a
 * stopped process left behind, so a change can never be stored without its entry following.
 */
export abstract class AuditedRepository<TDoc> extends MongoRepository<TDoc> implements AuditOutbox {
  protected constructor(model: Model<TDoc>) {
    super(model);
  }

  /** Drafts written before `before` that are still waiting, from at most `limit` documents. */
  async waitingDrafts(before: Date, limit: number): Promise<WaitingDraft[]> {
    const docs = await this.model
      .find({ 'pendingAudit.at': { $lt: before } } as never, { pendingAudit: 1 })
      .limit(limit)
      .lean<{ _id: Types.ObjectId | string; pendingAudit?: PendingAudit[] }[]>()
      .exec();
    return docs.flatMap((doc) => draftsWaitingSince(String(doc._id), doc.pendingAudit, before));
  }

  /** Takes an appended draft off its document. */
  async settleDraft(documentId: string, draftId: string): Promise<void> {
    await this.model.updateOne({ _id: documentId } as never, { $pull: { pendingAudit: { draftId } } } as never, { timestamps: false }).exec();
  }
}

/** The part of an update that carries the draft: merge it into the change's own update. */
export function withAudit(draft: PendingAudit): { $push: { pendingAudit: PendingAudit } } {
  return { $push: { pendingAudit: draft } };
}

/** The drafts of one document written before `before`. */
export function draftsWaitingSince(documentId: string, drafts: PendingAudit[] | undefined, before: Date): WaitingDraft[] {
  return (drafts ?? []).filter((draft) => draft.at < before).map((draft) => ({ documentId, draft }));
}
