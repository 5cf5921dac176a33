import { ApiProperty } from '@nestjs/swagger';

import { MODEL_STAGES, type ModelStage } from '../../../../libs/contracts/src/index.js';
import { ActorResponseDto } from '../../../common/auth/actor.response.dto.js';
import { PageResponseDto } from '../../../common/pagination/page.js';
import { formatMetricValues, NON_FINITE_METRIC_VALUES, type MetricValueJson } from '../../runs/metrics/metric-value.js';
import { EVALUATION_STATUSES, unmetChecklistItems, VERSION_SOURCES, type ChecklistItem, type EvaluationStatus, type ModelVersion, type VersionEvaluation, type VersionSource } from '../model-version.js';
import { StageTransitionResponseDto } from './stage-transition.response.dto.js';

export class ChecklistItemResponseDto {
  @ApiProperty({ example: 'risk-review' })
  key: string;

  @ApiProperty()
  description: string;

  @ApiProperty()
  required: boolean;

  @ApiProperty({ description: 'Checked by the platform (the evaluation harness), never by a person' })
  systemChecked: boolean;

  @ApiProperty()
  checked: boolean;

  @ApiProperty({ type: ActorResponseDto, nullable: true, description: 'Who last checked or unchecked the item' })
  checkedBy: ActorResponseDto | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  checkedAt: Date | null;

  @ApiProperty()
  comment: string;

  static from(item: ChecklistItem): ChecklistItemResponseDto {
    return Object.assign(new ChecklistItemResponseDto(), item);
  }
}

export class VersionEvaluationResponseDto {
  @ApiProperty()
  evaluationRunId: string;

  @ApiProperty()
  scenarioId: string;

  @ApiProperty()
  scenarioRevision: number;

  @ApiProperty({ enum: EVALUATION_STATUSES })
  status: EvaluationStatus;

  @ApiProperty({ type: String, format: 'date-time' })
  evaluatedAt: Date;

  @ApiProperty()
  summary: string;

  static from(evaluation: VersionEvaluation): VersionEvaluationResponseDto {
    return Object.assign(new VersionEvaluationResponseDto(), evaluation);
  }
}

export class ModelVersionResponseDto {
  @ApiProperty({ example: '665f1c2b9d1e8a00123456cc' })
  id: string;

  @ApiProperty({ example: 'kospi-momentum' })
  modelName: string;

  @ApiProperty({ example: 3 })
  version: number;

  @ApiProperty()
  description: string;

  @ApiProperty({ type: [String] })
  tags: string[];

  @ApiProperty({ enum: VERSION_SOURCES, description: 'RUN: snapshot of a tracked run; DIRECT: given in the request' })
  source: VersionSource;

  @ApiProperty({ type: String, nullable: true })
  runId: string | null;

  @ApiProperty({ type: String, nullable: true })
  experimentId: string | null;

  @ApiProperty({ example: 's3://ml-artifacts/kospi-momentum/v3/model.onnx' })
  artifactUri: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'number' }, { type: 'string', enum: [...NON_FINITE_METRIC_VALUES] }] },
    example: { sharpe: 1.42, loss: 'NaN' },
    description: 'NaN and ±Infinity as the strings "NaN", "Infinity", "-Infinity"',
  })
  metrics: Record<string, MetricValueJson>;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  params: Record<string, string>;

  @ApiProperty({ enum: MODEL_STAGES })
  stage: ModelStage;

  @ApiProperty({ type: StageTransitionResponseDto, nullable: true, description: 'The transition that put the version in its current stage' })
  lastTransition: StageTransitionResponseDto | null;

  @ApiProperty({ type: [ChecklistItemResponseDto] })
  checklist: ChecklistItemResponseDto[];

  @ApiProperty({ description: 'Every required checklist item is checked' })
  approved: boolean;

  @ApiProperty({ type: VersionEvaluationResponseDto, nullable: true })
  latestEvaluation: VersionEvaluationResponseDto | null;

  @ApiProperty({ type: ActorResponseDto, nullable: true, description: 'Who created the version' })
  createdBy: ActorResponseDto | null;

  @ApiProperty({ type: [String], description: 'Stable ids of those who brought the version about; none of them may tick its required items or promote it (four eyes)' })
  originators: string[];

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: Date;

  static from(version: ModelVersion): ModelVersionResponseDto {
    const { revision: _, ...rest } = version;
    return Object.assign(new ModelVersionResponseDto(), {
      ...rest,
      metrics: formatMetricValues(version.metrics),
      lastTransition: version.lastTransition ? StageTransitionResponseDto.from(version.lastTransition) : null,
      checklist: version.checklist.map(ChecklistItemResponseDto.from),
      approved: unmetChecklistItems(version.checklist).length === 0,
      latestEvaluation: version.latestEvaluation ? VersionEvaluationResponseDto.from(version.latestEvaluation) : null,
    });
  }
}

export class ModelVersionPageResponseDto extends PageResponseDto(ModelVersionResponseDto) {}
