import { Injectable } from '@nestjs/common';

import type { PageRequest } from '../../common/database/mongo.repository.js';
import type { Page } from '../../common/pagination/page.js';
import type { AuditDraft, AuditEntry } from './audit-entry.js';
import { AuditLogRepository, type ChainVerification } from './audit-log.repository.js';

/** Records every state change, label move and policy change in the hash-chained log, and verifies the chain. */
@Injectable()
export class AuditService {
  constructor(private readonly log: AuditLogRepository) {}

  record(draft: AuditDraft): Promise<AuditEntry> {
    return this.log.append(draft);
  }

  listForTemplate(templateId: string, page: PageRequest): Promise<Page<AuditEntry>> {
    return this.log.listForTemplate(templateId, page);
  }

  verify(): Promise<ChainVerification> {
    return this.log.verify();
  }
}
