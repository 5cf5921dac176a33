import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { USAGE_OUTCOMES, type UsageOutcome } from '../../../../libs/contracts/src/index.js';
import { MAX_OUTPUT_CHARS } from '../usage-report.validator.js';

/**
 * Documents the body only: usage reports are validated by hand (validateUsageReport), not by the global
 * ValidationPipe, to keep the ingestion path cheap.
 */
export class PromptUsageReportRequestDto {
  @ApiProperty({ example: 'c5a1e0f4-2b2e-4a8a-9a3e-0d9d4f1d2a77', description: 'The client’s id for this execution (1-128 of A-Z a-z 0-9 . _ : -); a retry with the same id is recorded once' })
  id: string;

  @ApiProperty({ example: 'robo-advisor-api', description: 'The calling service' })
  caller: string;

  @ApiProperty({ example: '2025-05-01T09:30:00.000Z', description: 'When the execution happened (ISO-8601 with a time zone)' })
  timestamp: string;

  @ApiProperty({ example: 812.5, minimum: 0, maximum: 3_600_000 })
  latencyMs: number;

  @ApiProperty({ example: 420, minimum: 0 })
  tokensIn: number;

  @ApiProperty({ example: 96, minimum: 0 })
  tokensOut: number;

  @ApiPropertyOptional({ example: 0.0031, minimum: 0, default: 0 })
  cost?: number;

  @ApiProperty({ enum: USAGE_OUTCOMES })
  outcome: UsageOutcome;

  @ApiPropertyOptional({ example: 'rate_limited', description: 'Required when outcome is error, refused otherwise' })
  errorCode?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: 'Input variables: hashed, and kept raw only when the template allows it' })
  variables?: Record<string, string>;

  @ApiPropertyOptional({ description: 'The SHA-256 (hex) of the variables, for clients that do not send them' })
  variablesHash?: string;

  @ApiPropertyOptional({ maxLength: MAX_OUTPUT_CHARS, description: 'The model output; checked for toxicity and PII' })
  output?: string;
}

export class PromptUsageBatchRequestDto {
  @ApiProperty({ type: [PromptUsageReportRequestDto], minItems: 1, maxItems: 1000 })
  entries: PromptUsageReportRequestDto[];
}
