import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

import { PageQueryDto } from '../../../common/pagination/page-query.dto.js';
import { Text } from '../../../common/validation/fields.js';
import { MAX_FILTER_COMPARISONS, MAX_FILTER_LENGTH, RUN_FILTER_PATTERN } from '../search/run-filter.js';
import { RUN_ORDER_PATTERN } from '../search/run-query-patterns.js';

export const MAX_SEARCHED_EXPERIMENTS = 100;
const EXPERIMENT_IDS = new RegExp(`^[0-9a-fA-F]{24}(,[0-9a-fA-F]{24}){0,${MAX_SEARCHED_EXPERIMENTS - 1}}$`);

export const FILTER_GRAMMAR = [
  'Comparisons joined by `and` (case-insensitive); there is no `or` and no parentheses.',
  '',
  '```',
  'filter     = comparison { "and" comparison }',
  'comparison = "metrics." key op number',
  '           | ("params." | "tags.") key ("=" | "!=") string',
  '           | "status" ("=" | "!=") string',
  'op         = "=" | "!=" | ">" | ">=" | "<" | "<="',
  'key        = [A-Za-z0-9_-/:]+  |  "`" key with spaces "`"',
  'number     = -?digits[.digits][e[+-]digits]',
  'string     = "..." | \'...\'   (escapes: \\\\ \\" \\\')',
  '```',
  '',
  '`metrics.<key>` compares the latest value of the metric; a number beyond the range of a double stands for ±Infinity. A NaN value never satisfies a comparison (`!=` included); ' +
    'a run without the metric, param or tag never satisfies one either. `status` is one of RUNNING, FINISHED, FAILED, KILLED. ' +
    `At most ${MAX_FILTER_LENGTH} characters and ${MAX_FILTER_COMPARISONS} comparisons. ` +
    'A filter that does not parse is a 400 whose `position` (1-based) and `expected` say where and what.',
].join('\n');

export class SearchRunsQueryDto extends PageQueryDto {
  @Text({
    example: '665f1c2b9d1e8a0012345678,665f1c2b9d1e8a0012345679',
    pattern: EXPERIMENT_IDS,
    message: `experimentIds must be 1 to ${MAX_SEARCHED_EXPERIMENTS} comma-separated 24-character hexadecimal ids`,
    description: `1 to ${MAX_SEARCHED_EXPERIMENTS} experiment ids, comma-separated`,
  })
  experimentIds: string;

  @ApiPropertyOptional({
    example: 'metrics.sharpe > 1.2 and params.lr = "0.01" and tags.team = "alpha" and status = "FINISHED"',
    pattern: RUN_FILTER_PATTERN.source,
    maxLength: MAX_FILTER_LENGTH,
    description: FILTER_GRAMMAR,
  })
  @IsOptional()
  @IsString()
  filter?: string;

  @ApiPropertyOptional({
    example: 'metrics.sharpe DESC',
    pattern: RUN_ORDER_PATTERN.source,
    maxLength: 300,
    description:
      '`metrics.<key>`, `startTime` or `endTime`, then `ASC` (default) or `DESC`; `startTime DESC` when absent. ' +
      'Runs without the metric, or whose latest value is NaN, sort as null: first ascending, last descending.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  orderBy?: string;
}
