import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import type { DriftSeverity } from '../../../../libs/contracts/src/index.js';
import { InvalidInputError } from '../../../common/errors/domain.errors.js';
import { RegisteredModelsService } from '../../registry/registered-models.service.js';
import type { RetrainingConfig, RetrainingConfigNamespace } from '../retraining.config.js';
import type { RetrainingPolicy } from './retraining-policy.js';
import { RetrainingPoliciesRepository } from './retraining-policies.repository.js';
import { resolveTrainerSpec, type TrainerRules, type TrainerSpecInput } from './trainer-spec.js';

export interface RetrainingPolicyInput {
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

  async put(modelName: string, input: RetrainingPolicyInput, actor: string): Promise<RetrainingPolicy> {
    await this.models.get(modelName);
    const resolved = resolveTrainerSpec(input.trainer, this.trainerRules());
    if (!resolved.spec) throw new InvalidInputError(`The retraining policy is invalid: ${resolved.errors.map((e) => e.message).join('; ')}`, resolved.errors);
    return this.policies.put(modelName, { ...input, trainer: resolved.spec }, actor);
  }

  trainerRules(): TrainerRules {
    return {
      commandTrainers: Object.keys(this.config.commandTrainers),
      defaultTimeoutSeconds: { command: this.config.commandTimeoutSeconds, webhook: this.config.resultTimeoutSeconds, external: this.config.resultTimeoutSeconds },
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
