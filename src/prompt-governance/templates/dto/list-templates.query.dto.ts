import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

import { PROMPT_VERSION_STATUSES, type PromptVersionStatus } from '../../../../libs/contracts/src/index.js';
import { OneOf, Text } from '../../../common/validation/fields.js';
import { LABEL_PATTERN, LABEL_RULE } from '../../labels/label-name.js';
import { PageQueryDto } from '../../../common/pagination/page-query.dto.js';

export class ListPromptTemplatesQueryDto extends PageQueryDto {
  @Text({ maxLength: 200, description: 'Only templates whose name starts with this text', optional: IsOptional() })
  name?: string;

  @Text({ maxLength: 100, description: 'Only templates carrying this tag', optional: IsOptional() })
  tag?: string;

  @Text({ maxLength: 200, optional: IsOptional() })
  owner?: string;

  @OneOf(PROMPT_VERSION_STATUSES, { description: 'Only templates with at least one version in this status', optional: IsOptional() })
  status?: PromptVersionStatus;

  @ApiPropertyOptional({ example: 'production', pattern: LABEL_PATTERN.source, description: 'Only templates carrying this label' })
  @IsOptional()
  @Matches(LABEL_PATTERN, { message: `label must be ${LABEL_RULE}` })
  label?: string;
}
