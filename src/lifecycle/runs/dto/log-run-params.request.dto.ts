import { ApiProperty } from '@nestjs/swagger';

import { KEY_RULE } from '../../../common/validation/patterns.js';
import { PARAM_VALUE_MAX_LENGTH, PARAMS_RULE } from './run-limits.js';
import { IsStringMap } from './string-map.validator.js';

export class LogTrackedRunParamsRequestDto {
  @ApiProperty({
    type: 'object',
    minProperties: 1,
    maxProperties: PARAMS_RULE.maxEntries,
    additionalProperties: { type: 'string', maxLength: PARAM_VALUE_MAX_LENGTH },
    example: { lr: '0.01', lookback: '20' },
    description: `1 to ${PARAMS_RULE.maxEntries} params; keys are ${KEY_RULE}. A key logged before must carry the same value.`,
  })
  @IsStringMap({ ...PARAMS_RULE, minEntries: 1 })
  params: Record<string, string>;
}
