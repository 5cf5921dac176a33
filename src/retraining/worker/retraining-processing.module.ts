import { Module } from '@nestjs/common';

import { AuditModule } from '../../audit/index.js';
import { RetrainingCoreModule } from '../retraining-core.module.js';
import { CommandTrainer } from '../trainers/command.trainer.js';
import { WebhookTrainer } from '../trainers/webhook.trainer.js';
import { RetrainingProcessor } from './retraining.processor.js';
import { RetrainingWorker } from './retraining.worker.js';

/** The worker process's half of the retraining pipeline: the queue consumer, its processor and the trainers. */
@Module({
  imports: [AuditModule, RetrainingCoreModule],
  providers: [CommandTrainer, RetrainingProcessor, RetrainingWorker, WebhookTrainer],
})
export class RetrainingProcessingModule {}
