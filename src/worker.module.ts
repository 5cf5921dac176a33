import { Module } from '@nestjs/common';

import { AuditWorkerModule } from './audit/audit-worker.module.js';
import { PlatformConfigModule } from './common/config/config.module.js';
import { DatabaseModule } from './common/database/database.module.js';
import { QueueModule } from './common/queue/queue.module.js';
import { EvaluationWorkerModule } from './evaluation/evaluation-worker.module.js';
import { LifecycleModule } from './lifecycle/lifecycle.module.js';
import { RetrainingProcessingModule } from './retraining/worker/retraining-processing.module.js';

/** The queue worker process: the same domain code as the API, with the processors and no HTTP server. */
@Module({
  imports: [AuditWorkerModule, DatabaseModule, EvaluationWorkerModule, LifecycleModule, PlatformConfigModule, QueueModule, RetrainingProcessingModule],
})
export class WorkerModule {}
