import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { CHECK_SEVERITIES, type CheckSeverity } from '../../../../libs/contracts/src/index.js';
import { absent, ApiSchemaRules, present } from '../../../common/openapi/api-schema-rules.decorator.js';
import { IsCalendarDate } from '../../../common/validation/date-time.js';
import { Bool, Int, List, Num, OneOf, Text } from '../../../common/validation/fields.js';
import { KEY_PATTERN, KEY_RULE, NAME_PATTERN, NAME_RULE } from '../../../common/validation/patterns.js';
import { STANDARD_METRICS } from '../../metrics/metric-keys.js';
import { HARD_MAX_SERIES_POINTS, IsMetricMap, IsReturnSeries, MAX_METRICS } from '../../validation/evaluation-validators.js';
import { NestedObject, Omittable } from '../../validation/field-presence.js';
import { COMPARATORS, type Comparator } from '../scenario.js';

/** One period's simple return (0.01 = +1%) on the date the period ends. Documents the series format (IsReturnSeries checks it). */
export class ReturnPointDto {
  @ApiProperty({ format: 'date', example: '2024-01-02', description: 'YYYY-MM-DD' })
  date: string;

  @ApiProperty({ type: Number, nullable: true, example: 0.0042, description: 'Simple return of the period; null marks a missing observation' })
  value: number | null;
}

/** A point of a reference series (baseline, benchmark), which must be clean. */
export class ReferenceReturnPointDto {
  @ApiProperty({ format: 'date', example: '2024-01-02', description: 'YYYY-MM-DD; each date once in a series' })
  date: string;

  @ApiProperty({ minimum: -1, example: 0.0042, description: 'Simple return of the period: a simple return cannot lose more than everything' })
  value: number;
}

/** A metric map that, beside returns, holds none of the metrics the harness computes from them. */
export const WITHOUT_COMPUTED_METRICS = { properties: Object.fromEntries(STANDARD_METRICS.map((name) => [name, { not: {} }])) };

/** A backtest brings metrics (at least one), returns, or both; with returns, the metrics leave out the computed ones. */
export const BACKTEST_RULES = {
  allOf: [
    { anyOf: [present('returns'), { required: ['metrics'], properties: { metrics: { minProperties: 1 } } }] },
    { anyOf: [absent('returns'), absent('metrics'), { properties: { metrics: WITHOUT_COMPUTED_METRICS } }] },
  ],
};

/** `additionalProperties` of a metric map: its keys are KEY_RULE (a rule OpenAPI 3.0 cannot state on keys). */
const METRIC_MAP = { type: 'object', maxProperties: MAX_METRICS, additionalProperties: { type: 'number' } } as const;

export class RelativeLimitDto {
  @Num({ default: 1, example: 1.2, description: 'limit = baseline × factor + offset', optional: Omittable() })
  factor?: number;

  @Num({ default: 0, example: -0.1, optional: Omittable() })
  offset?: number;
}

@ApiSchemaRules({ oneOf: [present('value'), present('baseline')] })
export class MetricThresholdDto {
  @Text({ pattern: KEY_PATTERN, rule: KEY_RULE, example: 'sharpe', description: `A computed metric (totalReturn, cagr, annualizedVolatility, sharpe, sortino, maxDrawdown, calmar, hitRate, var95, cvar95, beta, alpha, trackingError, informationRatio, observations) or a supplied one; ${KEY_RULE}` })
  metric: string;

  @OneOf(COMPARATORS, { example: '>=' })
  comparator: Comparator;

  @Num({ example: 0.5, description: 'Absolute limit; give this or `baseline`', optional: Omittable() })
  value?: number;

  @ApiPropertyOptional({ type: RelativeLimitDto, description: "Limit relative to the baseline's value of the metric; give this or `value`" })
  @NestedObject(() => RelativeLimitDto)
  @Omittable()
  baseline?: RelativeLimitDto;

  @OneOf(CHECK_SEVERITIES, { default: 'FAIL', description: 'FAIL: a breach fails the run; WARN: it only warns', optional: Omittable() })
  severity?: CheckSeverity;
}

export class PeriodDto {
  @ApiProperty({ format: 'date', example: '2015-01-01' })
  @IsCalendarDate()
  start: string;

  @ApiProperty({ format: 'date', example: '2024-12-31', description: 'Not before start' })
  @IsCalendarDate()
  end: string;
}

export class StressEventDto {
  @Text({ pattern: NAME_PATTERN, rule: NAME_RULE, example: 'covid-crash', description: 'Unique among the scenario\'s stress events' })
  name: string;

  @ApiProperty({ format: 'date', example: '2020-02-19' })
  @IsCalendarDate()
  start: string;

  @ApiProperty({ format: 'date', example: '2020-03-23', description: 'Not before start' })
  @IsCalendarDate()
  end: string;

  @Text({ maxLength: 2000, optional: Omittable() })
  description?: string;

  @List({ type: [MetricThresholdDto], maxItems: 50, description: 'Judged on the metrics computed over the window only', optional: Omittable() }, NestedObject(() => MetricThresholdDto, { each: true }))
  thresholds?: MetricThresholdDto[];
}

@ApiSchemaRules(BACKTEST_RULES)
export class BaselineDto {
  @Text({ pattern: NAME_PATTERN, rule: NAME_RULE, example: 'production v3', default: 'baseline', optional: Omittable() })
  label?: string;

  @ApiPropertyOptional({ ...METRIC_MAP, example: { turnover: 3.1 }, description: `Backtest metrics; with returns, only metrics the harness does not compute. Keys are ${KEY_RULE}` })
  @IsMetricMap(true)
  @Omittable()
  metrics?: Record<string, number>;

  @ApiPropertyOptional({ type: [ReferenceReturnPointDto], minItems: 1, maxItems: HARD_MAX_SERIES_POINTS, description: 'Periodic simple returns; must be clean (each date once, every value a return of at least -1); the configured EVALUATION_MAX_SERIES_POINTS applies' })
  @IsReturnSeries({ reference: true })
  @Omittable()
  returns?: ReferenceReturnPointDto[];
}

export class BenchmarkDto {
  @Text({ pattern: NAME_PATTERN, rule: NAME_RULE, example: 'KOSPI 200', default: 'benchmark', optional: Omittable() })
  label?: string;

  @ApiProperty({ type: [ReferenceReturnPointDto], minItems: 1, maxItems: HARD_MAX_SERIES_POINTS, description: 'Clean, like the baseline\'s' })
  @IsReturnSeries({ reference: true })
  returns: ReferenceReturnPointDto[];
}

export class MinHistoryDto {
  @Int({ minimum: 1, maximum: 1_000_000, example: 504, description: 'Fewest usable observations a candidate must have' })
  observations: number;

  @OneOf(CHECK_SEVERITIES, { default: 'FAIL', optional: Omittable() })
  severity?: CheckSeverity;
}

export class ExplainabilityRulesDto {
  @Bool({ default: false, description: 'At least one explainability artifact must be attached to the run', optional: Omittable() })
  required?: boolean;

  @Num({ minimum: 0.000001, maximum: 1, example: 0.4, description: 'No single feature may carry more than this share of total importance', optional: Omittable() })
  maxFeatureShare?: number;

  @OneOf(CHECK_SEVERITIES, { default: 'FAIL', optional: Omittable() })
  severity?: CheckSeverity;
}

export class ComplianceRulesDto {
  @ApiPropertyOptional({ type: MinHistoryDto })
  @NestedObject(() => MinHistoryDto)
  @Omittable()
  minHistory?: MinHistoryDto;

  @Int({ minimum: 1, maximum: 400, example: 7, description: 'Calendar days between consecutive dates beyond which the history has a gap (default 7 daily, 14 weekly, 35 monthly)', optional: Omittable() })
  maxGapDays?: number;

  @OneOf(CHECK_SEVERITIES, { default: 'FAIL', optional: Omittable() })
  gapSeverity?: CheckSeverity;

  @ApiPropertyOptional({ type: ExplainabilityRulesDto })
  @NestedObject(() => ExplainabilityRulesDto)
  @Omittable()
  explainability?: ExplainabilityRulesDto;
}
