import { pendingAudit, type PendingAudit, PROMPT_TEMPLATE_RESOURCE } from '../../audit/index.js';
import type { ActorRef } from '../../common/auth/principal.js';

export const PROMPT_AUDIT_ACTIONS = [
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
export type PromptAuditAction = (typeof PROMPT_AUDIT_ACTIONS)[number];

export interface PromptAuditDraft {
  actor: ActorRef;
  action: PromptAuditAction;
  templateId: string;
  version?: number | null;
  label?: string | null;
  before: unknown;
  after: unknown;
  comment?: string | null;
}

/** A prompt governance change as a platform audit draft: `prompt.<action>` on the template, with the version and label it touched. */
export function promptAudit(draft: PromptAuditDraft, at?: Date): PendingAudit {
  return pendingAudit(
    {
      actor: draft.actor,
      action: `prompt.${draft.action}`,
      resource: { type: PROMPT_TEMPLATE_RESOURCE, id: draft.templateId },
      context: { version: draft.version ?? null, label: draft.label ?? null },
      before: draft.before,
      after: draft.after,
      comment: draft.comment ?? null,
    },
    at,
  );
}
