import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

import { PROMPT_VERSION_STATUSES, type PromptVersionStatus } from '../../../../libs/contracts/src/index.js';
import { PageQueryDto } from '../../../common/pagination/page-query.dto.js';

export class ListPromptVersionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PROMPT_VERSION_STATUSES })
  @IsOptional()
  @IsIn(PROMPT_VERSION_STATUSES)
  status?: PromptVersionStatus;
}
