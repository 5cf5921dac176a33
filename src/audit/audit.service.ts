import { Injectable, Logger } from '@nestjs/common';

import type { Page, PageRequest } from '../common/pagination/page.js';
import { pendingAudit, type AuditDraft, type AuditEntry, type PendingAudit } from './audit-entry.js';
import { AuditLogRepository, type AuditFilter, type ChainHead } from './audit-log.repository.js';
import type { AuditOutbox } from './audited.repository.js';
import { PromptAuditProjectionRepository } from './legacy/prompt-audit-projection.repository.js';

export const PROMPT_TEMPLATE_RESOURCE = 'prompt-template';
const COPY_BATCH = 1000;

/**
 * The platform audit: every governed change of every module, and every refused attempt at one, in one
 * hash chain. Modules write through `publish` (a change that carried its draft in its own update) or
 * `record` (an event with no document of its own, such as a refusal).
 */
@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(
    private readonly log: AuditLogRepository,
    private readonly promptCopy: PromptAuditProjectionRepository,
  ) {}

  /**
   * Appends a draft that its change has already written into `documentId` of `outbox`, then takes it off
   * the document. Safe to repeat: a draft is appended once however often, or by whom, this runs.
   */
  async publish(draft: PendingAudit, outbox: AuditOutbox, documentId: string): Promise<AuditEntry> {
    const entry = await this.log.append(draft);
    await outbox.settleDraft(documentId, draft.draftId);
    await this.copyPromptEntry(entry);
    return entry;
  }

  /** Appends an entry that no stored change carries: a refused attempt, say. */
  async record(draft: AuditDraft): Promise<AuditEntry> {
    const entry = await this.log.append(pendingAudit(draft));
    await this.copyPromptEntry(entry);
    return entry;
  }

  /** Like `record`, for paths that must answer their own error whatever the audit log says. */
  async recordQuietly(draft: AuditDraft): Promise<void> {
    await this.record(draft).catch((error: Error) => this.logger.warn(`Could not record ${draft.action} by ${draft.actor.id}: ${error.message}`));
  }

  list(filter: AuditFilter, page: PageRequest, direction: 1 | -1 = -1): Promise<Page<AuditEntry>> {
    return this.log.list(filter, { ...page, direction });
  }

  /**
   * The head of the chain after moving it over every entry appenders left past it (at most `limit`), so
   * that it names the last entry written.
   */
  async settledHead(limit?: number): Promise<ChainHead> {
    await this.log.catchUpAll(limit);
    return this.log.readHead();
  }

  /** Every matching entry in chain order, for export. */
  entries(filter: AuditFilter): AsyncGenerator<AuditEntry> {
    return this.log.stream(filter);
  }

  /** Copies into the seed's `prompt_audit_logs` every prompt entry whose copy a failure left out, wherever it is in the chain. */
  async catchUpPromptCopy(): Promise<number> {
    let copied = 0;
    for await (const entry of this.log.uncopiedPromptEntries(PROMPT_TEMPLATE_RESOURCE, COPY_BATCH)) {
      await this.promptCopy.project(entry);
      await this.log.markPromptCopied(entry.seq);
      copied++;
    }
    return copied;
  }

  private async copyPromptEntry(entry: AuditEntry): Promise<void> {
    if (entry.resource.type !== PROMPT_TEMPLATE_RESOURCE) return;
    try {
      await this.promptCopy.project(entry);
      await this.log.markPromptCopied(entry.seq);
    } catch (error) {
      // The healer copies what is not marked, so a failure here loses nothing.
      this.logger.warn(`prompt_audit_logs copy of entry ${entry.seq} deferred: ${(error as Error).message}`);
    }
  }
}
