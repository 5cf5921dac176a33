import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import type { FieldError } from './domain.errors.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const PROBLEM_TYPE_BASE = 'https://mlops.internal/problems/';

export class FieldErrorDto implements FieldError {
  @ApiProperty({ example: 'name' })
  field: string;

  @ApiProperty({ example: 'name must be shorter than or equal to 200 characters' })
  message: string;
}

/** RFC 9457 problem document: the single error shape of the whole API. */
export class ProblemDetailsDto {
  @ApiProperty({ example: `${PROBLEM_TYPE_BASE}not-found` })
  type: string;

  @ApiProperty({ example: 'Resource not found' })
  title: string;

  @ApiProperty({ example: 404 })
  status: number;

  @ApiProperty({ example: "Experiment '665f1c2b9d1e8a0012345678' does not exist" })
  detail: string;

  @ApiPropertyOptional({ example: '/api/v1/ml/lifecycle/experiments/665f1c2b9d1e8a0012345678' })
  instance?: string;

  @ApiPropertyOptional({ example: '4d7f1b1e-2c0a-4d55-9a0c-3b1f6e0f5a11' })
  requestId?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];
}
