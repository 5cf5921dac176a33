import { randomUUID } from 'node:crypto';

import { canonicalJson, canonicalValue, sha256Hex } from '../shared/canonical-json.js';

export const AUDIT_ACTIONS = [
  'template.created',
  'template.updated',
  'version.created',
  'version.edited',
  'version.deleted',
  'version.submitted',
  'version.approved',
  'version.rejected',
  'version.deprecated',
  'label.moved',
  'label.removed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The hash an entry links to when it is the first of the chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** What a service asks to record: who did what to which template, and the state before and after. */
export interface AuditDraft {
  actor: string;
  action: AuditAction;
  templateId: string;
  version?: number | null;
  label?: string | null;
  before: unknown;
  after: unknown;
  comment?: string | null;
}

/**
 * A draft chosen before its change and written into the changed document by the same update (the
 * transactional outbox): the change and the promise of its entry are one atomic write. `draftId` makes the
 * append idempotent; `at` is the time of the change and the order in which left-over drafts are appended.
 */
export interface PendingAudit extends AuditDraft {
  draftId: string;
  at: Date;
}

/** Gives a draft its id and time; `before` and `after` become the plain JSON that will be hashed. */
export function pendingAudit(draft: AuditDraft, at: Date = new Date()): PendingAudit {
  return { ...draft, before: canonicalValue(draft.before), after: canonicalValue(draft.after), draftId: randomUUID(), at };
}

/** Everything that is hashed: the entry without its own hash. */
export interface AuditEntryBody {
  seq: number;
  prevHash: string;
  at: Date;
  actor: string;
  action: AuditAction;
  templateId: string;
  version: number | null;
  label: string | null;
  before: unknown;
  after: unknown;
  comment: string | null;
}

export interface AuditEntry extends AuditEntryBody {
  id: string;
  hash: string;
}

/**
 * SHA-256 (hex) of the canonical JSON of the entry's body: every member but `hash` and the database id,
 * with keys sorted at every depth and the time as an ISO-8601 UTC string (see canonicalJson).
 */
export function hashEntry(body: AuditEntryBody): string {
  return sha256Hex(
    canonicalJson({
      seq: body.seq,
      prevHash: body.prevHash,
      at: body.at,
      actor: body.actor,
      action: body.action,
      templateId: body.templateId,
      version: body.version,
      label: body.label,
      before: body.before,
      after: body.after,
      comment: body.comment,
    }),
  );
}

/** Why an entry does not continue the chain, or null when it does. */
export function linkProblem(entry: AuditEntryBody & { hash: string }, expectedSeq: number, expectedPrevHash: string): string | null {
  if (entry.seq !== expectedSeq) return `entry ${expectedSeq} is missing: the sequence jumps from ${expectedSeq - 1} to ${entry.seq}`;
  if (entry.prevHash !== expectedPrevHash) return `entry ${entry.seq} does not link to the hash of entry ${entry.seq - 1}`;
  if (hashEntry(entry) !== entry.hash) return `entry ${entry.seq} was altered: its content no longer matches its hash`;
  return null;
}
