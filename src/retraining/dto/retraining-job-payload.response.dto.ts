import { ApiProperty } from '@nestjs/swagger';

import {
  RETRAINING_CONTRACT_VERSION,
  RETRAINING_TRAINER_KINDS,
  type RetrainingJobPayload,
  type RetrainingTrainerKind,
} from '../../../libs/contracts/src/index.js';
import { RetrainingTriggerPartsDto } from './retraining-job.response.dto.js';

class PayloadTriggerDto extends RetrainingTriggerPartsDto {
  @ApiProperty({ type: [String] })
  driftEventIds: string[];

  @ApiProperty({ type: String, nullable: true, description: 'The display name of whoever asked for the retraining' })
  requestedBy: string | null;
}

class PayloadTrainerDto {
  @ApiProperty({ enum: RETRAINING_TRAINER_KINDS })
  kind: RetrainingTrainerKind;

  @ApiProperty({ type: 'object', additionalProperties: true })
  settings: Record<string, unknown>;
}

class CompletionPathsDto {
  @ApiProperty()
  claim: string;

  @ApiProperty()
  progress: string;

  @ApiProperty()
  complete: string;

  @ApiProperty()
  fail: string;

  @ApiProperty()
  release: string;
}

class PayloadCredentialsDto {
  @ApiProperty({ description: 'The job token: Authorization: Bearer <token> on the completion calls of this job' })
  token: string;

  @ApiProperty({ type: String, format: 'date-time', description: 'The job\'s result deadline' })
  expiresAt: string;
}

/** The job as a trainer receives it (contract v1, libs/contracts/src/retraining.ts). */
export class RetrainingJobPayloadResponseDto implements RetrainingJobPayload {
  @ApiProperty({ enum: [RETRAINING_CONTRACT_VERSION] })
  contractVersion: typeof RETRAINING_CONTRACT_VERSION;

  @ApiProperty()
  jobId: string;

  @ApiProperty()
  modelName: string;

  @ApiProperty({ description: 'Execution number, over every round' })
  attempt: number;

  @ApiProperty({ type: PayloadTriggerDto })
  trigger: PayloadTriggerDto;

  @ApiProperty({ type: PayloadTrainerDto })
  trainer: PayloadTrainerDto;

  @ApiProperty({ type: String, nullable: true })
  artifactDir: string | null;

  @ApiProperty({ type: CompletionPathsDto })
  completion: CompletionPathsDto;

  @ApiProperty({ type: String, nullable: true })
  callbackBaseUrl: string | null;

  @ApiProperty({ type: PayloadCredentialsDto, nullable: true })
  credentials: PayloadCredentialsDto | null;

  static from(payload: RetrainingJobPayload): RetrainingJobPayloadResponseDto {
    return Object.assign(new RetrainingJobPayloadResponseDto(), payload);
  }
}
