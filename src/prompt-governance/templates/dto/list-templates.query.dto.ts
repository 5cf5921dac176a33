import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

import { PROMPT_VERSION_STATUSES, type PromptVersionStatus } from '../../../../libs/contracts/src/index.js';
import { LABEL_PATTERN, LABEL_RULE } from '../../labels/label-name.js';
import { PageQueryDto } from '../../../common/pagination/page-query.dto.js';

export class ListPromptTemplatesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 200, description: 'Only templates whose name starts with this text' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ maxLength: 100, description: 'Only templates carrying this tag' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  tag?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  owner?: string;

  @ApiPropertyOptional({ enum: PROMPT_VERSION_STATUSES, description: 'Only templates with at least one version in this status' })
  @IsOptional()
  @IsIn(PROMPT_VERSION_STATUSES)
  status?: PromptVersionStatus;

  @ApiPropertyOptional({ example: 'production', pattern: LABEL_PATTERN.source, description: 'Only templates carrying this label' })
  @IsOptional()
  @Matches(LABEL_PATTERN, { message: `label must be ${LABEL_RULE}` })
  label?: string;
}
