import { Module } from '@nestjs/common';

import { AuditModule } from './audit.module.js';
import { AuditCheckpointScheduler } from './checkpoints/audit-checkpoint.scheduler.js';

/** The worker's part of the audit: the interval that checkpoints the chain head. */
@Module({
  imports: [AuditModule],
  providers: [AuditCheckpointScheduler],
})
export class AuditWorkerModule {}
