import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import type { PromptGovernanceConfigNamespace } from '../prompt-governance.config.js';
import { AUDIT_OUTBOXES, type AuditOutbox } from './audit-outbox.js';
import { AuditService } from './audit.service.js';

/** A draft younger than this probably belongs to a request still under way, which appends it itself. */
export const HEAL_AFTER_MS = 5000;
const DOCUMENTS_PER_OUTBOX = 500;

/**
 * Appends the drafts that a process left on their documents when it stopped between a change and its
 * audit entry. Runs on an interval in every process and before each verification; appending is idempotent
 * by draftId, so processes racing over the same draft still add one entry.
 */
@Injectable()
export class AuditOutboxHealer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditOutboxHealer.name);
  private readonly intervalMs: number;
  private timer: NodeJS.Timeout | undefined;
  private healing: Promise<number> | null = null;

  constructor(
    private readonly audit: AuditService,
    @Inject(AUDIT_OUTBOXES) private readonly outboxes: AuditOutbox[],
    config: ConfigService<PromptGovernanceConfigNamespace, true>,
  ) {
    this.intervalMs = config.getOrThrow('promptGovernance', { infer: true }).audit.healIntervalMs;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.heal().catch((error: Error) => this.logger.warn(`Audit outbox sweep failed: ${error.message}`)), this.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.healing?.catch(() => undefined);
  }

  /** One pass, answering how many drafts it appended; a pass already under way is joined rather than doubled. */
  heal(): Promise<number> {
    this.healing ??= this.healOnce().finally(() => {
      this.healing = null;
    });
    return this.healing;
  }

  private async healOnce(): Promise<number> {
    const before = new Date(Date.now() - HEAL_AFTER_MS);
    const waiting = (await Promise.all(this.outboxes.map(async (outbox) => (await outbox.waitingDrafts(before, DOCUMENTS_PER_OUTBOX)).map((w) => ({ ...w, outbox }))))).flat();
    waiting.sort((a, b) => a.draft.at.getTime() - b.draft.at.getTime() || a.draft.draftId.localeCompare(b.draft.draftId));
    for (const { draft, outbox, documentId } of waiting) {
      await this.audit.publish(draft, outbox, documentId);
    }
    if (waiting.length > 0) this.logger.warn(`Appended ${waiting.length} audit draft(s) left pending by an interrupted change`);
    return waiting.length;
  }
}
