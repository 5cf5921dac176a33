import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsString, Matches, MaxLength } from 'class-validator';

import { DECLARED_RISK_LEVELS, type DeclaredRiskLevel } from '../../../../libs/contracts/src/index.js';
import { NAME_PATTERN, NAME_RULE } from '../../../common/validation/patterns.js';
import { NestedObject, Omittable } from '../../shared/field-presence.js';
import { PromptPolicyDto, PromptVersionContentRequestDto } from './prompt-content.request.dto.js';

export class CreatePromptTemplateRequestDto {
  @ApiProperty({ example: 'fund-factsheet-summary', pattern: NAME_PATTERN.source, description: `Unique across the platform; ${NAME_RULE}` })
  @IsString()
  @Matches(NAME_PATTERN, { message: `name must be ${NAME_RULE}` })
  name: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsString()
  @MaxLength(5000)
  @Omittable()
  description?: string;

  @ApiProperty({ example: 'wealth-genai', pattern: NAME_PATTERN.source, description: 'The team that owns the template' })
  @IsString()
  @Matches(NAME_PATTERN, { message: `owner must be ${NAME_RULE}` })
  owner: string;

  @ApiPropertyOptional({ type: [String], example: ['wealth', 'summaries'], maxItems: 50, maxLength: 100 })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  @Omittable()
  tags?: string[];

  @ApiProperty({ enum: DECLARED_RISK_LEVELS, description: 'The risk the author declares; the derived grade is never lower' })
  @IsIn(DECLARED_RISK_LEVELS)
  declaredRiskLevel: DeclaredRiskLevel;

  @ApiPropertyOptional({ type: [PromptPolicyDto], maxItems: 10, description: 'Policies the evaluation checks; each id at most once' })
  @IsArray()
  @ArrayMaxSize(10)
  @NestedObject(() => PromptPolicyDto, { each: true, optional: true })
  @Omittable()
  policies?: PromptPolicyDto[];

  @ApiPropertyOptional({ default: false, description: 'Keep raw variable values in usage entries (otherwise only their hash)' })
  @IsBoolean()
  @Omittable()
  logRawVariables?: boolean;

  @ApiProperty({ type: PromptVersionContentRequestDto, description: 'Version 1, created as a draft' })
  @NestedObject(() => PromptVersionContentRequestDto)
  firstVersion: PromptVersionContentRequestDto;
}
