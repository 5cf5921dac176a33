import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { KEY_PATTERN, KEY_RULE } from '../../../common/validation/patterns.js';
import { MAX_POINTS_PER_BATCH, MAX_TIMESTAMP_MS } from '../metrics/metric-batch.js';
import { NON_FINITE_METRIC_VALUES } from '../metrics/metric-value.js';

/**
 * The documented shape of a metric batch. It carries no class-validator decorators on purpose: the body is
 * validated by MetricBatchPipe in one hand-written pass (see parseMetricBatch), the hot path of the API.
 */
export class MetricPointRequestDto {
  @ApiProperty({ example: 'sharpe', pattern: KEY_PATTERN.source, description: KEY_RULE })
  key: string;

  @ApiProperty({ oneOf: [{ type: 'number' }, { type: 'string', enum: [...NON_FINITE_METRIC_VALUES] }], example: 1.42, description: 'A finite number, or "NaN", "Infinity", "-Infinity"' })
  value: number | string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0, example: 120 })
  step?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: MAX_TIMESTAMP_MS, example: 1767225600000, description: 'Milliseconds since the Unix epoch; the time of receipt when absent' })
  timestamp?: number;
}

export class LogTrackedRunMetricsRequestDto {
  @ApiProperty({ type: [MetricPointRequestDto], minItems: 1, maxItems: MAX_POINTS_PER_BATCH })
  points: MetricPointRequestDto[];
}
