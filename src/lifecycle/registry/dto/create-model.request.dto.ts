import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';

import { CatalogEntryRequestDto } from '../../../common/validation/catalog-entry.request.dto.js';
import { KEY_RULE, NAME_PATTERN, NAME_RULE } from '../../../common/validation/patterns.js';
import { LOWER_IS_BETTER_NAMES, type MetricDirection } from '../comparison/metric-directions.js';
import { ChecklistTemplateItemDto } from './checklist-template-item.dto.js';
import { IsMetricDirections, MAX_DECLARED_DIRECTIONS } from './record.validators.js';

export const MAX_CHECKLIST_ITEMS = 50;

export class CreateModelRequestDto extends CatalogEntryRequestDto {
  @ApiProperty({ example: 'kospi-momentum', pattern: NAME_PATTERN.source, description: `Unique across the registry and immutable; used in paths (URL-encode it). ${NAME_RULE}` })
  @IsString()
  @Matches(NAME_PATTERN, { message: `name must be ${NAME_RULE}` })
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
