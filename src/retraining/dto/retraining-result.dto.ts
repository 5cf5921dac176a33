import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString } from 'class-validator';

import { RESULT_LIMITS } from '../../../libs/contracts/src/index.js';
import { KEY_RULE } from '../../common/validation/patterns.js';
import { URI_PATTERN } from '../../lifecycle/index.js';

/**
 * The result a trainer reports (contract v1). The declared types document it; the contract's own parser
 * checks every entry in the service, so the API and the trainers validate with the same code. Keys are
 * KEY_RULE, a rule OpenAPI 3.0 cannot state on the keys of a map (a 422 when only keys are wrong).
 */
export class RetrainingResultDto {
  @ApiProperty({
    type: 'object',
    minProperties: 1,
    maxProperties: RESULT_LIMITS.metrics,
    additionalProperties: { type: 'number' },
    example: { accuracy: 0.85, log_loss: 0.35, auc: 0.93 },
    description: `Finite numbers, 1 to ${RESULT_LIMITS.metrics} entries; keys are ${KEY_RULE}`,
  })
  @IsObject()
  metrics: Record<string, number>;

  @ApiPropertyOptional({
    type: 'object',
    maxProperties: RESULT_LIMITS.params,
    additionalProperties: { oneOf: [{ type: 'string', maxLength: RESULT_LIMITS.valueLength }, { type: 'number' }, { type: 'boolean' }] },
    example: { epochs: '300' },
    description: `At most ${RESULT_LIMITS.params}; numbers and booleans become strings`,
  })
  @IsOptional()
  @IsObject()
  params?: Record<string, string>;

  @ApiProperty({ example: 's3://models/kospi-momentum/42/model.json', pattern: URI_PATTERN.source, maxLength: RESULT_LIMITS.artifactUriLength, description: 'Where the trained model is; the new version points there' })
  @IsString()
  artifactUri: string;

  @ApiPropertyOptional({
    type: 'object',
    maxProperties: RESULT_LIMITS.tags,
    additionalProperties: { type: 'string', maxLength: RESULT_LIMITS.valueLength },
    description: `At most ${RESULT_LIMITS.tags}; added to the run's tags`,
  })
  @IsOptional()
  @IsObject()
  tags?: Record<string, string>;
}
