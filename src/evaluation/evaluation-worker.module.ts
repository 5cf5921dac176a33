import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';

import { SchedulingModule } from '../common/scheduling/scheduling.module.js';
import { evaluationConfig } from './evaluation.config.js';
import { EvaluationModule } from './evaluation.module.js';
import { EvaluationProcessor } from './queue/evaluation.processor.js';
import { StaleRunsSweeper } from './queue/stale-runs.sweeper.js';

/** What only the worker process runs: the evaluation processor and the sweep that re-enqueues waiting runs. */
@Module({
  imports: [ConfigModule.forFeature(evaluationConfig), EvaluationModule, SchedulingModule],
  providers: [EvaluationProcessor, StaleRunsSweeper],
})
export class EvaluationWorkerModule {}
