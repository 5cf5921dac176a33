import { Module } from '@nestjs/common';

import { RetrainingCoreModule } from '../retraining-core.module.js';
import { CommandTrainer } from '../trainers/command.trainer.js';
import { WebhookTrainer } from '../trainers/webhook.trainer.js';
import { RetrainingProcessor } from './retraining.processor.js';
import { RetrainingWorker } from './retraining.worker.js';

/** The worker process's half of the retraining pipeline: the queue consumer, its processor and the trainers. */
@Module({
  imports: [RetrainingCoreModule],
  providers: [CommandTrainer, RetrainingProcessor, RetrainingWorker, WebhookTrainer],
})
export class RetrainingProcessingModule {}
