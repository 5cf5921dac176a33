import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { MongooseModule } from '@nestjs/mongoose';

import { ExperimentsModule } from '../experiments/experiments.module.js';
import { RunMetricDocument, RunMetricSchema } from './metrics/run-metric.schema.js';
import { RunMetricsController } from './metrics/run-metrics.controller.js';
import { RunMetricsRepository } from './metrics/run-metrics.repository.js';
import { RunMetricsService } from './metrics/run-metrics.service.js';
import { RunDocument, RunSchema } from './run.schema.js';
import { RunsController } from './runs.controller.js';
import { RunsRepository } from './runs.repository.js';
import { runsConfig } from './runs.config.js';
import { RunsService } from './runs.service.js';

@Module({
  imports: [
    ConfigModule.forFeature(runsConfig),
    ExperimentsModule,
    MongooseModule.forFeature([
      { name: RunDocument.name, schema: RunSchema },
      { name: RunMetricDocument.name, schema: RunMetricSchema },
    ]),
  ],
  controllers: [RunMetricsController, RunsController],
  providers: [RunMetricsRepository, RunMetricsService, RunsRepository, RunsService],
  exports: [RunMetricsService, RunsService],
})
export class RunsModule {}
