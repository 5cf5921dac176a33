import { ApiProperty } from '@nestjs/swagger';

import { ActorResponseDto } from '../../../common/auth/actor.response.dto.js';
import { AnsweredType } from '../../../common/openapi/answered-type.js';
import { ApiModel } from '../../../common/openapi/api-model.js';
import { PageResponseDto } from '../../../common/pagination/page.js';
import type { Scenario, ScenarioBaseline, ScenarioBenchmark, ScenarioRevision, SeriesSummary } from '../scenario.js';
import { CreateScenarioRequestDto } from './create-scenario.request.dto.js';
import { ComplianceRulesDto, ExplainabilityRulesDto, MetricThresholdDto, MinHistoryDto, RelativeLimitDto, StressEventDto } from './scenario-parts.dto.js';

export class SeriesSummaryDto extends ApiModel<SeriesSummary>({
  count: { type: 'integer', example: 2520 },
  firstDate: { type: String, nullable: true, example: '2015-01-02' },
  lastDate: { type: String, nullable: true, example: '2024-12-30' },
}) {}

export class RelativeLimitResponseDto extends AnsweredType(RelativeLimitDto) {}

export class MetricThresholdResponseDto extends AnsweredType(MetricThresholdDto, { value: { nullable: true }, baseline: { type: RelativeLimitResponseDto, nullable: true } }) {
  declare value: number | null;
  declare baseline: RelativeLimitResponseDto | null;
}

export class StressEventResponseDto extends AnsweredType(StressEventDto, { thresholds: { type: MetricThresholdResponseDto } }) {
  declare thresholds: MetricThresholdResponseDto[];
}

/** The baseline with its series summarised, not its points. */
export class BaselineResponseDto extends ApiModel<ScenarioBaseline<SeriesSummary>>({
  label: { type: String },
  metrics: { type: 'object', additionalProperties: { type: 'number' }, nullable: true },
  returns: { type: SeriesSummaryDto, nullable: true, description: 'The series is summarised; its points are not returned' },
}) {}

export class BenchmarkResponseDto extends ApiModel<ScenarioBenchmark<SeriesSummary>>({
  label: { type: String },
  returns: { type: SeriesSummaryDto },
}) {}

export class MinHistoryResponseDto extends AnsweredType(MinHistoryDto) {}

export class ExplainabilityRulesResponseDto extends AnsweredType(ExplainabilityRulesDto, { maxFeatureShare: { nullable: true } }) {
  declare maxFeatureShare: number | null;
}

export class ComplianceRulesResponseDto extends AnsweredType(ComplianceRulesDto, {
  minHistory: { type: MinHistoryResponseDto, nullable: true },
  maxGapDays: { nullable: true, description: 'Calendar days between consecutive dates beyond which the history has a gap; null: the default for the frequency (7 daily, 14 weekly, 35 monthly)' },
  explainability: { type: ExplainabilityRulesResponseDto, nullable: true },
}) {
  declare minHistory: MinHistoryResponseDto | null;
  declare maxGapDays: number | null;
  declare explainability: ExplainabilityRulesResponseDto | null;
}

/** The definition fields, shared by a scenario and its revisions: a scenario as it was asked for, with every default filled in. */
export class ScenarioDefinitionResponseDto extends AnsweredType(CreateScenarioRequestDto, {
  riskFreeRate: { description: 'Null: the configured default applies, and each run records the rate it used' },
  baseline: { type: BaselineResponseDto },
  benchmark: { type: BenchmarkResponseDto },
  stressEvents: { type: StressEventResponseDto },
  thresholds: { type: MetricThresholdResponseDto },
  compliance: { type: ComplianceRulesResponseDto },
}) {
  declare riskFreeRate: number | null;
  declare baseline: BaselineResponseDto;
  declare benchmark: BenchmarkResponseDto | null;
  declare stressEvents: StressEventResponseDto[];
  declare thresholds: MetricThresholdResponseDto[];
  declare compliance: ComplianceRulesResponseDto;
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
