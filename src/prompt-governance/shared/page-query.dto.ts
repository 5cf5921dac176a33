import { ApiPropertyOptional } from '@nestjs/swagger';

import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PageQueryDto } from '../../common/pagination/page-query.dto.js';

/** The platform's page query, with `limit` documented as the integer it is validated as. */
export class PromptPageQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE, description: 'Page size' })
  declare limit?: number;
}
