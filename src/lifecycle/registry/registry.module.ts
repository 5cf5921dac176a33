import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';

import { AuditModule } from '../../audit/index.js';
import { RunsModule } from '../runs/runs.module.js';
import { ModelStageTransitionDocument, ModelStageTransitionSchema } from './model-stage-transition.schema.js';
import { ModelStageTransitionsRepository } from './model-stage-transitions.repository.js';
import { ModelStagesService } from './model-stages.service.js';
import { ModelVersionDocument, ModelVersionSchema } from './model-version.schema.js';
import { ModelVersionsController } from './model-versions.controller.js';
import { ModelVersionsRepository } from './model-versions.repository.js';
import { ModelVersionsService } from './model-versions.service.js';
import { ProductionChangesService } from './production-changes.service.js';
import { RegisteredModelDocument, RegisteredModelSchema } from './registered-model.schema.js';
import { RegisteredModelsController } from './registered-models.controller.js';
import { RegisteredModelsRepository } from './registered-models.repository.js';
import { RegisteredModelsService } from './registered-models.service.js';

/**
 * The model registry: models, their numbered versions, stages with an approval checklist, and the stage log.
 * Exports the services other domains call: the evaluation harness (`ModelVersionsService.recordEvaluation`)
 * and the retraining pipeline (`ModelStagesService.registerRunForStaging`).
 */
@Module({
  imports: [
    AuditModule,
    MongooseModule.forFeature([
      { name: ModelStageTransitionDocument.name, schema: ModelStageTransitionSchema },
      { name: ModelVersionDocument.name, schema: ModelVersionSchema },
      { name: RegisteredModelDocument.name, schema: RegisteredModelSchema },
    ]),
    RunsModule,
  ],
  controllers: [ModelVersionsController, RegisteredModelsController],
  providers: [
    ModelStageTransitionsRepository,
    ModelStagesService,
    ModelVersionsRepository,
    ModelVersionsService,
    ProductionChangesService,
    RegisteredModelsRepository,
    RegisteredModelsService,
  ],
  exports: [ModelStagesService, ModelVersionsService, RegisteredModelsService],
})
export class RegistryModule {}
