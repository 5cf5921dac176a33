import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';

import { DRIFT_SEVERITIES, DRIFT_STATUSES, type DriftSeverity, type DriftStatus } from '../../../../libs/contracts/src/index.js';
import { PageQueryDto } from '../../../common/pagination/page-query.dto.js';

export class ListDriftEventsQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  modelName?: string;

  @ApiPropertyOptional({ minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  modelVersion?: number;

  @ApiPropertyOptional({ enum: DRIFT_SEVERITIES })
  @IsOptional()
  @IsIn(DRIFT_SEVERITIES)
  severity?: DriftSeverity;

  @ApiPropertyOptional({ enum: DRIFT_STATUSES })
  @IsOptional()
  @IsIn(DRIFT_STATUSES)
  status?: DriftStatus;

  @ApiPropertyOptional({ description: 'Detected at or after (ISO 8601)' })
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Detected at or before (ISO 8601)' })
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;
}
