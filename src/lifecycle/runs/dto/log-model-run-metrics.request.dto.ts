import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { KEY_RULE } from '../../../common/validation/patterns.js';
import { MAX_POINTS_PER_BATCH } from '../metrics/metric-batch.js';
import { NON_FINITE_METRIC_VALUES } from '../metrics/metric-value.js';

/**
 * The documented shape of a metric batch. It carries no class-validator decorators on purpose: the body is
 * validated by MetricBatchPipe in one hand-written pass (see parseMetricBatch), the hot path of the API.
 */
export class MetricPointRequestDto {
  @ApiProperty({ example: 'sharpe', description: KEY_RULE })
  key: string;

  @ApiProperty({ oneOf: [{ type: 'number' }, { type: 'string', enum: [...NON_FINITE_METRIC_VALUES] }], example: 1.42, description: 'A finite number, or "NaN", "Infinity", "-Infinity"' })
  value: number | string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, default: 0, example: 120 })
  step?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, example: 1767225600000, description: 'Milliseconds since the Unix epoch; the time of receipt when absent' })
  timestamp?: number;
}

export class LogModelRunMetricsRequestDto {
  @ApiProperty({ type: [MetricPointRequestDto], minItems: 1, maxItems: MAX_POINTS_PER_BATCH })
  points: MetricPointRequestDto[];
}
