import { DRIFT_SEVERITIES, RETRAINING_TRAINER_KINDS } from '../../../libs/contracts/src/index.js';
import { ActorResponseDto } from '../../common/auth/actor.response.dto.js';
import { ApiModel, NULLABLE_DATE_TIME, type Json } from '../../common/openapi/api-model.js';
import type { TrainerSpec } from '../jobs/retraining-job.js';
import { experimentNameFor, type RetrainingPolicy } from '../policies/retraining-policy.js';

export class TrainerSpecResponseDto extends ApiModel<TrainerSpec>({
  kind: { enum: RETRAINING_TRAINER_KINDS },
  command: { type: String, nullable: true },
  url: { type: String, nullable: true },
  queue: { type: String, nullable: true },
  settings: { type: 'object', additionalProperties: true },
  timeoutSeconds: { type: Number },
}) {
  static from(spec: TrainerSpec): TrainerSpecResponseDto {
    return Object.assign(new TrainerSpecResponseDto(), spec);
  }
}

/** The policy as answered: the experiment name resolved to its default when the policy names none. */
type ShownPolicy = Omit<Json<RetrainingPolicy>, 'experimentName'> & { experimentName: string };

export class RetrainingPolicyResponseDto extends ApiModel<ShownPolicy>({
  modelName: { type: String },
  enabled: { type: Boolean },
  minSeverity: { enum: DRIFT_SEVERITIES },
  cooldownSeconds: { type: Number },
  trainer: { type: TrainerSpecResponseDto },
  experimentName: { type: String, description: 'The experiment that receives the runs' },
  source: { enum: ['MODEL', 'DEFAULT'], description: 'MODEL: set for this model; DEFAULT: the platform default from configuration' },
  updatedBy: { type: ActorResponseDto, nullable: true },
  updatedAt: NULLABLE_DATE_TIME,
}) {
  static from(policy: RetrainingPolicy): RetrainingPolicyResponseDto {
    return Object.assign(new RetrainingPolicyResponseDto(), { ...policy, trainer: TrainerSpecResponseDto.from(policy.trainer), experimentName: experimentNameFor(policy) });
  }
}
