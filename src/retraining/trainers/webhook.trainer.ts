import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import type { RetrainingJobPayload } from '../../../libs/contracts/src/index.js';
import { OutboundRefusedError, postJson } from '../../common/http/outbound/outbound-request.js';
import type { RetrainingJob } from '../jobs/retraining-job.js';
import type { RetrainingConfig, RetrainingConfigNamespace } from '../retraining.config.js';
import { TrainerSetupError, type Trainer, type TrainerHooks } from './trainer.js';

/**
 * POSTs the job to the policy's URL; a 2xx answer means the trainer accepted it and will report through the
 * completion endpoints with the job token in the payload. Delivery is at least once (a worker crash right
 * after the POST repeats it): the trainer recognises a repeat by `jobId` and `attempt`. The destination is
 * checked against RETRAINING_WEBHOOK_ALLOWED_HOSTS again on its resolved address, and redirects are not
 * followed, so a policy cannot aim the worker at the platform's own network.
 */
@Injectable()
export class WebhookTrainer implements Trainer {
  private readonly config: RetrainingConfig;

  constructor(config: ConfigService<RetrainingConfigNamespace, true>) {
    this.config = config.getOrThrow('retraining', { infer: true });
  }

  async run(job: RetrainingJob, payload: RetrainingJobPayload, hooks: TrainerHooks): Promise<null> {
    const url = job.trainer.url!;
    const response = await postJson(url, payload, {
      allowed: this.config.webhookAllowedHosts,
      timeoutMs: this.config.webhookTimeoutMs,
      signal: hooks.signal,
      headers: { 'x-retraining-job-id': job.id },
    }).catch((error: Error) => {
      // A refused destination stays refused: no attempt is spent retrying it.
      if (error instanceof OutboundRefusedError) throw new TrainerSetupError(`the webhook ${url} is not allowed: ${error.message}`);
      throw new Error(`the webhook ${url} could not be reached: ${error.cause instanceof Error ? error.cause.message : error.message}`);
    });
    if (response.status < 200 || response.status >= 300) throw new Error(`the webhook ${url} answered ${response.status}: ${response.text.slice(0, 300)}`);
    hooks.onOutput([`webhook ${url} accepted the job (${response.status})`]);
    return null;
  }
}
