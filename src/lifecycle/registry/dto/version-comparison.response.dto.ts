import { ApiModel } from '../../../common/openapi/api-model.js';
import { formatMetricValue, type MetricValueJson } from '../../runs/metrics/metric-value.js';
import { METRIC_VALUE_SCHEMA } from '../../runs/dto/run.response.dto.js';
import { METRIC_DIRECTIONS } from '../comparison/metric-directions.js';
import type { ComparedValue, MetricComparison, VersionComparison } from '../comparison/version-comparison.js';

const METRIC_VALUE = { ...METRIC_VALUE_SCHEMA, nullable: true } as const;

/** A comparison as JSON carries it: metric values that are not finite become strings. */
type Formatted<T, K extends keyof T> = Omit<T, K> & { [P in K]: MetricValueJson | null };

export class ComparedValueResponseDto extends ApiModel<Formatted<ComparedValue, 'value'>>({
  version: { type: Number, example: 2 },
  value: { ...METRIC_VALUE, description: 'null when the version lacks the metric; NaN and ±Infinity as strings' },
  delta: { type: Number, nullable: true, description: 'value − baseline value; null unless both are finite' },
  relativeDelta: { type: Number, nullable: true, description: 'delta / |baseline value|; null when the baseline is 0 or not finite' },
  outcome: { enum: ['BETTER', 'WORSE', 'EQUAL'], nullable: true, description: 'The move against the baseline in the metric’s direction' },
}) {
  static from(value: ComparedValue): ComparedValueResponseDto {
    return Object.assign(new ComparedValueResponseDto(), { ...value, value: value.value === null ? null : formatMetricValue(value.value) });
  }
}

export class MetricComparisonResponseDto extends ApiModel<Formatted<MetricComparison, 'baselineValue'>>({
  metric: { type: String, example: 'sharpe' },
  direction: { enum: METRIC_DIRECTIONS },
  directionSource: { enum: ['declared', 'default'], description: 'declared on the model, or the default for the name' },
  baselineValue: METRIC_VALUE,
  values: { type: [ComparedValueResponseDto], description: 'One entry per compared version, in the requested order' },
  best: { type: Number, nullable: true, description: 'The version with the best finite value (the lowest number on a tie); NaN and ±Infinity never win' },
}) {
  static from(metric: MetricComparison): MetricComparisonResponseDto {
    return Object.assign(new MetricComparisonResponseDto(), {
      ...metric,
      baselineValue: metric.baselineValue === null ? null : formatMetricValue(metric.baselineValue),
      values: metric.values.map(ComparedValueResponseDto.from),
    });
  }
}

export class VersionComparisonResponseDto extends ApiModel<VersionComparison & { modelName: string }>({
  modelName: { type: String, example: 'kospi-momentum' },
  baseline: { type: Number, example: 1 },
  versions: { type: [Number], example: [1, 2, 3] },
  metrics: { type: [MetricComparisonResponseDto], description: 'Every metric any compared version has, alphabetically' },
}) {
  static from(comparison: VersionComparison & { modelName: string }): VersionComparisonResponseDto {
    return Object.assign(new VersionComparisonResponseDto(), { ...comparison, metrics: comparison.metrics.map(MetricComparisonResponseDto.from) });
  }
}
