import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

import { QUEUE_NAME_PATTERN } from '../policies/trainer-spec.js';

const WORKER = /^[A-Za-z0-9._@:-]{1,128}$/;

export class ClaimRetrainingJobRequestDto {
  @ApiProperty({ example: 'risk-team-trainer-7f3a', pattern: WORKER.source, description: 'Who claims the job: shown on the job as its worker' })
  @IsString()
  @Matches(WORKER, { message: 'worker must be 1-128 letters, digits or . _ @ : -' })
  worker: string;
}

export class ClaimNextRetrainingJobRequestDto extends ClaimRetrainingJobRequestDto {
  @ApiPropertyOptional({ type: [String], minItems: 1, maxItems: 20, pattern: QUEUE_NAME_PATTERN.source, example: ['risk-models'], description: 'Queues to take a job from; default every queue of the trainer key' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @Matches(QUEUE_NAME_PATTERN, { each: true, message: 'each queue must be 1-64 letters, digits, _ or -' })
  queues?: string[];
}

export class RetrainingProgressRequestDto {
  @ApiProperty({ example: 0.4, minimum: 0, maximum: 1, description: 'Fraction done' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  progress: number;

  @ApiPropertyOptional({ example: 'epoch 120/300', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  message?: string;
}

export class RetrainingFailureRequestDto {
  @ApiProperty({ example: 'Feature store returned no rows for 2026-11', minLength: 1, maxLength: 5000 })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  reason: string;

  @ApiPropertyOptional({ default: false, description: 'External trainers: another attempt may succeed; the job goes back to its queue after a backoff while attempts remain' })
  @IsOptional()
  @IsBoolean()
  retryable?: boolean;
}
