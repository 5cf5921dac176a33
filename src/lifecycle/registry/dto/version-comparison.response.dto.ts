import { ApiProperty } from '@nestjs/swagger';

import { formatMetricValue, NON_FINITE_METRIC_VALUES, type MetricValueJson } from '../../runs/metrics/metric-value.js';
import { METRIC_DIRECTIONS, type MetricDirection } from '../comparison/metric-directions.js';
import type { ComparedValue, MetricComparison, MetricOutcome, VersionComparison } from '../comparison/version-comparison.js';

const METRIC_VALUE = { oneOf: [{ type: 'number' }, { type: 'string', enum: [...NON_FINITE_METRIC_VALUES] }], nullable: true };

export class ComparedValueResponseDto {
  @ApiProperty({ example: 2 })
  version: number;

  @ApiProperty({ ...METRIC_VALUE, description: 'null when the version lacks the metric; NaN and ±Infinity as strings' })
  value: MetricValueJson | null;

  @ApiProperty({ type: Number, nullable: true, description: 'value − baseline value; null unless both are finite' })
  delta: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'delta / |baseline value|; null when the baseline is 0 or not finite' })
  relativeDelta: number | null;

  @ApiProperty({ enum: ['BETTER', 'WORSE', 'EQUAL'], nullable: true, description: 'The move against the baseline in the metric’s direction' })
  outcome: MetricOutcome | null;

  static from(value: ComparedValue): ComparedValueResponseDto {
    return Object.assign(new ComparedValueResponseDto(), { ...value, value: value.value === null ? null : formatMetricValue(value.value) });
  }
}

export class MetricComparisonResponseDto {
  @ApiProperty({ example: 'sharpe' })
  metric: string;

  @ApiProperty({ enum: METRIC_DIRECTIONS })
  direction: MetricDirection;

  @ApiProperty({ enum: ['declared', 'default'], description: 'declared on the model, or the default for the name' })
  directionSource: 'declared' | 'default';

  @ApiProperty({ ...METRIC_VALUE })
  baselineValue: MetricValueJson | null;

  @ApiProperty({ type: [ComparedValueResponseDto], description: 'One entry per compared version, in the requested order' })
  values: ComparedValueResponseDto[];

  @ApiProperty({ type: Number, nullable: true, description: 'The version with the best finite value (the lowest number on a tie); NaN and ±Infinity never win' })
  best: number | null;

  static from(metric: MetricComparison): MetricComparisonResponseDto {
    return Object.assign(new MetricComparisonResponseDto(), {
      ...metric,
      baselineValue: metric.baselineValue === null ? null : formatMetricValue(metric.baselineValue),
      values: metric.values.map(ComparedValueResponseDto.from),
    });
  }
}

export class VersionComparisonResponseDto {
  @ApiProperty({ example: 'kospi-momentum' })
  modelName: string;

  @ApiProperty({ example: 1 })
  baseline: number;

  @ApiProperty({ type: [Number], example: [1, 2, 3] })
  versions: number[];

  @ApiProperty({ type: [MetricComparisonResponseDto], description: 'Every metric any compared version has, alphabetically' })
  metrics: MetricComparisonResponseDto[];

  static from(comparison: VersionComparison & { modelName: string }): VersionComparisonResponseDto {
    return Object.assign(new VersionComparisonResponseDto(), { ...comparison, metrics: comparison.metrics.map(MetricComparisonResponseDto.from) });
  }
}
