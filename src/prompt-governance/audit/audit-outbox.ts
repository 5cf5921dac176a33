import type { PendingAudit } from './audit-entry.js';

/** A draft waiting on the document whose change it records. */
export interface WaitingDraft {
  documentId: string;
  draft: PendingAudit;
}

/** A collection whose documents carry `pendingAudit` drafts: the repository of each changed aggregate. */
export interface AuditOutbox {
  /** Drafts written before `before` that are still waiting, from at most `limit` documents. */
  waitingDrafts(before: Date, limit: number): Promise<WaitingDraft[]>;
  /** Takes an appended draft off its document. */
  settleDraft(documentId: string, draftId: string): Promise<void>;
}

export const AUDIT_OUTBOXES = Symbol('AUDIT_OUTBOXES');

/** The drafts of one document written before `before`. */
export function draftsWaitingSince(documentId: string, drafts: PendingAudit[] | undefined, before: Date): WaitingDraft[] {
  return (drafts ?? []).filter((draft) => draft.at < before).map((draft) => ({ documentId, draft }));
}
