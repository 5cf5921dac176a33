import { Module } from '@nestjs/common';

import { RetrainingCoreModule } from './retraining-core.module.js';
import { RetrainingJobsController } from './retraining-jobs.controller.js';
import { RetrainingPoliciesController } from './retraining-policies.controller.js';

/**
 * The retraining pipeline in the API: policies, manual triggers, the job endpoints with the completion
 * protocol. Drift events reach it through the drift module's recorded handler.
 */
@Module({
  imports: [RetrainingCoreModule],
  controllers: [RetrainingJobsController, RetrainingPoliciesController],
})
export class RetrainingModule {}
