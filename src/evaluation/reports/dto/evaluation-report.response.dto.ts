import { ApiProperty } from '@nestjs/swagger';

import { COMPLIANCE_STATUSES, EVALUATION_RUN_STATUSES, EXPLAINABILITY_TYPES, type ComplianceStatus, type EvaluationRunStatus, type ExplainabilityType } from '../../../../libs/contracts/src/index.js';
import { ActorResponseDto } from '../../../common/auth/actor.response.dto.js';
import { CandidateResponseDto } from '../../runs/dto/run.response.dto.js';
import {
  CheckResultDto,
  ConventionsDto,
  HygieneDto,
  MetricComparisonDto,
  SideMetricsDto,
  SignificanceDto,
  StressWindowDto,
} from '../../runs/dto/outcome.response.dto.js';
import { RUN_TRIGGERS, type RunTrigger } from '../../runs/evaluation-run.js';
import { ScenarioDefinitionResponseDto } from '../../scenarios/dto/scenario.response.dto.js';
import type { EvaluationReport } from '../evaluation-report.js';

export class ReportRunDto {
  @ApiProperty()
  id: string;

  @ApiProperty({ enum: EVALUATION_RUN_STATUSES })
  status: EvaluationRunStatus;

  @ApiProperty({ enum: RUN_TRIGGERS })
  trigger: RunTrigger;

  @ApiProperty({ type: ActorResponseDto, nullable: true, description: 'Who asked for the run (the retraining pipeline for a new model version)' })
  requestedBy: ActorResponseDto | null;

  @ApiProperty({ type: 'integer' })
  attempts: number;
}

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

export class ReportMetricsDto {
  @ApiProperty({ type: SideMetricsDto })
  candidate: SideMetricsDto;

  @ApiProperty({ type: SideMetricsDto })
  baseline: SideMetricsDto;
}

export class ReportComplianceDto {
  @ApiProperty({ enum: COMPLIANCE_STATUSES })
  status: ComplianceStatus;

  @ApiProperty({ type: String, format: 'date-time' })
  evaluatedAt: Date;

  @ApiProperty({ type: 'integer' })
  passed: number;

  @ApiProperty({ type: 'integer' })
  warned: number;

  @ApiProperty({ type: 'integer' })
  failed: number;

  @ApiProperty({ type: [CheckResultDto] })
  checks: CheckResultDto[];
}

export class RankedFeatureDto {
  @ApiProperty()
  feature: string;

  @ApiProperty()
  importance: number;

  @ApiProperty({ description: '|importance| / Σ |importance|' })
  share: number;
}

export class ImportanceSummaryDto {
  @ApiProperty({ description: 'The artifact the ranking comes from: the latest feature importance, else the latest SHAP values' })
  artifactId: string;

  @ApiProperty({ enum: EXPLAINABILITY_TYPES })
  type: ExplainabilityType;

  @ApiProperty({ type: 'integer' })
  featureCount: number;

  @ApiProperty({ type: [RankedFeatureDto] })
  topFeatures: RankedFeatureDto[];

  @ApiProperty()
  maxShare: number;

  @ApiProperty()
  maxShareFeature: string;
}

export class ExplainabilitySummaryDto {
  @ApiProperty({ type: 'integer' })
  artifactCount: number;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { SHAP_VALUES: 1, FEATURE_IMPORTANCE: 1, PARTIAL_DEPENDENCE: 0 } })
  byType: Record<ExplainabilityType, number>;

  @ApiProperty({ type: ImportanceSummaryDto, nullable: true })
  importance: ImportanceSummaryDto | null;

  @ApiProperty({ type: [String] })
  partialDependenceFeatures: string[];
}

export class ModelVersionRefDto {
  @ApiProperty()
  modelName: string;

  @ApiProperty({ type: 'integer' })
  version: number;
}

export class ReportVerdictDto {
  @ApiProperty({ type: ModelVersionRefDto, nullable: true, description: 'The model version the verdict is written onto, if the candidate is one' })
  modelVersion: ModelVersionRefDto | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  recordedAt: Date | null;
}

export class ReportTimingsDto {
  @ApiProperty({ type: String, format: 'date-time' })
  queuedAt: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  startedAt: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  completedAt: Date | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'From queued to the start of the last attempt' })
  queueWaitMs: number | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'From the start of the last attempt to completion' })
  processingMs: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Milliseconds of computation (to 0.1 ms)' })
  computeMs: number | null;
}

export class EvaluationReportResponseDto {
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

  @ApiProperty({ type: ConventionsDto })
  conventions: ConventionsDto;

  @ApiProperty({ type: ReportMetricsDto })
  metrics: ReportMetricsDto;

  @ApiProperty({ type: HygieneDto, nullable: true })
  hygiene: HygieneDto | null;

  @ApiProperty({ type: [MetricComparisonDto] })
  comparison: MetricComparisonDto[];

  @ApiProperty({ type: SignificanceDto, nullable: true })
  significance: SignificanceDto | null;

  @ApiProperty({ type: String, nullable: true })
  significanceNote: string | null;

  @ApiProperty({ type: [StressWindowDto] })
  stressWindows: StressWindowDto[];

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
