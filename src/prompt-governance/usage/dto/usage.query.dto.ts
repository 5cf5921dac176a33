import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBooleanString, IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';

import { USAGE_OUTCOMES, type UsageOutcome } from '../../../../libs/contracts/src/index.js';
import { NAME_PATTERN } from '../../../common/validation/patterns.js';
import { PromptPageQueryDto } from '../../shared/page-query.dto.js';

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class ListPromptUsageQueryDto extends PromptPageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(NAME_PATTERN, { message: 'caller must be 1-200 printable characters' })
  caller?: string;

  @ApiPropertyOptional({ enum: USAGE_OUTCOMES })
  @IsOptional()
  @IsIn(USAGE_OUTCOMES)
  outcome?: UsageOutcome;

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsBooleanString()
  flagged?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Executions at or after this time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Executions before this time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class PromptUsageStatsQueryDto {
  @ApiPropertyOptional({ example: '2025-04-02', description: 'First UTC day (default: 29 days before `to`)' })
  @IsOptional()
  @Matches(DAY, { message: 'from must be a day written YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2025-05-01', description: 'Last UTC day, included (default: today); at most 92 days after from' })
  @IsOptional()
  @Matches(DAY, { message: 'to must be a day written YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 999_999_999, description: 'Only this version' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(999_999_999)
  version?: number;
}
