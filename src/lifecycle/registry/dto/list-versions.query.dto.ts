import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

import { MODEL_STAGES, type ModelStage } from '../../../../libs/contracts/src/index.js';
import { PageQueryDto } from '../../../common/pagination/page-query.dto.js';

export class ListVersionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: MODEL_STAGES, description: 'Only versions in this stage' })
  @IsOptional()
  @IsIn(MODEL_STAGES)
  stage?: ModelStage;
}
