import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';

import { CHECK_SEVERITIES, type CheckSeverity } from '../../../../libs/contracts/src/index.js';
import { KEY_PATTERN, KEY_RULE, NAME_PATTERN, NAME_RULE } from '../../../common/validation/patterns.js';
import { IsCalendarDate, IsMetricMap, IsReturnSeries } from '../../validation/evaluation-validators.js';
import { COMPARATORS, type Comparator } from '../scenario.js';

const FINITE = { allowNaN: false, allowInfinity: false };

/** One period's simple return (0.01 = +1%) on the date the period ends. Documents the series format. */
export class ReturnPointDto {
  @ApiProperty({ example: '2024-01-02', description: 'YYYY-MM-DD' })
  date: string;

  @ApiProperty({ type: Number, nullable: true, example: 0.0042, description: 'Simple return of the period; null marks a missing observation' })
  value: number | null;
}

export class RelativeLimitDto {
  @ApiPropertyOptional({ default: 1, example: 1.2, description: 'limit = baseline × factor + offset' })
  @IsOptional()
  @IsNumber(FINITE)
  factor?: number;

  @ApiPropertyOptional({ default: 0, example: -0.1 })
  @IsOptional()
  @IsNumber(FINITE)
  offset?: number;
}

export class MetricThresholdDto {
  @ApiProperty({ example: 'sharpe', description: `A computed metric (totalReturn, cagr, annualizedVolatility, sharpe, sortino, maxDrawdown, calmar, hitRate, var95, cvar95, beta, alpha, trackingError, informationRatio, observations) or a supplied one; ${KEY_RULE}` })
  @IsString()
  @Matches(KEY_PATTERN, { message: `metric must be ${KEY_RULE}` })
  metric: string;

  @ApiProperty({ enum: COMPARATORS, example: '>=' })
  @IsIn(COMPARATORS)
  comparator: Comparator;

  @ApiPropertyOptional({ type: Number, example: 0.5, description: 'Absolute limit; give this or `baseline`' })
  @IsOptional()
  @IsNumber(FINITE)
  value?: number;

  @ApiPropertyOptional({ type: RelativeLimitDto, description: "Limit relative to the baseline's value of the metric; give this or `value`" })
  @IsOptional()
  @ValidateNested()
  @Type(() => RelativeLimitDto)
  baseline?: RelativeLimitDto;

  @ApiPropertyOptional({ enum: CHECK_SEVERITIES, default: 'FAIL', description: 'FAIL: a breach fails the run; WARN: it only warns' })
  @IsOptional()
  @IsIn(CHECK_SEVERITIES)
  severity?: CheckSeverity;
}

export class PeriodDto {
  @ApiProperty({ example: '2015-01-01' })
  @IsCalendarDate()
  start: string;

  @ApiProperty({ example: '2024-12-31' })
  @IsCalendarDate()
  end: string;
}

export class StressEventDto {
  @ApiProperty({ example: 'covid-crash' })
  @IsString()
  @Matches(NAME_PATTERN, { message: `name must be ${NAME_RULE}` })
  name: string;

  @ApiProperty({ example: '2020-02-19' })
  @IsCalendarDate()
  start: string;

  @ApiProperty({ example: '2020-03-23' })
  @IsCalendarDate()
  end: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ type: [MetricThresholdDto], maxItems: 50, description: 'Judged on the metrics computed over the window only' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => MetricThresholdDto)
  thresholds?: MetricThresholdDto[];
}

export class BaselineDto {
  @ApiPropertyOptional({ example: 'production v3', default: 'baseline' })
  @IsOptional()
  @IsString()
  @Matches(NAME_PATTERN, { message: `label must be ${NAME_RULE}` })
  label?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'number' }, example: { sharpe: 1.1, maxDrawdown: 0.18 }, description: 'Backtest metrics; with returns, only metrics the harness does not compute' })
  @IsOptional()
  @IsMetricMap(true)
  metrics?: Record<string, number>;

  @ApiPropertyOptional({ type: [ReturnPointDto], description: 'Periodic simple returns; must be clean (no repeated dates, no missing or non-finite values)' })
  @IsOptional()
  @IsReturnSeries()
  returns?: ReturnPointDto[];
}

export class BenchmarkDto {
  @ApiPropertyOptional({ example: 'KOSPI 200', default: 'benchmark' })
  @IsOptional()
  @IsString()
  @Matches(NAME_PATTERN, { message: `label must be ${NAME_RULE}` })
  label?: string;

  @ApiProperty({ type: [ReturnPointDto] })
  @IsReturnSeries()
  returns: ReturnPointDto[];
}

export class MinHistoryDto {
  @ApiProperty({ example: 504, description: 'Fewest usable observations a candidate must have' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  observations: number;

  @ApiPropertyOptional({ enum: CHECK_SEVERITIES, default: 'FAIL' })
  @IsOptional()
  @IsIn(CHECK_SEVERITIES)
  severity?: CheckSeverity;
}

export class ExplainabilityRulesDto {
  @ApiPropertyOptional({ default: false, description: 'At least one explainability artifact must be attached to the run' })
  @IsOptional()
  @IsBoolean()
  required?: boolean;

  @ApiPropertyOptional({ example: 0.4, description: 'No single feature may carry more than this share of total importance' })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0.000001)
  @Max(1)
  maxFeatureShare?: number;

  @ApiPropertyOptional({ enum: CHECK_SEVERITIES, default: 'FAIL' })
  @IsOptional()
  @IsIn(CHECK_SEVERITIES)
  severity?: CheckSeverity;
}

export class ComplianceRulesDto {
  @ApiPropertyOptional({ type: MinHistoryDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => MinHistoryDto)
  minHistory?: MinHistoryDto;

  @ApiPropertyOptional({ example: 7, description: 'Calendar days between consecutive dates beyond which the history has a gap (default 7 daily, 14 weekly, 35 monthly)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(400)
  maxGapDays?: number;

  @ApiPropertyOptional({ enum: CHECK_SEVERITIES, default: 'FAIL' })
  @IsOptional()
  @IsIn(CHECK_SEVERITIES)
  gapSeverity?: CheckSeverity;

  @ApiPropertyOptional({ type: ExplainabilityRulesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ExplainabilityRulesDto)
  explainability?: ExplainabilityRulesDto;
}
