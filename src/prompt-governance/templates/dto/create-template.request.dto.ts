import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';

import { DECLARED_RISK_LEVELS, type DeclaredRiskLevel } from '../../../../libs/contracts/src/index.js';
import { NAME_PATTERN, NAME_RULE } from '../../../common/validation/patterns.js';
import { PromptPolicyDto, PromptVersionContentRequestDto } from './prompt-content.request.dto.js';

export class CreatePromptTemplateRequestDto {
  @ApiProperty({ example: 'fund-factsheet-summary', description: `Unique across the platform; ${NAME_RULE}` })
  @IsString()
  @Matches(NAME_PATTERN, { message: `name must be ${NAME_RULE}` })
  name: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiProperty({ example: 'wealth-genai', description: 'The team that owns the template' })
  @IsString()
  @Matches(NAME_PATTERN, { message: `owner must be ${NAME_RULE}` })
  owner: string;

  @ApiPropertyOptional({ type: [String], example: ['wealth', 'summaries'], maxItems: 50 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  tags?: string[];

  @ApiProperty({ enum: DECLARED_RISK_LEVELS, description: 'The risk the author declares; the derived grade is never lower' })
  @IsIn(DECLARED_RISK_LEVELS)
  declaredRiskLevel: DeclaredRiskLevel;

  @ApiPropertyOptional({ type: [PromptPolicyDto], description: 'Policies the evaluation checks; each id at most once' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => PromptPolicyDto)
  policies?: PromptPolicyDto[];

  @ApiPropertyOptional({ default: false, description: 'Keep raw variable values in usage entries (otherwise only their hash)' })
  @IsOptional()
  @IsBoolean()
  logRawVariables?: boolean;

  @ApiProperty({ type: PromptVersionContentRequestDto, description: 'Version 1, created as a draft' })
  @IsObject()
  @ValidateNested()
  @Type(() => PromptVersionContentRequestDto)
  firstVersion: PromptVersionContentRequestDto;
}
