import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

import { RETRAINING_JOB_STATES, type RetrainingJobState } from '../../../libs/contracts/src/index.js';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';

export class ListRetrainingJobsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 200, description: 'Only jobs of this model' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  modelName?: string;

  @ApiPropertyOptional({ enum: RETRAINING_JOB_STATES })
  @IsOptional()
  @IsIn(RETRAINING_JOB_STATES)
  state?: RetrainingJobState;
}
