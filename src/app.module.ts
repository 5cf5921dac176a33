import { Module } from '@nestjs/common';

import { AdminModule } from './admin/admin.module.js';
import { PlatformConfigModule } from './common/config/config.module.js';
import { DatabaseModule } from './common/database/database.module.js';
import { HealthModule } from './common/health/health.module.js';
import { QueueModule } from './common/queue/queue.module.js';
import { EvaluationModule } from './evaluation/evaluation.module.js';
import { LifecycleModule } from './lifecycle/lifecycle.module.js';
import { RetrainingModule } from './lifecycle/retraining/retraining.module.js';
import { PromptGovernanceModule } from './prompt-governance/prompt-governance.module.js';

/** The API process. */
@Module({
  imports: [AdminModule, DatabaseModule, EvaluationModule, HealthModule, LifecycleModule, PlatformConfigModule, PromptGovernanceModule, QueueModule, RetrainingModule],
})
export class AppModule {}
