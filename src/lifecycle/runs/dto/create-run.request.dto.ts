import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

import { IsDateTime } from '../../../common/validation/date-time.js';
import { KEY_RULE, NAME_PATTERN, NAME_RULE, OBJECT_ID_PATTERN } from '../../../common/validation/patterns.js';
import { PARAM_VALUE_MAX_LENGTH, PARAMS_RULE, TAG_VALUE_MAX_LENGTH, TAGS_RULE, URI_PATTERN } from './run-limits.js';
import { IsStringMap } from './string-map.validator.js';

export class CreateTrackedRunRequestDto {
  @ApiProperty({ example: '665f1c2b9d1e8a0012345678', pattern: OBJECT_ID_PATTERN.source, description: 'An experiment that exists and is not archived' })
  @IsString()
  @Matches(OBJECT_ID_PATTERN, { message: 'experimentId must be a 24-character hexadecimal id' })
  experimentId: string;

  @ApiPropertyOptional({ example: 'lr-sweep-07', pattern: NAME_PATTERN.source, description: `${NAME_RULE}; made from the id when absent` })
  @IsOptional()
  @IsString()
  @Matches(NAME_PATTERN, { message: `name must be ${NAME_RULE}` })
  name?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'When training started; the time of the request when absent' })
  @IsOptional()
  @IsDateTime()
  startTime?: string;

  @ApiPropertyOptional({ example: 's3://ml-artifacts/kospi-momentum/lr-sweep-07/', maxLength: 2000, pattern: URI_PATTERN.source })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(URI_PATTERN, { message: 'artifactUri must be a URI with a scheme, such as s3://bucket/path' })
  artifactUri?: string;

  @ApiPropertyOptional({
    type: 'object',
    maxProperties: PARAMS_RULE.maxEntries,
    additionalProperties: { type: 'string', maxLength: PARAM_VALUE_MAX_LENGTH },
    example: { lr: '0.01', lookback: '20' },
    description: `Hyper-parameters, at most ${PARAMS_RULE.maxEntries}; keys are ${KEY_RULE}`,
  })
  @IsOptional()
  @IsStringMap(PARAMS_RULE)
  params?: Record<string, string>;

  @ApiPropertyOptional({
    type: 'object',
    maxProperties: TAGS_RULE.maxEntries,
    additionalProperties: { type: 'string', maxLength: TAG_VALUE_MAX_LENGTH },
    example: { team: 'alpha' },
    description: `At most ${TAGS_RULE.maxEntries}; keys are ${KEY_RULE}`,
  })
  @IsOptional()
  @IsStringMap(TAGS_RULE)
  tags?: Record<string, string>;
}
