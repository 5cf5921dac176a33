import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import type { DriftSeverity } from '../../../libs/contracts/src/index.js';
import { AuditService, pendingAudit } from '../../audit/index.js';
import type { ActorRef } from '../../common/auth/principal.js';
import { InconsistentInputError, InvalidInputError } from '../../common/errors/domain.errors.js';
import { RegisteredModelsService } from '../../lifecycle/index.js';
import type { RetrainingConfig, RetrainingConfigNamespace } from '../retraining.config.js';
import type { RetrainingPolicy } from './retraining-policy.js';
import { RetrainingPoliciesRepository } from './retraining-policies.repository.js';
import { resolveTrainerSpec, type TrainerRules, type TrainerSpecInput } from './trainer-spec.js';

interface RetrainingPolicyInput {
  enabled: boolean;
  minSeverity: DriftSeverity;
  cooldownSeconds: number;
  trainer: TrainerSpecInput;
  experimentName: string | null;
}

@Injectable()
export class RetrainingPoliciesService {
  private readonly config: RetrainingConfig;

  constructor(
    private readonly policies: RetrainingPoliciesRepository,
    private readonly models: RegisteredModelsService,
    private readonly audit: AuditService,
    config: ConfigService<RetrainingConfigNamespace, true>,
  ) {
    this.config = config.getOrThrow('retraining', { infer: true });
  }

  /** The policy in force for a registered model (404 for an unknown model). */
  async get(modelName: string): Promise<RetrainingPolicy> {
    await this.models.get(modelName);
    return this.effective(modelName);
  }

  /** The stored policy, else the platform default; the caller knows the model exists. */
  async effective(modelName: string): Promise<RetrainingPolicy> {
    return (await this.policies.findByModel(modelName)) ?? this.platformDefault(modelName);
  }

  /** Replaces the model's policy; audited, since the policy decides what trains and where jobs are sent. */
  async put(modelName: string, input: RetrainingPolicyInput, actor: ActorRef): Promise<RetrainingPolicy> {
    await this.models.get(modelName);
    const resolved = resolveTrainerSpec(input.trainer, this.trainerRules());
    if (!resolved.spec) {
      const message = `The retraining policy cannot be used: ${resolved.errors.map((e) => e.message).join('; ')}`;
      throw resolved.beyondSchema ? new InconsistentInputError(message, resolved.errors) : new InvalidInputError(message, resolved.errors);
    }
    const before = await this.effective(modelName);
    const changes = { ...input, trainer: resolved.spec };
    const draft = pendingAudit({ actor, action: 'retraining.policy.changed', resource: { type: 'model', id: modelName }, before: summary(before), after: summary(changes) });
    const { documentId, ...stored } = await this.policies.put(modelName, changes, actor, draft);
    await this.audit.publish(draft, this.policies, documentId);
    return stored;
  }

  trainerRules(): TrainerRules {
    return {
      commandTrainers: Object.keys(this.config.commandTrainers),
      defaultTimeoutSeconds: { command: this.config.commandTimeoutSeconds, webhook: this.config.resultTimeoutSeconds, external: this.config.resultTimeoutSeconds },
      webhookAllowedHosts: this.config.webhookAllowedHosts,
    };
  }

  private platformDefault(modelName: string): RetrainingPolicy {
    const { enabled, minSeverity, cooldownSeconds, trainer } = this.config.defaultPolicy;
    return {
      modelName,
      enabled,
      minSeverity,
      cooldownSeconds,
      trainer: { kind: 'command', command: trainer, url: null, queue: null, settings: {}, timeoutSeconds: this.config.commandTimeoutSeconds },
      experimentName: null,
      source: 'DEFAULT',
      updatedBy: null,
      updatedAt: null,
    };
  }
}

function summary(policy: Omit<RetrainingPolicyInput, 'trainer'> & { trainer: RetrainingPolicy['trainer'] }): Record<string, unknown> {
  const { kind, command, url, queue, timeoutSeconds } = policy.trainer;
  return { enabled: policy.enabled, minSeverity: policy.minSeverity, cooldownSeconds: policy.cooldownSeconds, experimentName: policy.experimentName, trainer: { kind, command, url, queue, timeoutSeconds } };
}
