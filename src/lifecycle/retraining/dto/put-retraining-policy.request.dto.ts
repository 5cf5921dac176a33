import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';

import { DRIFT_SEVERITIES, RETRAINING_TRAINER_KINDS, type DriftSeverity, type RetrainingTrainerKind } from '../../../../libs/contracts/src/index.js';
import { NAME_PATTERN, NAME_RULE } from '../../../common/validation/patterns.js';

export class TrainerSpecRequestDto {
  @ApiProperty({ enum: RETRAINING_TRAINER_KINDS, description: 'command: a configured executable run by the platform worker; webhook: POSTed to a URL that reports back; external: left to another team\'s worker (libs/worker)' })
  @IsIn(RETRAINING_TRAINER_KINDS)
  kind: RetrainingTrainerKind;

  @ApiPropertyOptional({ example: 'logistic-regression', description: 'command only: the name of a trainer configured in RETRAINING_COMMAND_TRAINERS' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  command?: string;

  @ApiPropertyOptional({ example: 'https://trainers.internal/retrain', description: 'webhook only: where the job is POSTed' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ example: 'retraining-external', description: 'external only: the queue the other team\'s workers consume (default retraining-external)' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  queue?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { epochs: 300, learningRate: 0.5 }, description: 'Handed to the trainer as is (at most 16 KiB)' })
  @IsOptional()
  @IsObject()
  settings?: Record<string, unknown>;

  @ApiPropertyOptional({ example: 3600, minimum: 1, maximum: 604800, description: 'command: how long it may run; webhook and external: how long the platform waits for the result' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(7 * 86400)
  timeoutSeconds?: number;
}

export class PutRetrainingPolicyRequestDto {
  @ApiProperty({ description: 'Whether drift events trigger retraining (a manual trigger always may)' })
  @IsBoolean()
  enabled: boolean;

  @ApiProperty({ enum: DRIFT_SEVERITIES, example: 'HIGH', description: 'The lowest drift severity that triggers' })
  @IsIn(DRIFT_SEVERITIES)
  minSeverity: DriftSeverity;

  @ApiProperty({ example: 3600, minimum: 0, maximum: 31536000, description: 'After a job, drift opens no new job for this long (events still attach to an open job)' })
  @IsInt()
  @Min(0)
  @Max(365 * 86400)
  cooldownSeconds: number;

  @ApiProperty({ type: TrainerSpecRequestDto })
  @ValidateNested()
  @Type(() => TrainerSpecRequestDto)
  trainer: TrainerSpecRequestDto;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'retraining:kospi-momentum', description: `The experiment that receives the runs; default retraining:<model>. ${NAME_RULE}` })
  @IsOptional()
  @IsString()
  @Matches(NAME_PATTERN, { message: `experimentName must be ${NAME_RULE}` })
  experimentName?: string | null;
}
