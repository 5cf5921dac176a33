import { IsOptional } from 'class-validator';

import { PROMPT_VERSION_STATUSES, type PromptVersionStatus } from '../../../../libs/contracts/src/index.js';
import { PageQueryDto } from '../../../common/pagination/page-query.dto.js';
import { OneOf } from '../../../common/validation/fields.js';

export class ListPromptVersionsQueryDto extends PageQueryDto {
  @OneOf(PROMPT_VERSION_STATUSES, { optional: IsOptional() })
  status?: PromptVersionStatus;
}
