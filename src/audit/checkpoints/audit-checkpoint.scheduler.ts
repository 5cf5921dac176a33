import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import type { AuditConfigNamespace } from '../audit.config.js';
import { AuditCheckpointsService } from './audit-checkpoints.service.js';

/** The worker's interval that checkpoints the chain head; the API process only checkpoints on request. */
@Injectable()
export class AuditCheckpointScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditCheckpointScheduler.name);
  private readonly intervalMs: number;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly checkpoints: AuditCheckpointsService,
    config: ConfigService<AuditConfigNamespace, true>,
  ) {
    this.intervalMs = config.getOrThrow('audit', { infer: true }).checkpointIntervalSeconds * 1000;
  }

  onApplicationBootstrap(): void {
    if (!this.checkpoints.enabled) return;
    this.timer = setInterval(() => void this.checkpoints.checkpoint().catch((error: Error) => this.logger.warn(`Audit checkpoint failed: ${error.message}`)), this.intervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
