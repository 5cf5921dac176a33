import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';

import { ExperimentDocument, ExperimentSchema } from './experiment.schema.js';
import { ExperimentsController } from './experiments.controller.js';
import { ExperimentsRepository } from './experiments.repository.js';
import { ExperimentsService } from './experiments.service.js';

@Module({
  imports: [MongooseModule.forFeature([{ name: ExperimentDocument.name, schema: ExperimentSchema }])],
  controllers: [ExperimentsController],
  providers: [ExperimentsRepository, ExperimentsService],
  exports: [ExperimentsService],
})
export class ExperimentsModule {}
