import { ApiProperty, OmitType, PickType } from '@nestjs/swagger';

import { EXPLAINABILITY_TYPES } from '../../../../libs/contracts/src/index.js';
import { ActorResponseDto } from '../../../common/auth/actor.response.dto.js';
import { ApiModel, NULLABLE_DATE_TIME, type Json } from '../../../common/openapi/api-model.js';
import type { ExplainabilitySummary } from '../../explainability/explainability-summary.js';
import { FeatureImportanceDto } from '../../explainability/dto/create-explainability-artifact.request.dto.js';
import { ComplianceDto, OutcomeDto } from '../../runs/dto/outcome.response.dto.js';
import { CandidateResponseDto, RunResponseDto } from '../../runs/dto/run.response.dto.js';
import { ScenarioDefinitionResponseDto } from '../../scenarios/dto/scenario.response.dto.js';
import type { EvaluationReport } from '../evaluation-report.js';

export class ReportRunDto extends PickType(RunResponseDto, ['id', 'status', 'trigger', 'requestedBy', 'attempts'] as const) {}

export class ReportScenarioDto extends ScenarioDefinitionResponseDto {
  @ApiProperty()
  id: string;

  @ApiProperty({ type: 'integer', description: 'The revision the run was judged against' })
  revision: number;

  @ApiProperty({ type: ActorResponseDto, nullable: true, description: 'Who made that revision' })
  revisedBy: ActorResponseDto | null;

  @ApiProperty({ type: String, format: 'date-time' })
  revisedAt: Date;
}

/** The two sides' metrics, as the outcome has them. */
export class ReportMetricsDto extends PickType(OutcomeDto, ['candidate', 'baseline'] as const) {}

/** The run's compliance with its checks counted by outcome. */
export class ReportComplianceDto extends ComplianceDto {
  @ApiProperty({ type: 'integer' })
  passed: number;

  @ApiProperty({ type: 'integer' })
  warned: number;

  @ApiProperty({ type: 'integer' })
  failed: number;
}

/** A feature's importance, as an artifact gives it, with its share of the total. */
export class RankedFeatureDto extends FeatureImportanceDto {
  @ApiProperty({ description: '|importance| / Σ |importance|' })
  share: number;
}

export class ImportanceSummaryDto extends ApiModel<NonNullable<ExplainabilitySummary['importance']>>({
  artifactId: { type: String, description: 'The artifact the ranking comes from: the latest feature importance, else the latest SHAP values' },
  type: { enum: EXPLAINABILITY_TYPES },
  featureCount: { type: 'integer' },
  topFeatures: { type: [RankedFeatureDto] },
  maxShare: { type: Number },
  maxShareFeature: { type: String },
}) {}

export class ExplainabilitySummaryDto extends ApiModel<ExplainabilitySummary>({
  artifactCount: { type: 'integer' },
  byType: { type: 'object', additionalProperties: { type: 'integer' }, example: { SHAP_VALUES: 1, FEATURE_IMPORTANCE: 1, PARTIAL_DEPENDENCE: 0 } },
  importance: { type: ImportanceSummaryDto, nullable: true },
  partialDependenceFeatures: { type: [String] },
}) {}

export class ModelVersionRefDto extends ApiModel<NonNullable<EvaluationReport['verdict']['modelVersion']>>({
  modelName: { type: String },
  version: { type: 'integer' },
}) {}

export class ReportVerdictDto extends ApiModel<Json<EvaluationReport['verdict']>>({
  modelVersion: { type: ModelVersionRefDto, nullable: true, description: 'The model version the verdict is written onto, if the candidate is one' },
  recordedAt: NULLABLE_DATE_TIME,
}) {}

export class ReportTimingsDto extends PickType(RunResponseDto, ['startedAt', 'completedAt', 'computeMs'] as const) {
  @ApiProperty({ type: String, format: 'date-time' })
  queuedAt: Date;

  @ApiProperty({ type: 'integer', nullable: true, description: 'From queued to the start of the last attempt' })
  queueWaitMs: number | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'From the start of the last attempt to completion' })
  processingMs: number | null;
}

/** The outcome of the run (its own candidate and baseline metrics under `metrics`) with what a reader of the report needs around it. */
export class EvaluationReportResponseDto extends OmitType(OutcomeDto, ['candidate', 'baseline'] as const) {
  @ApiProperty({ type: 'integer', example: 1 })
  reportVersion: number;

  @ApiProperty({ type: String, format: 'date-time' })
  generatedAt: Date;

  @ApiProperty({ type: ReportRunDto })
  run: ReportRunDto;

  @ApiProperty({ type: CandidateResponseDto })
  candidate: CandidateResponseDto;

  @ApiProperty({ type: ReportScenarioDto })
  scenario: ReportScenarioDto;

  @ApiProperty({ type: ReportMetricsDto })
  metrics: ReportMetricsDto;

  @ApiProperty({ type: ReportComplianceDto })
  compliance: ReportComplianceDto;

  @ApiProperty({ type: ExplainabilitySummaryDto })
  explainability: ExplainabilitySummaryDto;

  @ApiProperty({ type: ReportVerdictDto })
  verdict: ReportVerdictDto;

  @ApiProperty({ type: ReportTimingsDto })
  timings: ReportTimingsDto;

  static from(report: EvaluationReport): EvaluationReportResponseDto {
    return Object.assign(new EvaluationReportResponseDto(), report);
  }
}
