import { ApiProperty } from '@nestjs/swagger';

import { CHECK_SEVERITIES, RETURN_FREQUENCIES, type CheckSeverity, type ReturnFrequency } from '../../../../libs/contracts/src/index.js';
import { ActorResponseDto } from '../../../common/auth/actor.response.dto.js';
import { PageResponseDto } from '../../../common/pagination/page.js';
import { COMPARATORS, type Comparator, type Scenario, type ScenarioRevision, type SeriesSummary } from '../scenario.js';
import { PeriodDto } from './scenario-parts.dto.js';

export class SeriesSummaryDto {
  @ApiProperty({ type: 'integer', example: 2520 })
  count: number;

  @ApiProperty({ type: String, nullable: true, example: '2015-01-02' })
  firstDate: string | null;

  @ApiProperty({ type: String, nullable: true, example: '2024-12-30' })
  lastDate: string | null;
}

export class RelativeLimitResponseDto {
  @ApiProperty()
  factor: number;

  @ApiProperty()
  offset: number;
}

export class MetricThresholdResponseDto {
  @ApiProperty()
  metric: string;

  @ApiProperty({ enum: COMPARATORS })
  comparator: Comparator;

  @ApiProperty({ type: Number, nullable: true })
  value: number | null;

  @ApiProperty({ type: RelativeLimitResponseDto, nullable: true })
  baseline: RelativeLimitResponseDto | null;

  @ApiProperty({ enum: CHECK_SEVERITIES })
  severity: CheckSeverity;
}

export class StressEventResponseDto {
  @ApiProperty()
  name: string;

  @ApiProperty()
  start: string;

  @ApiProperty()
  end: string;

  @ApiProperty()
  description: string;

  @ApiProperty({ type: [MetricThresholdResponseDto] })
  thresholds: MetricThresholdResponseDto[];
}

export class BaselineResponseDto {
  @ApiProperty()
  label: string;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, nullable: true })
  metrics: Record<string, number> | null;

  @ApiProperty({ type: SeriesSummaryDto, nullable: true, description: 'The series is summarised; its points are not returned' })
  returns: SeriesSummaryDto | null;
}

export class BenchmarkResponseDto {
  @ApiProperty()
  label: string;

  @ApiProperty({ type: SeriesSummaryDto })
  returns: SeriesSummaryDto;
}

export class MinHistoryResponseDto {
  @ApiProperty({ type: 'integer' })
  observations: number;

  @ApiProperty({ enum: CHECK_SEVERITIES })
  severity: CheckSeverity;
}

export class ExplainabilityRulesResponseDto {
  @ApiProperty()
  required: boolean;

  @ApiProperty({ type: Number, nullable: true })
  maxFeatureShare: number | null;

  @ApiProperty({ enum: CHECK_SEVERITIES })
  severity: CheckSeverity;
}

export class ComplianceRulesResponseDto {
  @ApiProperty({ type: MinHistoryResponseDto, nullable: true })
  minHistory: MinHistoryResponseDto | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Null: the default for the frequency' })
  maxGapDays: number | null;

  @ApiProperty({ enum: CHECK_SEVERITIES })
  gapSeverity: CheckSeverity;

  @ApiProperty({ type: ExplainabilityRulesResponseDto, nullable: true })
  explainability: ExplainabilityRulesResponseDto | null;
}

/** The definition fields, shared by a scenario and its revisions. */
export class ScenarioDefinitionResponseDto {
  @ApiProperty()
  name: string;

  @ApiProperty()
  description: string;

  @ApiProperty({ type: String, nullable: true })
  modelName: string | null;

  @ApiProperty({ enum: RETURN_FREQUENCIES })
  frequency: ReturnFrequency;

  @ApiProperty({ type: Number, nullable: true, description: 'Null: the configured default applies, and each run records the rate it used' })
  riskFreeRate: number | null;

  @ApiProperty({ type: PeriodDto, nullable: true })
  period: PeriodDto | null;

  @ApiProperty({ type: BaselineResponseDto })
  baseline: BaselineResponseDto;

  @ApiProperty({ type: BenchmarkResponseDto, nullable: true })
  benchmark: BenchmarkResponseDto | null;

  @ApiProperty({ type: [StressEventResponseDto] })
  stressEvents: StressEventResponseDto[];

  @ApiProperty({ type: [MetricThresholdResponseDto] })
  thresholds: MetricThresholdResponseDto[];

  @ApiProperty({ type: ComplianceRulesResponseDto })
  compliance: ComplianceRulesResponseDto;
}

export class ScenarioResponseDto extends ScenarioDefinitionResponseDto {
  @ApiProperty({ example: '665f1c2b9d1e8a0012345678' })
  id: string;

  @ApiProperty({ type: 'integer', example: 3, description: 'Current revision; every change makes a new one' })
  revision: number;

  @ApiProperty({ type: ActorResponseDto, nullable: true, description: 'Null only on scenarios created before changes were authenticated' })
  createdBy: ActorResponseDto | null;

  @ApiProperty({ type: ActorResponseDto, nullable: true, description: 'Who made the current revision' })
  updatedBy: ActorResponseDto | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: Date;

  static from(scenario: Scenario<SeriesSummary>): ScenarioResponseDto {
    return Object.assign(new ScenarioResponseDto(), scenario);
  }
}

export class ScenarioRevisionResponseDto extends ScenarioDefinitionResponseDto {
  @ApiProperty({ example: '665f1c2b9d1e8a0012345678' })
  scenarioId: string;

  @ApiProperty({ type: 'integer', example: 2 })
  revision: number;

  @ApiProperty({ type: ActorResponseDto, nullable: true, description: 'Who made the change that created this revision' })
  createdBy: ActorResponseDto | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;

  static from(revision: ScenarioRevision<SeriesSummary>): ScenarioRevisionResponseDto {
    return Object.assign(new ScenarioRevisionResponseDto(), revision);
  }
}

export class ScenarioPageResponseDto extends PageResponseDto(ScenarioResponseDto) {}
export class ScenarioRevisionPageResponseDto extends PageResponseDto(ScenarioRevisionResponseDto) {}
