import { ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, ValidateNested } from 'class-validator';

import { CatalogEntryRequestDto } from '../../../common/validation/catalog-entry.request.dto.js';
import { Bool, Text } from '../../../common/validation/fields.js';
import { KEY_PATTERN, KEY_RULE, NAME_PATTERN, NAME_RULE } from '../../../common/validation/patterns.js';
import { LOWER_IS_BETTER_NAMES, type MetricDirection } from '../comparison/metric-directions.js';
import type { ChecklistTemplateItem } from '../registered-model.js';
import { IsMetricDirections, MAX_DECLARED_DIRECTIONS } from './record.validators.js';

export const MAX_CHECKLIST_ITEMS = 50;

/** One approval item a model's new versions start with (unchecked). */
export class ChecklistTemplateItemDto implements ChecklistTemplateItem {
  @Text({ example: 'risk-review', pattern: KEY_PATTERN, message: `key must be ${KEY_RULE}`, description: `Unique within the checklist; ${KEY_RULE}. The key \`evaluation\` is checked by the evaluation harness.` })
  key: string;

  @Text({ example: 'Risk committee reviewed the backtest and exposures', maxLength: 2000 })
  description: string;

  @Bool({ description: 'Whether the item must be checked before the version can enter PRODUCTION' })
  required: boolean;
}

export class CreateModelRequestDto extends CatalogEntryRequestDto {
  @Text({ example: 'kospi-momentum', pattern: NAME_PATTERN, message: `name must be ${NAME_RULE}`, description: `Unique across the registry and immutable; used in paths (URL-encode it). ${NAME_RULE}` })
  name: string;

  @ApiPropertyOptional({
    type: 'object',
    maxProperties: MAX_DECLARED_DIRECTIONS,
    additionalProperties: { type: 'string', enum: ['higher', 'lower'] },
    example: { sharpe: 'higher', turnover: 'lower' },
    description:
      `Which way each metric improves, used by comparisons (at most ${MAX_DECLARED_DIRECTIONS}). Undeclared metrics default to ` +
      `lower-is-better when named (or suffixed _name) ${LOWER_IS_BETTER_NAMES.join(', ')}, and higher-is-better otherwise. Keys are ${KEY_RULE}.`,
  })
  @IsOptional()
  @IsMetricDirections()
  metricDirections?: Record<string, MetricDirection>;

  @ApiPropertyOptional({ type: [ChecklistTemplateItemDto], maxItems: MAX_CHECKLIST_ITEMS, description: 'The approval checklist each new version starts from; each key once' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_CHECKLIST_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => ChecklistTemplateItemDto)
  defaultChecklist?: ChecklistTemplateItemDto[];
}

/** Everything but the name, which versions and paths refer to. A new default checklist applies to versions created afterwards. */
export class UpdateModelRequestDto extends PartialType(OmitType(CreateModelRequestDto, ['name'] as const)) {}
