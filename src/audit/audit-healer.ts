import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DiscoveryService } from '@nestjs/core';

import type { AuditConfigNamespace } from './audit.config.js';
import { AuditService } from './audit.service.js';
import { AuditedRepository, type AuditOutbox } from './audited.repository.js';

/** A draft younger than this probably belongs to a request still under way, which appends it itself. */
export const HEAL_AFTER_MS = 5000;
const DOCUMENTS_PER_OUTBOX = 500;

/**
 * Appends the drafts that a process left on their documents when it stopped between a change and its audit
 * entry, in the order of their changes, and brings the seed's prompt copy up to date. Runs on an interval in
 * every process and before each verification; appending is idempotent by draftId, so processes racing over
 * the same draft still add one entry.
 */
@Injectable()
export class AuditHealer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditHealer.name);
  private readonly intervalMs: number;
  private outboxes: AuditOutbox[] = [];
  private timer: NodeJS.Timeout | undefined;
  private healing: Promise<number> | null = null;

  constructor(
    private readonly audit: AuditService,
    private readonly discovery: DiscoveryService,
    config: ConfigService<AuditConfigNamespace, true>,
  ) {
    this.intervalMs = config.getOrThrow('audit', { infer: true }).healIntervalMs;
  }

  onApplicationBootstrap(): void {
    this.outboxes = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is AuditOutbox => instance instanceof AuditedRepository);
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
    const waiting = (
      await Promise.all(this.outboxes.map(async (outbox) => (await outbox.waitingDrafts(before, DOCUMENTS_PER_OUTBOX)).map((w) => ({ ...w, outbox }))))
    ).flat();
    waiting.sort((a, b) => a.draft.at.getTime() - b.draft.at.getTime() || a.draft.draftId.localeCompare(b.draft.draftId));
    for (const { draft, outbox, documentId } of waiting) {
      await this.audit.publish(draft, outbox, documentId);
    }
    if (waiting.length > 0) this.logger.warn(`Appended ${waiting.length} audit draft(s) left pending by an interrupted change`);
    await this.audit.catchUpPromptCopy();
    return waiting.length;
  }
}
