import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';

import { DRIFT_SEVERITIES, DRIFT_STATUSES, type DriftSeverity, type DriftStatus } from '../../../../libs/contracts/src/index.js';
import { PageQueryDto } from '../../../common/pagination/page-query.dto.js';
import { IsDateTime } from '../../../common/validation/date-time.js';

export class ListDriftEventsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  modelName?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1 })
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

  @ApiPropertyOptional({ format: 'date-time', description: 'Detected at or after this time' })
  @IsOptional()
  @IsDateTime()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Detected at or before this time; not before from' })
  @IsOptional()
  @IsDateTime()
  to?: string;
}
