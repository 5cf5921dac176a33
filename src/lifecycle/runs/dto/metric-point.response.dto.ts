import { ApiProperty } from '@nestjs/swagger';

import { PageResponseDto } from '../../../common/pagination/page.js';
import { formatMetricValue, type MetricValueJson } from '../metrics/metric-value.js';
import type { MetricPoint } from '../metrics/metric-point.js';
import { METRIC_VALUE_SCHEMA } from './run.response.dto.js';

export class MetricPointResponseDto {
  @ApiProperty({ example: 'sharpe' })
  key: string;

  @ApiProperty({ ...METRIC_VALUE_SCHEMA, example: 1.42 })
  value: MetricValueJson;

  @ApiProperty({ type: 'integer', example: 120 })
  step: number;

  @ApiProperty({ type: 'integer', example: 1767225600000, description: 'Milliseconds since the Unix epoch' })
  timestamp: number;

  static from(point: MetricPoint): MetricPointResponseDto {
    return Object.assign(new MetricPointResponseDto(), {
      key: point.key,
      value: formatMetricValue(point.value),
      step: point.step,
      timestamp: point.timestamp.getTime(),
    });
  }
}

export class MetricHistoryPageResponseDto extends PageResponseDto(MetricPointResponseDto) {}

export class LogTrackedRunMetricsResponseDto {
  @ApiProperty({ example: 1000, description: 'Points written' })
  accepted: number;
}
