import { ApiProperty } from '@nestjs/swagger';

import { DRIFT_SEVERITIES, RETRAINING_TRAINER_KINDS, type DriftSeverity, type RetrainingTrainerKind } from '../../../libs/contracts/src/index.js';
import { ActorResponseDto } from '../../common/auth/actor.response.dto.js';
import type { TrainerSpec } from '../jobs/retraining-job.js';
import { experimentNameFor, type RetrainingPolicy } from '../policies/retraining-policy.js';

export class TrainerSpecResponseDto {
  @ApiProperty({ enum: RETRAINING_TRAINER_KINDS })
  kind: RetrainingTrainerKind;

  @ApiProperty({ type: String, nullable: true })
  command: string | null;

  @ApiProperty({ type: String, nullable: true })
  url: string | null;

  @ApiProperty({ type: String, nullable: true })
  queue: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true })
  settings: Record<string, unknown>;

  @ApiProperty()
  timeoutSeconds: number;

  static from(spec: TrainerSpec): TrainerSpecResponseDto {
    return Object.assign(new TrainerSpecResponseDto(), spec);
  }
}

export class RetrainingPolicyResponseDto {
  @ApiProperty()
  modelName: string;

  @ApiProperty()
  enabled: boolean;

  @ApiProperty({ enum: DRIFT_SEVERITIES })
  minSeverity: DriftSeverity;

  @ApiProperty()
  cooldownSeconds: number;

  @ApiProperty({ type: TrainerSpecResponseDto })
  trainer: TrainerSpecResponseDto;

  @ApiProperty({ description: 'The experiment that receives the runs' })
  experimentName: string;

  @ApiProperty({ enum: ['MODEL', 'DEFAULT'], description: 'MODEL: set for this model; DEFAULT: the platform default from configuration' })
  source: 'MODEL' | 'DEFAULT';

  @ApiProperty({ type: ActorResponseDto, nullable: true })
  updatedBy: ActorResponseDto | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  updatedAt: Date | null;

  static from(policy: RetrainingPolicy): RetrainingPolicyResponseDto {
    return Object.assign(new RetrainingPolicyResponseDto(), { ...policy, trainer: TrainerSpecResponseDto.from(policy.trainer), experimentName: experimentNameFor(policy) });
  }
}
