import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import { PeriodicWork } from '../../common/scheduling/periodic-work.js';
import type { RetrainingConfigNamespace } from '../retraining.config.js';
import { RetrainingTriggerService } from '../trigger/retraining-trigger.service.js';
import { RetrainingOutbox } from './retraining-outbox.js';

/**
 * The retraining outbox sweep, once every RETRAINING_OUTBOX_SWEEP_MS across all processes: first the drift
 * events whose recorded notice no request handled, then the jobs the queue does not hold yet, the deadlines
 * and the reconciliation with the queue.
 */
@Injectable()
export class RetrainingSweeper implements OnModuleInit {
  private readonly everyMs: number;

  constructor(
    private readonly periodic: PeriodicWork,
    private readonly trigger: RetrainingTriggerService,
    private readonly outbox: RetrainingOutbox,
    config: ConfigService<RetrainingConfigNamespace, true>,
  ) {
    this.everyMs = config.getOrThrow('retraining', { infer: true }).outboxSweepMs;
  }

  onModuleInit(): void {
    this.periodic.register({ name: 'retraining-outbox', everyMs: this.everyMs, run: () => this.sweep() });
  }

  async sweep(): Promise<void> {
    await this.trigger.handlePendingNotices();
    await this.outbox.sweep();
  }
}
