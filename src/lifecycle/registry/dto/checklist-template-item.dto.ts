import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsString, Matches, MaxLength } from 'class-validator';

import { KEY_PATTERN, KEY_RULE } from '../../../common/validation/patterns.js';
import type { ChecklistTemplateItem } from '../registered-model.js';

/** One approval item a model's new versions start with (unchecked). */
export class ChecklistTemplateItemDto implements ChecklistTemplateItem {
  @ApiProperty({ example: 'risk-review', pattern: KEY_PATTERN.source, description: `Unique within the checklist; ${KEY_RULE}. The key \`evaluation\` is checked by the evaluation harness.` })
  @IsString()
  @Matches(KEY_PATTERN, { message: `key must be ${KEY_RULE}` })
  key: string;

  @ApiProperty({ example: 'Risk committee reviewed the backtest and exposures', maxLength: 2000 })
  @IsString()
  @MaxLength(2000)
  description: string;

  @ApiProperty({ description: 'Whether the item must be checked before the version can enter PRODUCTION' })
  @IsBoolean()
  required: boolean;
}
