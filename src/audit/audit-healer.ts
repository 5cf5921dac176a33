import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DiscoveryService } from '@nestjs/core';

import { PeriodicWork } from '../common/scheduling/periodic-work.js';
import type { AuditConfigNamespace } from './audit.config.js';
import { AuditService } from './audit.service.js';
import { AuditedRepository, type AuditOutbox } from './audited.repository.js';

/** A draft younger than this probably belongs to a request still under way, which appends it itself. */
export const HEAL_AFTER_MS = 5000;
const DOCUMENTS_PER_OUTBOX = 500;

/**
 * Appends the drafts that a process left on their documents when it stopped between a change and its audit
 * entry, in the order of their changes, and brings the seed's prompt copy up to date. Runs as periodic work
 * (once every AUDIT_HEAL_INTERVAL_MS across the processes) and before each verification; appending is
 * idempotent by draftId, so a verification racing the periodic pass still adds one entry per draft.
 */
@Injectable()
export class AuditHealer implements OnModuleInit {
  private readonly logger = new Logger(AuditHealer.name);
  private readonly intervalMs: number;
  private outboxes: AuditOutbox[] | null = null;
  private healing: Promise<number> | null = null;

  constructor(
    private readonly audit: AuditService,
    private readonly discovery: DiscoveryService,
    private readonly periodic: PeriodicWork,
    config: ConfigService<AuditConfigNamespace, true>,
  ) {
    this.intervalMs = config.getOrThrow('audit', { infer: true }).healIntervalMs;
  }

  onModuleInit(): void {
    this.periodic.register({ name: 'audit-healer', everyMs: this.intervalMs, run: () => this.heal() });
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
    const waiting = (
      await Promise.all(this.auditedRepositories().map(async (outbox) => (await outbox.waitingDrafts(before, DOCUMENTS_PER_OUTBOX)).map((w) => ({ ...w, outbox }))))
    ).flat();
    waiting.sort((a, b) => a.draft.at.getTime() - b.draft.at.getTime() || a.draft.draftId.localeCompare(b.draft.draftId));
    for (const { draft, outbox, documentId } of waiting) {
      await this.audit.publish(draft, outbox, documentId);
    }
    if (waiting.length > 0) this.logger.warn(`Appended ${waiting.length} audit draft(s) left pending by an interrupted change`);
    await this.audit.catchUpPromptCopy();
    return waiting.length;
  }

  /** Every audited repository of the application, found once every module is loaded. */
  private auditedRepositories(): AuditOutbox[] {
    this.outboxes ??= this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is AuditOutbox => instance instanceof AuditedRepository);
    return this.outboxes;
  }
}
