import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import type { RetrainingJobPayload } from '../../../../libs/contracts/src/index.js';
import type { RetrainingJob } from '../jobs/retraining-job.js';
import type { RetrainingConfig, RetrainingConfigNamespace } from '../retraining.config.js';
import type { Trainer, TrainerHooks } from './trainer.js';

/**
 * POSTs the job to the policy's URL; a 2xx answer means the trainer accepted it and will report through the
 * completion endpoints. Delivery is at least once (a worker crash right after the POST repeats it): the
 * trainer recognises a repeat by `jobId` and `attempt`.
 */
@Injectable()
export class WebhookTrainer implements Trainer {
  private readonly config: RetrainingConfig;

  constructor(config: ConfigService<RetrainingConfigNamespace, true>) {
    this.config = config.getOrThrow('retraining', { infer: true });
  }

  async run(job: RetrainingJob, payload: RetrainingJobPayload, hooks: TrainerHooks): Promise<null> {
    const response = await fetch(job.trainer.url!, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-retraining-job-id': job.id },
      body: JSON.stringify(payload),
      signal: AbortSignal.any([hooks.signal, AbortSignal.timeout(this.config.webhookTimeoutMs)]),
    }).catch((error: Error) => {
      throw new Error(`the webhook ${job.trainer.url} could not be reached: ${error.cause instanceof Error ? error.cause.message : error.message}`);
    });
    const text = await response.text().catch(() => '');
    if (!response.ok) throw new Error(`the webhook ${job.trainer.url} answered ${response.status}: ${text.slice(0, 300)}`);
    hooks.onOutput([`webhook ${job.trainer.url} accepted the job (${response.status})`]);
    return null;
  }
}
