import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import { RETRAINING_QUEUE, type DriftSeverity } from '../../../libs/contracts/src/index.js';
import type { ActorRef } from '../../common/auth/principal.js';
import { ConflictError } from '../../common/errors/domain.errors.js';
import { DriftEventNotices, type DriftRetrainingStatus, RegisteredModelsService, severityAtLeast } from '../../lifecycle/index.js';
import type { NewRetrainingJob, RetrainingJob, RetrainingTrigger } from '../jobs/retraining-job.js';
import { notTriggered, RetrainingJobStates, retrainingStatusOf } from '../jobs/retraining-job-states.js';
import { RetrainingOutbox } from '../outbox/retraining-outbox.js';
import { experimentNameFor, type RetrainingPolicy } from '../policies/retraining-policy.js';
import { RetrainingPoliciesService } from '../policies/retraining-policies.service.js';
import type { RetrainingConfig, RetrainingConfigNamespace } from '../retraining.config.js';
import { cooldownEndsAt } from './cooldown.js';

/** The drift event as retraining needs it. */
interface RecordedDriftEvent {
  id: string;
  modelName: string;
  severity: DriftSeverity;
  /** Whoever recorded the event triggers the retraining it causes. */
  recordedBy: ActorRef | null;
}

/** An attach can race the open job ending; a few rounds of attach-or-create always settle it. */
const MAX_ROUNDS = 5;
/** A notice younger than this probably belongs to a request still handling it. */
const NOTICE_GRACE_MS = 5000;
const NOTICE_BATCH = 100;

/** Turns qualifying drift events, and requests by hand, into retraining jobs: at most one open job per model. */
@Injectable()
export class RetrainingTriggerService implements OnModuleInit {
  private readonly logger = new Logger(RetrainingTriggerService.name);
  private readonly config: RetrainingConfig;

  constructor(
    private readonly jobs: RetrainingJobStates,
    private readonly policies: RetrainingPoliciesService,
    private readonly models: RegisteredModelsService,
    private readonly outbox: RetrainingOutbox,
    private readonly notices: DriftEventNotices,
    config: ConfigService<RetrainingConfigNamespace, true>,
  ) {
    this.config = config.getOrThrow('retraining', { infer: true });
  }

  onModuleInit(): void {
    this.notices.subscribe((event) => this.onDriftEventRecorded(event));
  }

  /**
   * Decides what a stored drift event does: nothing (policy disabled, severity below the minimum, cooldown),
   * attach to the model's open job, or open a new one; answers where retraining stands for it, which drift
   * stores on the event. Safe to repeat: an event a job already holds is answered with that job.
   */
  async onDriftEventRecorded(event: RecordedDriftEvent): Promise<DriftRetrainingStatus> {
    const serving = await this.jobs.findByDriftEvent(event.id);
    if (serving) return retrainingStatusOf(serving);
    const policy = await this.policies.effective(event.modelName);
    if (!policy.enabled) return notTriggered('retraining is disabled for this model');
    if (!severityAtLeast(event.severity, policy.minSeverity)) return notTriggered(`severity ${event.severity} is below the policy's minimum ${policy.minSeverity}`);
    const trigger: RetrainingTrigger = { kind: 'DRIFT', reason: `drift event ${event.id} (${event.severity})`, requestedBy: event.recordedBy };
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const attached = await this.jobs.attachDriftEvent(event.modelName, event.id);
      if (attached) return retrainingStatusOf(attached);
      const until = cooldownEndsAt(await this.jobs.latestUncancelled(event.modelName), policy.cooldownSeconds);
      if (until && until > new Date()) return notTriggered(`cooldown: the model was last retrained recently; drift triggers again after ${until.toISOString()}`);
      const created = await this.jobs.createOpen(this.newJob(policy, trigger, [event.id]), trigger.reason);
      if (created) return retrainingStatusOf(await this.outbox.enqueue(created));
    }
    throw new Error(`drift event ${event.id} could neither attach to nor open a retraining job of '${event.modelName}' after ${MAX_ROUNDS} rounds`);
  }

  /** The sweep's half of the subscription: handles the drift events whose notice a request left pending. */
  async handlePendingNotices(): Promise<void> {
    for (const event of await this.notices.pending(new Date(Date.now() - NOTICE_GRACE_MS), NOTICE_BATCH)) {
      try {
        await this.notices.settle(event.id, await this.onDriftEventRecorded(event));
        this.logger.warn(`Handled drift event ${event.id}, whose recorded notice had been left pending`);
      } catch (error) {
        this.logger.warn(`Drift event ${event.id} is still not handled: ${(error as Error).message}`);
      }
    }
  }

  /** A retraining requested by hand: ignores `enabled` and the cooldown, but never opens a second job. */
  async retrainByHand(modelName: string, reason: string, actor: ActorRef): Promise<RetrainingJob> {
    await this.models.get(modelName);
    const policy = await this.policies.effective(modelName);
    const trigger: RetrainingTrigger = { kind: 'MANUAL', reason, requestedBy: actor };
    const created = await this.jobs.createOpen(this.newJob(policy, trigger, []), `requested by ${actor.name}: ${reason}`);
    if (!created) {
      const open = await this.jobs.findOpen(modelName);
      throw new ConflictError(`Model '${modelName}' already has an open retraining job${open ? ` (${open.id}, ${open.state})` : ''}; wait for it or cancel it first`, {
        openJobId: open?.id ?? null,
      });
    }
    return this.outbox.enqueue(created);
  }

  private newJob(policy: RetrainingPolicy, trigger: RetrainingTrigger, driftEventIds: string[]): NewRetrainingJob {
    return {
      modelName: policy.modelName,
      trigger,
      driftEventIds,
      trainer: policy.trainer,
      experimentName: experimentNameFor(policy),
      queueName: policy.trainer.kind === 'external' ? policy.trainer.queue! : RETRAINING_QUEUE,
      maxAttempts: this.config.attempts,
    };
  }
}
