import { canonicalJson, sha256Hex } from '../../common/hashing/canonical-json.js';
import type { AuditEntryBody } from '../audit-entry.js';
import { storedActor } from '../../common/auth/stored-actor.js';

/**
 * An entry of the prompt governance chain written before the platform audit existed (format 1). It is kept
 * exactly as hashed; the platform's common fields (actor, action, resource, context) are derived from it,
 * and verification checks that they still are.
 */
export interface LegacyPromptAuditFields {
  actor: string;
  action: string;
  templateId: string;
  version: number | null;
  label: string | null;
}

export interface LegacyPromptAuditEntry extends LegacyPromptAuditFields {
  seq: number;
  prevHash: string;
  hash: string;
  at: Date;
  before: unknown;
  after: unknown;
  comment: string | null;
}

/** The format-1 hash, exactly as the prompt governance chain computed it. */
export function hashLegacyEntry(entry: Omit<LegacyPromptAuditEntry, 'hash'>): string {
  return sha256Hex(
    canonicalJson({
      seq: entry.seq,
      prevHash: entry.prevHash,
      at: entry.at,
      actor: entry.actor,
      action: entry.action,
      templateId: entry.templateId,
      version: entry.version,
      label: entry.label,
      before: entry.before,
      after: entry.after,
      comment: entry.comment,
    }),
  );
}

/** The platform's view of a format-1 entry; stored beside it so every entry answers the same filters. */
export function commonFieldsOf(legacy: LegacyPromptAuditFields): Pick<AuditEntryBody, 'actor' | 'action' | 'resource' | 'context' | 'outcome'> {
  return {
    actor: storedActor(legacy.actor)!,
    action: `prompt.${legacy.action}`,
    resource: { type: 'prompt-template', id: legacy.templateId },
    context: { version: legacy.version ?? null, label: legacy.label ?? null },
    outcome: 'SUCCEEDED',
  };
}
