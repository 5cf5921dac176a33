import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';

import { USAGE_OUTCOMES, type UsageOutcome } from '../../../../libs/contracts/src/index.js';
import { absent, ApiSchemaRules, present } from '../../../common/openapi/api-schema-rules.decorator.js';
import { NAME_PATTERN } from '../../../common/validation/patterns.js';
import { VARIABLE_RULE } from '../../templates/prompt-content.js';
import {
  ERROR_CODE_PATTERN,
  HASH_PATTERN,
  MAX_COST,
  MAX_LATENCY_MS,
  MAX_OUTPUT_CHARS,
  MAX_TOKENS,
  MAX_VARIABLE_CHARS,
  MAX_VARIABLES,
  USAGE_ID_PATTERN,
} from '../usage-report.validator.js';

/**
 * Documents the body only: usage reports are validated by hand (validateUsageReport), not by the global
 * ValidationPipe, to keep the ingestion path cheap. An error carries its code, a success none; the
 * variables come as values or as their hash, not both.
 */
@ApiSchemaRules({
  allOf: [
    {
      oneOf: [
        { properties: { outcome: { enum: ['error'] } }, required: ['errorCode'] },
        { properties: { outcome: { enum: ['success'] } }, ...absent('errorCode') },
      ],
    },
    { not: present('variables', 'variablesHash') },
  ],
})
export class PromptUsageReportRequestDto {
  @ApiProperty({ example: 'c5a1e0f4-2b2e-4a8a-9a3e-0d9d4f1d2a77', pattern: USAGE_ID_PATTERN.source, description: 'The client’s id for this execution (1-128 of A-Z a-z 0-9 . _ : -); a retry with the same id is recorded once' })
  id: string;

  @ApiProperty({ example: 'robo-advisor-api', pattern: NAME_PATTERN.source, description: 'The calling service' })
  caller: string;

  @ApiProperty({ format: 'date-time', example: '2025-05-01T09:30:00.000Z', description: 'When the execution happened: after 2000-01-01 and at most a day ahead of the platform’s clock' })
  timestamp: string;

  @ApiProperty({ example: 812.5, minimum: 0, maximum: MAX_LATENCY_MS })
  latencyMs: number;

  @ApiProperty({ type: 'integer', example: 420, minimum: 0, maximum: MAX_TOKENS })
  tokensIn: number;

  @ApiProperty({ type: 'integer', example: 96, minimum: 0, maximum: MAX_TOKENS })
  tokensOut: number;

  @ApiPropertyOptional({ example: 0.0031, minimum: 0, maximum: MAX_COST, default: 0 })
  cost?: number;

  @ApiProperty({ enum: USAGE_OUTCOMES })
  outcome: UsageOutcome;

  @ApiPropertyOptional({ pattern: ERROR_CODE_PATTERN.source, description: 'Required when outcome is error, refused otherwise' })
  errorCode?: string;

  @ApiPropertyOptional({
    type: 'object',
    maxProperties: MAX_VARIABLES,
    additionalProperties: { type: 'string', maxLength: MAX_VARIABLE_CHARS },
    description: `Input variables, named ${VARIABLE_RULE}: hashed, and kept raw only when the template allows it`,
  })
  variables?: Record<string, string>;

  @ApiPropertyOptional({ pattern: HASH_PATTERN.source, description: 'The SHA-256 (lower-case hex) of the variables, for clients that do not send them' })
  variablesHash?: string;

  @ApiPropertyOptional({ maxLength: MAX_OUTPUT_CHARS, description: 'The model output; checked for toxicity and PII' })
  output?: string;
}

/** Entries are answered one by one: one that is not a valid report is answered `invalid`, with its errors, and the others are recorded. */
export class PromptUsageBatchRequestDto {
  @ApiProperty({
    type: 'array',
    minItems: 1,
    maxItems: 1000,
    items: { anyOf: [{ $ref: getSchemaPath(PromptUsageReportRequestDto) }, {}] },
    description: 'Usage reports; any entry that is not one is answered as invalid in its place, without failing the batch',
  })
  entries: unknown[];
}
