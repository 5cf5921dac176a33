import { RETRAINING_CONTRACT_VERSION, RETRAINING_TRAINER_KINDS, type RetrainingJobPayload } from '../../../libs/contracts/src/index.js';
import { ApiModel } from '../../common/openapi/api-model.js';
import { TRIGGER_PARTS } from './retraining-job.response.dto.js';

class PayloadTriggerDto extends ApiModel<RetrainingJobPayload['trigger']>({
  ...TRIGGER_PARTS,
  driftEventIds: { type: [String] },
  requestedBy: { type: String, nullable: true, description: 'The display name of whoever asked for the retraining' },
}) {}

class PayloadTrainerDto extends ApiModel<RetrainingJobPayload['trainer']>({
  kind: { enum: RETRAINING_TRAINER_KINDS },
  settings: { type: 'object', additionalProperties: true },
}) {}

class CompletionPathsDto extends ApiModel<RetrainingJobPayload['completion']>({
  claim: { type: String },
  progress: { type: String },
  complete: { type: String },
  fail: { type: String },
  release: { type: String },
}) {}

class PayloadCredentialsDto extends ApiModel<NonNullable<RetrainingJobPayload['credentials']>>({
  token: { type: String, description: 'The job token: Authorization: Bearer <token> on the completion calls of this job' },
  expiresAt: { type: String, format: 'date-time', description: "The job's result deadline" },
}) {}

/** The job as a trainer receives it (contract v1, libs/contracts/src/retraining.ts). */
export class RetrainingJobPayloadResponseDto extends ApiModel<RetrainingJobPayload>({
  contractVersion: { enum: [RETRAINING_CONTRACT_VERSION] },
  jobId: { type: String },
  modelName: { type: String },
  attempt: { type: Number, description: 'Execution number, over every round' },
  trigger: { type: PayloadTriggerDto },
  trainer: { type: PayloadTrainerDto },
  artifactDir: { type: String, nullable: true },
  completion: { type: CompletionPathsDto },
  callbackBaseUrl: { type: String, nullable: true },
  credentials: { type: PayloadCredentialsDto, nullable: true },
}) {
  static from(payload: RetrainingJobPayload): RetrainingJobPayloadResponseDto {
    return Object.assign(new RetrainingJobPayloadResponseDto(), payload);
  }
}
