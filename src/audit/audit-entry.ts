import { randomUUID } from 'node:crypto';

import type { ActorRef } from '../common/auth/principal.js';
import { canonicalJson, canonicalValue, sha256Hex } from '../common/hashing/canonical-json.js';

export const AUDIT_OUTCOMES = ['SUCCEEDED', 'REFUSED'] as const;
/** A change that happened, or an attempt at a governed action that the platform refused. */
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** What an entry is about: `{ type: 'model', id: 'credit-risk' }`, `{ type: 'prompt-template', id: '665f…' }`. */
export interface AuditResource {
  type: string;
  id: string;
}

/** What a service asks to record: who did what to which resource, and the state before and after. */
export interface AuditDraft {
  actor: ActorRef;
  /** `<area>.<thing>.<verb>`, e.g. `model.version.stage-changed`, `prompt.version.approved`. */
  action: string;
  resource: AuditResource;
  /** Which part of the resource (a version number, a label name): small and flat. */
  context?: Record<string, string | number | boolean | null> | null;
  outcome?: AuditOutcome;
  before: unknown;
  after: unknown;
  comment?: string | null;
}

/**
 * A draft chosen before its change and written into the changed document by the same update (the
 * transactional outbox): the change and the promise of its entry are one atomic write. `draftId` makes the
 * append idempotent; `at` is the time of the change and the order in which left-over drafts are appended.
 */
export interface PendingAudit extends Required<Omit<AuditDraft, 'comment' | 'context'>> {
  context: Record<string, string | number | boolean | null> | null;
  comment: string | null;
  draftId: string;
  at: Date;
}

/** Gives a draft its id and time; `before` and `after` become the plain JSON that will be hashed. */
export function pendingAudit(draft: AuditDraft, at: Date = new Date()): PendingAudit {
  return {
    actor: { id: draft.actor.id, name: draft.actor.name },
    action: draft.action,
    resource: { type: draft.resource.type, id: draft.resource.id },
    context: (canonicalValue(draft.context ?? null) as PendingAudit['context']) ?? null,
    outcome: draft.outcome ?? 'SUCCEEDED',
    before: canonicalValue(draft.before),
    after: canonicalValue(draft.after),
    comment: draft.comment ?? null,
    draftId: randomUUID(),
    at,
  };
}

/** Everything that is hashed: the entry without its own hash. */
export interface AuditEntryBody {
  seq: number;
  prevHash: string;
  at: Date;
  actor: ActorRef;
  action: string;
  resource: AuditResource;
  context: Record<string, string | number | boolean | null> | null;
  outcome: AuditOutcome;
  before: unknown;
  after: unknown;
  comment: string | null;
}

/**
 * Format 1 is the prompt governance chain that predates the platform audit; its entries were moved here as
 * they were, so their hashes still verify. Format 2 is every entry written since.
 */
export type AuditEntryFormat = 1 | 2;

export interface AuditEntry extends AuditEntryBody {
  id: string;
  hash: string;
  format: AuditEntryFormat;
}

/** The hash an entry links to when it is the first of the chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** SHA-256 (hex) of the canonical JSON of the body and its format: keys sorted at every depth, times in ISO-8601 UTC. */
export function hashEntry(body: AuditEntryBody): string {
  return sha256Hex(
    canonicalJson({
      format: 2,
      seq: body.seq,
      prevHash: body.prevHash,
      at: body.at,
      actor: body.actor,
      action: body.action,
      resource: body.resource,
      context: body.context,
      outcome: body.outcome,
      before: body.before,
      after: body.after,
      comment: body.comment,
    }),
  );
}

/** Why an entry does not continue the chain, or null when it does; `contentHash` recomputes the entry's hash by its format. */
export function linkProblem(entry: { seq: number; prevHash: string; hash: string }, contentHash: string, expectedSeq: number, expectedPrevHash: string): string | null {
  if (entry.seq !== expectedSeq) return `entry ${expectedSeq} is missing: the sequence jumps from ${expectedSeq - 1} to ${entry.seq}`;
  if (entry.prevHash !== expectedPrevHash) return `entry ${entry.seq} does not link to the hash of entry ${entry.seq - 1}`;
  if (contentHash !== entry.hash) return `entry ${entry.seq} was altered: its content no longer matches its hash`;
  return null;
}
