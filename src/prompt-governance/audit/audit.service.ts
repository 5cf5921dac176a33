import { Injectable } from '@nestjs/common';

import type { PageRequest } from '../../common/database/mongo.repository.js';
import type { Page } from '../../common/pagination/page.js';
import type { AuditEntry, PendingAudit } from './audit-entry.js';
import { AuditLogRepository, type ChainVerification } from './audit-log.repository.js';
import type { AuditOutbox } from './audit-outbox.js';

/** Records every state change, label move and policy change in the hash-chained log, and verifies the chain. */
@Injectable()
export class AuditService {
  constructor(private readonly log: AuditLogRepository) {}

  /**
   * Appends a draft that its change has already written into `documentId` of `outbox`, then takes it off
   * the document. Safe to repeat: a draft is appended once however often, or by whom, this runs.
   */
  async publish(draft: PendingAudit, outbox: AuditOutbox, documentId: string): Promise<AuditEntry> {
    const entry = await this.log.append(draft);
    await outbox.settleDraft(documentId, draft.draftId);
    return entry;
  }

  listForTemplate(templateId: string, page: PageRequest): Promise<Page<AuditEntry>> {
    return this.log.listForTemplate(templateId, page);
  }

  verify(): Promise<ChainVerification> {
    return this.log.verify();
  }
}
