import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNumber, IsOptional, Matches, Max, Min } from 'class-validator';

import { Bool, Text } from '../../common/validation/fields.js';
import { QUEUE_NAME_PATTERN } from '../policies/trainer-spec.js';

const WORKER = /^[A-Za-z0-9._@:-]{1,128}$/;

export class ClaimRetrainingJobRequestDto {
  @Text({ example: 'risk-team-trainer-7f3a', pattern: WORKER, message: 'worker must be 1-128 letters, digits or . _ @ : -', description: 'Who claims the job: shown on the job as its worker' })
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

  @Text({ optional: true, example: 'epoch 120/300', maxLength: 1000 })
  message?: string;
}

export class RetrainingFailureRequestDto {
  @Text({ example: 'Feature store returned no rows for 2026-11', minLength: 1, maxLength: 5000 })
  reason: string;

  @Bool({ optional: true, default: false, description: 'External trainers: another attempt may succeed; the job goes back to its queue after a backoff while attempts remain' })
  retryable?: boolean;
}
