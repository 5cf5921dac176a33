import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { MongooseModule } from '@nestjs/mongoose';

import { AuditModule } from '../audit/index.js';
import { LifecycleModule } from '../lifecycle/index.js';
import { ComplianceVerdictService } from './compliance/compliance-verdict.service.js';
import { evaluationConfig } from './evaluation.config.js';
import { ExplainabilityArtifactDocument, ExplainabilityArtifactSchema } from './explainability/explainability-artifact.schema.js';
import { ExplainabilityArtifactsRepository } from './explainability/explainability-artifacts.repository.js';
import { ExplainabilityController } from './explainability/explainability.controller.js';
import { ExplainabilityService } from './explainability/explainability.service.js';
import { EVALUATION_QUEUE } from './queue/evaluation.jobs.js';
import { EvaluationQueue } from './queue/evaluation.queue.js';
import { EvaluationReportsController } from './reports/evaluation-reports.controller.js';
import { EvaluationReportsService } from './reports/evaluation-reports.service.js';
import { EvaluationRunDocument, EvaluationRunSchema } from './runs/evaluation-run.schema.js';
import { EvaluationRunsController } from './runs/evaluation-runs.controller.js';
import { EvaluationRunsRepository } from './runs/evaluation-runs.repository.js';
import { EvaluationRunsService } from './runs/evaluation-runs.service.js';
import { ModelRegistryGateway } from './runs/model-registry.gateway.js';
import { RunExecutionService } from './runs/run-execution.service.js';
import { EvaluationScenarioDocument, EvaluationScenarioRevisionDocument, EvaluationScenarioRevisionSchema, EvaluationScenarioSchema } from './scenarios/scenario.schema.js';
import { ScenarioRevisionsRepository } from './scenarios/scenario-revisions.repository.js';
import { ScenariosController } from './scenarios/scenarios.controller.js';
import { ScenariosRepository } from './scenarios/scenarios.repository.js';
import { ScenariosService } from './scenarios/scenarios.service.js';

/**
 * The evaluation harness under /api/v1/ml/evaluation: scenarios (with their revisions), runs judged by
 * the worker, compliance verdicts written onto model versions, explainability artifacts and reports.
 * Scenario changes are recorded in the platform audit.
 * Exports `EvaluationRunsService` for the retraining pipeline (`startForNewModelVersion`) and, for the
 * worker module, what its processor and sweep need.
 */
@Module({
  imports: [
    AuditModule,
    BullModule.registerQueue({ name: EVALUATION_QUEUE }),
    ConfigModule.forFeature(evaluationConfig),
    LifecycleModule,
    MongooseModule.forFeature([
      { name: EvaluationRunDocument.name, schema: EvaluationRunSchema },
      { name: EvaluationScenarioDocument.name, schema: EvaluationScenarioSchema },
      { name: EvaluationScenarioRevisionDocument.name, schema: EvaluationScenarioRevisionSchema },
      { name: ExplainabilityArtifactDocument.name, schema: ExplainabilityArtifactSchema },
    ]),
  ],
  controllers: [EvaluationReportsController, EvaluationRunsController, ExplainabilityController, ScenariosController],
  providers: [
    ComplianceVerdictService,
    EvaluationQueue,
    EvaluationReportsService,
    EvaluationRunsRepository,
    EvaluationRunsService,
    ExplainabilityArtifactsRepository,
    ExplainabilityService,
    ModelRegistryGateway,
    RunExecutionService,
    ScenarioRevisionsRepository,
    ScenariosRepository,
    ScenariosService,
  ],
  exports: [EvaluationQueue, EvaluationRunsService, RunExecutionService],
})
export class EvaluationModule {}
