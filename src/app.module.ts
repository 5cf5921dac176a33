import { Module } from '@nestjs/common';

import { AdminModule } from './admin/admin.module.js';
import { AuditModule } from './audit/audit.module.js';
import { PlatformConfigModule } from './common/config/config.module.js';
import { DatabaseModule } from './common/database/database.module.js';
import { HealthModule } from './common/health/health.module.js';
import { RateLimitModule } from './common/http/rate-limit/rate-limit.module.js';
import { QueueModule } from './common/queue/queue.module.js';
import { EvaluationModule } from './evaluation/evaluation.module.js';
import { IdentityModule } from './identity/identity.module.js';
import { LifecycleModule } from './lifecycle/lifecycle.module.js';
import { RetrainingModule } from './retraining/retraining.module.js';
import { PromptGovernanceModule } from './prompt-governance/prompt-governance.module.js';

/** The API process. */
@Module({
  imports: [
    AdminModule,
    AuditModule,
    DatabaseModule,
    EvaluationModule,
    HealthModule,
    IdentityModule,
    LifecycleModule,
    PlatformConfigModule,
    PromptGovernanceModule,
    QueueModule,
    // After identity: the limiter counts by the principal the access guard authenticated.
    RateLimitModule,
    RetrainingModule,
  ],
})
export class AppModule {}
