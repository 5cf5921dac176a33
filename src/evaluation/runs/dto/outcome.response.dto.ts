import { ApiProperty, PickType } from '@nestjs/swagger';

import { CHECK_OUTCOMES, CHECK_SEVERITIES, COMPLIANCE_STATUSES, RETURN_FREQUENCIES, type CheckOutcome, type CheckSeverity, type ComplianceStatus, type ReturnFrequency } from '../../../../libs/contracts/src/index.js';
import { CHECK_KINDS, type CheckKind } from '../../compliance/check-result.js';
import { PeriodDto } from '../../scenarios/dto/scenario-parts.dto.js';
import { StressEventResponseDto } from '../../scenarios/dto/scenario.response.dto.js';
import type { EvaluationOutcome } from '../run-evaluator.js';

const METRIC_MAP = { type: 'object', additionalProperties: { type: 'number', nullable: true }, description: 'Metric → value; null where undefined for the data' } as const;

export class ConventionsDto {
  @ApiProperty({ enum: RETURN_FREQUENCIES })
  frequency: ReturnFrequency;

  @ApiProperty({ type: 'integer', example: 252 })
  periodsPerYear: number;

  @ApiProperty({ example: 0.03, description: 'Annual risk-free rate used' })
  riskFreeRate: number;

  @ApiProperty({ example: 0.95 })
  varConfidence: number;

  @ApiProperty({ example: 0.05 })
  significanceLevel: number;

  @ApiProperty({ type: PeriodDto, nullable: true })
  period: PeriodDto | null;

  @ApiProperty({ type: 'integer', example: 7 })
  maxGapDays: number;
}

export class DrawdownPeriodDto {
  @ApiProperty({ type: String, nullable: true, description: 'Date the peak was set; null when the peak is the starting capital' })
  peakDate: string | null;

  @ApiProperty({ description: 'First period of the decline' })
  startDate: string;

  @ApiProperty()
  troughDate: string;

  @ApiProperty({ type: String, nullable: true, description: 'First date back at the peak; null if never recovered' })
  recoveryDate: string | null;
}

export class SideMetricsDto {
  @ApiProperty({ enum: ['RETURNS', 'SUPPLIED'] })
  source: 'RETURNS' | 'SUPPLIED';

  @ApiProperty(METRIC_MAP)
  metrics: Record<string, number | null>;

  @ApiProperty({ type: String, nullable: true })
  firstDate: string | null;

  @ApiProperty({ type: String, nullable: true })
  lastDate: string | null;

  @ApiProperty({ type: DrawdownPeriodDto, nullable: true })
  drawdown: DrawdownPeriodDto | null;

  @ApiProperty({ type: 'integer', description: 'Dates shared with the benchmark' })
  benchmarkObservations: number;
}

export class MetricComparisonDto {
  @ApiProperty()
  metric: string;

  @ApiProperty()
  candidate: number;

  @ApiProperty()
  baseline: number;

  @ApiProperty({ description: 'candidate - baseline' })
  absoluteDelta: number;

  @ApiProperty({ type: Number, nullable: true, description: '(candidate - baseline) / |baseline|' })
  relativeDelta: number | null;

  @ApiProperty({ enum: ['HIGHER_IS_BETTER', 'LOWER_IS_BETTER'], nullable: true })
  direction: 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER' | null;

  @ApiProperty({ type: Boolean, nullable: true })
  better: boolean | null;
}

export class SignificanceDto {
  @ApiProperty({ example: 'JOBSON_KORKIE_MEMMEL' })
  test: string;

  @ApiProperty({ type: 'integer' })
  observations: number;

  @ApiProperty()
  candidateSharpe: number;

  @ApiProperty()
  baselineSharpe: number;

  @ApiProperty()
  correlation: number;

  @ApiProperty()
  zStatistic: number;

  @ApiProperty({ description: 'Two-sided' })
  pValue: number;

  @ApiProperty()
  significanceLevel: number;

  @ApiProperty()
  significant: boolean;
}

/** A stress event of the scenario with both sides' metrics over its window. */
export class StressWindowDto extends PickType(StressEventResponseDto, ['name', 'start', 'end', 'description'] as const) {
  @ApiProperty({ type: SideMetricsDto, nullable: true, description: 'Null when the candidate supplied metrics only' })
  candidate: SideMetricsDto | null;

  @ApiProperty({ type: SideMetricsDto, nullable: true, description: 'Null when the baseline has no returns' })
  baseline: SideMetricsDto | null;

  @ApiProperty({ type: [MetricComparisonDto] })
  comparison: MetricComparisonDto[];
}

export class DatedFindingDto {
  @ApiProperty({ type: 'integer' })
  count: number;

  @ApiProperty({ type: [String] })
  examples: string[];
}

export class GapDto {
  @ApiProperty()
  from: string;

  @ApiProperty()
  to: string;

  @ApiProperty({ type: 'integer', description: 'Calendar days between the two dates' })
  days: number;
}

export class GapFindingDto {
  @ApiProperty({ type: 'integer' })
  count: number;

  @ApiProperty({ type: 'integer' })
  largestDays: number;

  @ApiProperty({ type: [GapDto] })
  examples: GapDto[];
}

export class HygieneDto {
  @ApiProperty({ type: 'integer' })
  points: number;

  @ApiProperty({ type: 'integer', description: 'Points evaluated after the dropped ones' })
  usable: number;

  @ApiProperty()
  unsorted: boolean;

  @ApiProperty({ type: DatedFindingDto })
  duplicateDates: DatedFindingDto;

  @ApiProperty({ type: DatedFindingDto })
  invalidValues: DatedFindingDto;

  @ApiProperty({ type: DatedFindingDto })
  outsidePeriod: DatedFindingDto;

  @ApiProperty({ type: GapFindingDto })
  gaps: GapFindingDto;
}

export class OutcomeDto {
  @ApiProperty({ type: ConventionsDto })
  conventions: ConventionsDto;

  @ApiProperty({ type: SideMetricsDto })
  candidate: SideMetricsDto;

  @ApiProperty({ type: SideMetricsDto })
  baseline: SideMetricsDto;

  @ApiProperty({ type: HygieneDto, nullable: true })
  hygiene: HygieneDto | null;

  @ApiProperty({ type: [MetricComparisonDto] })
  comparison: MetricComparisonDto[];

  @ApiProperty({ type: SignificanceDto, nullable: true })
  significance: SignificanceDto | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why there is no significance test, when there is none' })
  significanceNote: string | null;

  @ApiProperty({ type: [StressWindowDto] })
  stressWindows: StressWindowDto[];

  /** The stored outcome without its checks, which the response gives once, under `compliance`. */
  static from(outcome: EvaluationOutcome): OutcomeDto {
    const { checks: _checks, ...rest } = outcome;
    return Object.assign(new OutcomeDto(), rest);
  }
}

export class CheckResultDto {
  @ApiProperty({ enum: CHECK_KINDS })
  kind: CheckKind;

  @ApiProperty({ example: 'sharpe >= baseline - 0.1' })
  name: string;

  @ApiProperty({ type: String, nullable: true, description: 'Stress window, if any' })
  window: string | null;

  @ApiProperty({ type: String, nullable: true })
  metric: string | null;

  @ApiProperty({ enum: CHECK_OUTCOMES })
  outcome: CheckOutcome;

  @ApiProperty({ enum: CHECK_SEVERITIES, description: 'What a breach does: FAIL fails the run, WARN warns' })
  severity: CheckSeverity;

  @ApiProperty({ type: Number, nullable: true })
  observed: number | null;

  @ApiProperty({ type: Number, nullable: true })
  limit: number | null;

  @ApiProperty({ type: String, nullable: true })
  comparator: string | null;

  @ApiProperty({ example: 'sharpe is 1.05, below the limit of 1.1 (baseline 1.2 - 0.1); a breach fails the run.' })
  message: string;
}

export class ComplianceDto {
  @ApiProperty({ enum: COMPLIANCE_STATUSES })
  status: ComplianceStatus;

  @ApiProperty({ type: [CheckResultDto] })
  checks: CheckResultDto[];

  @ApiProperty({ type: String, format: 'date-time' })
  evaluatedAt: Date;
}
