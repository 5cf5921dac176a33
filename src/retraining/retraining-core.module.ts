import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { MongooseModule } from '@nestjs/mongoose';

import { RETRAINING_QUEUE } from '../../libs/contracts/src/index.js';
import { AuditModule } from '../audit/index.js';
import { SchedulingModule } from '../common/scheduling/scheduling.module.js';
import { EvaluationModule, EvaluationRunsService } from '../evaluation/index.js';
import { CredentialsModule } from '../identity/index.js';
import { DriftModule, ExperimentsModule, RegistryModule, RunsModule } from '../lifecycle/index.js';
import { NewVersionEvaluation } from './closing/new-version-evaluation.js';
import { RetrainingCloser } from './closing/retraining-closer.js';
import { RetrainingJobDocument, RetrainingJobSchema } from './jobs/retraining-job.schema.js';
import { RetrainingJobStates } from './jobs/retraining-job-states.js';
import { RetrainingCompletionService } from './jobs/retraining-completion.service.js';
import { RetrainingJobsRepository } from './jobs/retraining-jobs.repository.js';
import { RetrainingJobsService } from './jobs/retraining-jobs.service.js';
import { TrainerTokens } from './jobs/trainer-tokens.js';
import { RetrainingOutbox } from './outbox/retraining-outbox.js';
import { RetrainingSweeper } from './outbox/retraining-sweeper.js';
import { RetrainingPolicyDocument, RetrainingPolicySchema } from './policies/retraining-policy.schema.js';
import { RetrainingPoliciesRepository } from './policies/retraining-policies.repository.js';
import { RetrainingPoliciesService } from './policies/retraining-policies.service.js';
import { retrainingConfig } from './retraining.config.js';
import { RetrainingQueue } from './retraining.queue.js';
import { RetrainingTriggerService } from './trigger/retraining-trigger.service.js';

/**
 * What the API and the worker share: the job and policy collections, the producer and its outbox sweep
 * (periodic work that either process may take), the drift trigger and the closing steps (which end by starting
 * the evaluation of the new version).
 */
@Module({
  imports: [
    AuditModule,
    BullModule.registerQueue({ name: RETRAINING_QUEUE }),
    ConfigModule.forFeature(retrainingConfig),
    CredentialsModule,
    DriftModule,
    EvaluationModule,
    ExperimentsModule,
    MongooseModule.forFeature([
      { name: RetrainingJobDocument.name, schema: RetrainingJobSchema },
      { name: RetrainingPolicyDocument.name, schema: RetrainingPolicySchema },
    ]),
    RegistryModule,
    RunsModule,
    SchedulingModule,
  ],
  providers: [
    // The evaluation harness evaluates every version a retraining registers.
    { provide: NewVersionEvaluation, useExisting: EvaluationRunsService },
    RetrainingCloser,
    RetrainingCompletionService,
    RetrainingJobStates,
    RetrainingJobsRepository,
    RetrainingJobsService,
    RetrainingOutbox,
    RetrainingPoliciesRepository,
    RetrainingPoliciesService,
    RetrainingQueue,
    RetrainingSweeper,
    RetrainingTriggerService,
    TrainerTokens,
  ],
  exports: [
    BullModule,
    RetrainingCloser,
    RetrainingCompletionService,
    RetrainingJobStates,
    RetrainingJobsRepository,
    RetrainingJobsService,
    RetrainingPoliciesService,
    RetrainingTriggerService,
    TrainerTokens,
  ],
})
export class RetrainingCoreModule {}
