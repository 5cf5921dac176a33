import { ApiProperty, PickType } from '@nestjs/swagger';

import { CHECK_OUTCOMES, CHECK_SEVERITIES, COMPLIANCE_STATUSES, RETURN_FREQUENCIES } from '../../../../libs/contracts/src/index.js';
import { ApiModel, DATE_TIME, type Json } from '../../../common/openapi/api-model.js';
import { CHECK_KINDS, type CheckResult } from '../../compliance/check-result.js';
import type { GapFinding, DatedFinding, SeriesFindings } from '../../metrics/clean-series.js';
import type { MetricComparison } from '../../metrics/compare-metrics.js';
import type { DrawdownPeriod } from '../../metrics/series-metrics.js';
import type { SharpeDifferenceTest } from '../../metrics/sharpe-significance.js';
import { PeriodDto } from '../../scenarios/dto/scenario-parts.dto.js';
import { StressEventResponseDto } from '../../scenarios/dto/scenario.response.dto.js';
import type { RunCompliance } from '../evaluation-run.js';
import type { Conventions, EvaluationOutcome, SideMetrics } from '../run-evaluator.js';

const METRIC_MAP = { type: 'object', additionalProperties: { type: 'number', nullable: true }, description: 'Metric → value; null where undefined for the data' } as const;

export class ConventionsDto extends ApiModel<Conventions>({
  frequency: { enum: RETURN_FREQUENCIES },
  periodsPerYear: { type: 'integer', example: 252 },
  riskFreeRate: { type: Number, example: 0.03, description: 'Annual risk-free rate used' },
  varConfidence: { type: Number, example: 0.95 },
  significanceLevel: { type: Number, example: 0.05 },
  period: { type: PeriodDto, nullable: true },
  maxGapDays: { type: 'integer', example: 7 },
}) {}

export class DrawdownPeriodDto extends ApiModel<DrawdownPeriod>({
  peakDate: { type: String, nullable: true, description: 'Date the peak was set; null when the peak is the starting capital' },
  startDate: { type: String, description: 'First period of the decline' },
  troughDate: { type: String },
  recoveryDate: { type: String, nullable: true, description: 'First date back at the peak; null if never recovered' },
}) {}

export class SideMetricsDto extends ApiModel<SideMetrics>({
  source: { enum: ['RETURNS', 'SUPPLIED'] },
  metrics: METRIC_MAP,
  firstDate: { type: String, nullable: true },
  lastDate: { type: String, nullable: true },
  drawdown: { type: DrawdownPeriodDto, nullable: true },
  benchmarkObservations: { type: 'integer', description: 'Dates shared with the benchmark' },
}) {}

export class MetricComparisonDto extends ApiModel<MetricComparison>({
  metric: { type: String },
  candidate: { type: Number },
  baseline: { type: Number },
  absoluteDelta: { type: Number, description: 'candidate - baseline' },
  relativeDelta: { type: Number, nullable: true, description: '(candidate - baseline) / |baseline|' },
  direction: { enum: ['HIGHER_IS_BETTER', 'LOWER_IS_BETTER'], nullable: true },
  better: { type: Boolean, nullable: true },
}) {}

export class SignificanceDto extends ApiModel<SharpeDifferenceTest>({
  test: { type: String, example: 'JOBSON_KORKIE_MEMMEL' },
  observations: { type: 'integer' },
  candidateSharpe: { type: Number },
  baselineSharpe: { type: Number },
  correlation: { type: Number },
  zStatistic: { type: Number },
  pValue: { type: Number, description: 'Two-sided' },
  significanceLevel: { type: Number },
  significant: { type: Boolean },
}) {}

/** A stress event of the scenario with both sides' metrics over its window. */
export class StressWindowDto extends PickType(StressEventResponseDto, ['name', 'start', 'end', 'description'] as const) {
  @ApiProperty({ type: SideMetricsDto, nullable: true, description: 'Null when the candidate supplied metrics only' })
  candidate: SideMetricsDto | null;

  @ApiProperty({ type: SideMetricsDto, nullable: true, description: 'Null when the baseline has no returns' })
  baseline: SideMetricsDto | null;

  @ApiProperty({ type: [MetricComparisonDto] })
  comparison: MetricComparisonDto[];
}

export class DatedFindingDto extends ApiModel<DatedFinding>({
  count: { type: 'integer' },
  examples: { type: [String] },
}) {}

export class GapDto extends ApiModel<GapFinding['examples'][number]>({
  from: { type: String },
  to: { type: String },
  days: { type: 'integer', description: 'Calendar days between the two dates' },
}) {}

export class GapFindingDto extends ApiModel<GapFinding>({
  count: { type: 'integer' },
  largestDays: { type: 'integer' },
  examples: { type: [GapDto] },
}) {}

export class HygieneDto extends ApiModel<SeriesFindings>({
  points: { type: 'integer' },
  usable: { type: 'integer', description: 'Points evaluated after the dropped ones' },
  unsorted: { type: Boolean },
  duplicateDates: { type: DatedFindingDto },
  invalidValues: { type: DatedFindingDto },
  outsidePeriod: { type: DatedFindingDto },
  gaps: { type: GapFindingDto },
}) {}

/** The stored outcome without its checks, which the response gives once, under `compliance`. */
export class OutcomeDto extends ApiModel<Omit<EvaluationOutcome, 'checks'>>({
  conventions: { type: ConventionsDto },
  candidate: { type: SideMetricsDto },
  baseline: { type: SideMetricsDto },
  hygiene: { type: HygieneDto, nullable: true },
  comparison: { type: [MetricComparisonDto] },
  significance: { type: SignificanceDto, nullable: true },
  significanceNote: { type: String, nullable: true, description: 'Why there is no significance test, when there is none' },
  stressWindows: { type: [StressWindowDto] },
}) {
  static from(outcome: EvaluationOutcome): OutcomeDto {
    const { checks: _checks, ...rest } = outcome;
    return Object.assign(new OutcomeDto(), rest);
  }
}

export class CheckResultDto extends ApiModel<CheckResult>({
  kind: { enum: CHECK_KINDS },
  name: { type: String, example: 'sharpe >= baseline - 0.1' },
  window: { type: String, nullable: true, description: 'Stress window, if any' },
  metric: { type: String, nullable: true },
  outcome: { enum: CHECK_OUTCOMES },
  severity: { enum: CHECK_SEVERITIES, description: 'What a breach does: FAIL fails the run, WARN warns' },
  observed: { type: Number, nullable: true },
  limit: { type: Number, nullable: true },
  comparator: { type: String, nullable: true },
  message: { type: String, example: 'sharpe is 1.05, below the limit of 1.1 (baseline 1.2 - 0.1); a breach fails the run.' },
}) {}

export class ComplianceDto extends ApiModel<Json<RunCompliance>>({
  status: { enum: COMPLIANCE_STATUSES },
  checks: { type: [CheckResultDto] },
  evaluatedAt: DATE_TIME,
}) {}
