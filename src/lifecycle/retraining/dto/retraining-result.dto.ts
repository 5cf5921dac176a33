import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString } from 'class-validator';

import { RESULT_LIMITS } from '../../../../libs/contracts/src/index.js';

/**
 * The result a trainer reports (contract v1). The declared types document it; the contract's own parser
 * checks every entry in the service, so the API and the trainers validate with the same code.
 */
export class RetrainingResultDto {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { accuracy: 0.85, log_loss: 0.35, auc: 0.93 }, description: `Finite numbers, 1 to ${RESULT_LIMITS.metrics} entries` })
  @IsObject()
  metrics: Record<string, number>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, example: { epochs: '300' }, description: `At most ${RESULT_LIMITS.params}; numbers and booleans become strings` })
  @IsOptional()
  @IsObject()
  params?: Record<string, string>;

  @ApiProperty({ example: 's3://models/kospi-momentum/42/model.json', description: 'Where the trained model is; the new version points there' })
  @IsString()
  artifactUri: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: `At most ${RESULT_LIMITS.tags}; added to the run's tags` })
  @IsOptional()
  @IsObject()
  tags?: Record<string, string>;
}
