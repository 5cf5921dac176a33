import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

import { USAGE_OUTCOMES, type UsageOutcome } from '../../../../libs/contracts/src/index.js';
import { IsCalendarDate, IsDateTime } from '../../../common/validation/date-time.js';
import { OneOf } from '../../../common/validation/fields.js';
import { NAME_PATTERN, NAME_RULE } from '../../../common/validation/patterns.js';
import { PageQueryDto } from '../../../common/pagination/page-query.dto.js';

export class ListPromptUsageQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ pattern: NAME_PATTERN.source })
  @IsOptional()
  @Matches(NAME_PATTERN, { message: `caller must be ${NAME_RULE}` })
  caller?: string;

  @OneOf(USAGE_OUTCOMES, { optional: IsOptional() })
  outcome?: UsageOutcome;

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  flagged?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Executions at or after this time' })
  @IsOptional()
  @IsDateTime()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Executions before this time' })
  @IsOptional()
  @IsDateTime()
  to?: string;
}

export class PromptUsageStatsQueryDto {
  @ApiPropertyOptional({ format: 'date', example: '2025-04-02', description: 'First UTC day (default: 29 days before `to`)' })
  @IsOptional()
  @IsCalendarDate({ message: 'from must be a real day written YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ format: 'date', example: '2025-05-01', description: 'Last UTC day, included (default: today); not before from, and at most 92 days after it' })
  @IsOptional()
  @IsCalendarDate({ message: 'to must be a real day written YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 999_999_999, description: 'Only this version' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(999_999_999)
  version?: number;
}
