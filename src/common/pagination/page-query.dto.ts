import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';

import { Int } from '../validation/fields.js';
import { CURSOR_PARAMETER_PATTERN } from './cursor.js';

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

/** Query parameters shared by every list endpoint: extend it with the endpoint's own filters. */
export class PageQueryDto {
  @Int({ optional: true, query: true, minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE, description: 'Page size' })
  limit?: number;

  /** Checked where it is read (decodeCursor), which names the problem in the cursor's own words. */
  @ApiPropertyOptional({ pattern: CURSOR_PARAMETER_PATTERN.source, example: '1767225600000_665f1c2b9d1e8a0012345678', description: 'The nextCursor of the previous page, passed back unchanged; empty or left out for the first page' })
  @IsOptional()
  @IsString()
  cursor?: string;
}
