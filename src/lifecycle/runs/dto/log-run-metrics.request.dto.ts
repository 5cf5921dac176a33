import { ApiProperty } from '@nestjs/swagger';

import type { MetricPoint } from '../../../../libs/contracts/src/index.js';
import { ApiModel } from '../../../common/openapi/api-model.js';
import { KEY_PATTERN, KEY_RULE } from '../../../common/validation/patterns.js';
import { MAX_POINTS_PER_BATCH, MAX_TIMESTAMP_MS } from '../metrics/metric-batch.js';
import { METRIC_VALUE_SCHEMA } from './run.response.dto.js';

/**
 * The documented shape of a metric batch. It carries no class-validator decorators on purpose: the body is
 * validated by MetricBatchPipe in one hand-written pass (see parseMetricBatch), the hot path of the API.
 */
export class MetricPointRequestDto extends ApiModel<MetricPoint>({
  key: { type: String, example: 'sharpe', pattern: KEY_PATTERN.source, description: KEY_RULE },
  value: { ...METRIC_VALUE_SCHEMA, example: 1.42, description: 'A finite number, or "NaN", "Infinity", "-Infinity"' },
  step: { type: 'integer', required: false, minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0, example: 120 },
  timestamp: { type: 'integer', required: false, minimum: 0, maximum: MAX_TIMESTAMP_MS, example: 1767225600000, description: 'Milliseconds since the Unix epoch; the time of receipt when absent' },
}) {}

export class LogTrackedRunMetricsRequestDto {
  @ApiProperty({ type: [MetricPointRequestDto], minItems: 1, maxItems: MAX_POINTS_PER_BATCH })
  points: MetricPointRequestDto[];
}
