import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsMongoId, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

import { COMPLIANCE_STATUSES, EVALUATION_RUN_STATUSES, type ComplianceStatus, type EvaluationRunStatus } from '../../../../libs/contracts/src/index.js';
import { PageQueryDto } from '../../../common/pagination/page-query.dto.js';

export class ListRunsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ pattern: '^[0-9a-fA-F]{24}$' })
  @IsOptional()
  @IsMongoId({ message: 'scenarioId must be a 24-character hexadecimal id' })
  scenarioId?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  modelName?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1_000_000_000, description: 'Version number; combine with modelName' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  version?: number;

  @ApiPropertyOptional({ enum: EVALUATION_RUN_STATUSES })
  @IsOptional()
  @IsIn(EVALUATION_RUN_STATUSES)
  status?: EvaluationRunStatus;

  @ApiPropertyOptional({ enum: COMPLIANCE_STATUSES })
  @IsOptional()
  @IsIn(COMPLIANCE_STATUSES)
  complianceStatus?: ComplianceStatus;
}
