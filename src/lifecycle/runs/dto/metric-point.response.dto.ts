import { ApiProperty } from '@nestjs/swagger';

import type { MetricPoint as MetricPointView } from '../../../../libs/contracts/src/index.js';
import { ApiModel } from '../../../common/openapi/api-model.js';
import { PageResponseDto } from '../../../common/pagination/page.js';
import { formatMetricValue } from '../metrics/metric-value.js';
import type { MetricPoint } from '../metrics/metric-point.js';
import { METRIC_VALUE_SCHEMA } from './run.response.dto.js';

export class MetricPointResponseDto extends ApiModel<Required<MetricPointView>>({
  key: { type: String, example: 'sharpe' },
  value: { ...METRIC_VALUE_SCHEMA, example: 1.42 },
  step: { type: 'integer', example: 120 },
  timestamp: { type: 'integer', example: 1767225600000, description: 'Milliseconds since the Unix epoch' },
}) {
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
