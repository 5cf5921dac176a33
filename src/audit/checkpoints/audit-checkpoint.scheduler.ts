import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import { PeriodicWork } from '../../common/scheduling/periodic-work.js';
import type { AuditConfigNamespace } from '../audit.config.js';
import { AuditCheckpointsService } from './audit-checkpoints.service.js';

/**
 * Checkpoints the chain head once every AUDIT_CHECKPOINT_INTERVAL_SECONDS across the worker processes (periodic
 * work); the API process only checkpoints on request.
 */
@Injectable()
export class AuditCheckpointScheduler implements OnModuleInit {
  private readonly intervalMs: number;

  constructor(
    private readonly checkpoints: AuditCheckpointsService,
    private readonly periodic: PeriodicWork,
    config: ConfigService<AuditConfigNamespace, true>,
  ) {
    this.intervalMs = config.getOrThrow('audit', { infer: true }).checkpointIntervalSeconds * 1000;
  }

  onModuleInit(): void {
    if (!this.checkpoints.enabled) return;
    this.periodic.register({ name: 'audit-checkpoint', everyMs: this.intervalMs, run: () => this.checkpoints.checkpoint() });
  }
}
