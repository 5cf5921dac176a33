import { ApiPropertyOptional } from '@nestjs/swagger';

import { optionalParameter } from '../../../common/pagination/cursor.js';
import { PageQueryDto } from '../../../common/pagination/page-query.dto.js';
import { METRIC_HISTORY_CURSOR_PATTERN } from '../metrics/metric-history-cursor.js';

/** A page of a metric's history, whose cursor is the position of a point: step, timestamp, id. */
export class MetricHistoryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ pattern: optionalParameter(METRIC_HISTORY_CURSOR_PATTERN).source, example: '120_1767225600000_665f1c2b9d1e8a0012345678', description: 'The nextCursor of the previous page, passed back unchanged; empty or left out for the first page' })
  declare cursor?: string;
}
