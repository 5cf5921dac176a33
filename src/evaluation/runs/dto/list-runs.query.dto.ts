import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsMongoId, IsOptional, Max, Min } from 'class-validator';

import { COMPLIANCE_STATUSES, EVALUATION_RUN_STATUSES, type ComplianceStatus, type EvaluationRunStatus } from '../../../../libs/contracts/src/index.js';
import { PageQueryDto } from '../../../common/pagination/page-query.dto.js';
import { OneOf, Text } from '../../../common/validation/fields.js';

export class ListRunsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ pattern: '^[0-9a-fA-F]{24}$' })
  @IsOptional()
  @IsMongoId({ message: 'scenarioId must be a 24-character hexadecimal id' })
  scenarioId?: string;

  @Text({ maxLength: 200, optional: IsOptional() })
  modelName?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1_000_000_000, description: 'Version number; combine with modelName' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  version?: number;

  @OneOf(EVALUATION_RUN_STATUSES, { optional: IsOptional() })
  status?: EvaluationRunStatus;

  @OneOf(COMPLIANCE_STATUSES, { optional: IsOptional() })
  complianceStatus?: ComplianceStatus;
}
