import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';

import { AuditLogRepository } from '../audit-log.repository.js';
import { PromptAuditProjectionRepository } from './prompt-audit-projection.repository.js';

/**
 * Moves the prompt governance chain that predates the platform audit into `audit_log`, entry by entry at
 * its own position and exactly as hashed, then moves the platform head over them. Runs at every boot of the
 * API and the worker and is idempotent: an entry already moved is recognised by its position and hash, so
 * concurrent boots and repeated runs add nothing. The old writers must be stopped before the upgrade (see
 * docs/audit.md): the platform chain continues after the last moved entry.
 */
@Injectable()
export class PromptAuditMigration implements OnApplicationBootstrap {
  private readonly logger = new Logger(PromptAuditMigration.name);

  constructor(
    private readonly log: AuditLogRepository,
    private readonly projection: PromptAuditProjectionRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const moved = await this.run();
    if (moved > 0) this.logger.log(`Moved ${moved} prompt governance audit entries into the platform audit chain`);
  }

  async run(): Promise<number> {
    let moved = 0;
    for await (const entry of this.projection.legacyEntries()) {
      const outcome = await this.log.importLegacy(entry);
      if (outcome === 'imported') moved++;
      if (outcome === 'conflict') {
        this.logger.error(`Prompt audit entry ${entry.seq} differs from the platform entry at that position; it was not moved. Verification reports the chain.`);
      }
    }
    await this.log.catchUpAll();
    return moved;
  }
}
