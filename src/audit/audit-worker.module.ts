import { Module } from '@nestjs/common';

import { SchedulingModule } from '../common/scheduling/scheduling.module.js';
import { AuditModule } from './audit.module.js';
import { AuditCheckpointScheduler } from './checkpoints/audit-checkpoint.scheduler.js';

/** The worker's part of the audit: the periodic checkpoint of the chain head. */
@Module({
  imports: [AuditModule, SchedulingModule],
  providers: [AuditCheckpointScheduler],
})
export class AuditWorkerModule {}
