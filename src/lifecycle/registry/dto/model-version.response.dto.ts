import { MODEL_STAGES, type ModelVersionView } from '../../../../libs/contracts/src/index.js';
import { ActorResponseDto } from '../../../common/auth/actor.response.dto.js';
import { ApiModel, DATE_TIME, NULLABLE_DATE_TIME } from '../../../common/openapi/api-model.js';
import { PageResponseDto } from '../../../common/pagination/page.js';
import { formatMetricValues } from '../../runs/metrics/metric-value.js';
import { METRIC_VALUE_SCHEMA } from '../../runs/dto/run.response.dto.js';
import { EVALUATION_STATUSES, unmetChecklistItems, VERSION_SOURCES, type ChecklistItem, type ModelVersion, type VersionEvaluation } from '../model-version.js';
import { StageTransitionResponseDto } from './stage-transition.response.dto.js';

export class ChecklistItemResponseDto extends ApiModel<ModelVersionView['checklist'][number]>({
  key: { type: String, example: 'risk-review' },
  description: { type: String },
  required: { type: Boolean },
  systemChecked: { type: Boolean, description: 'Checked by the platform (the evaluation harness), never by a person' },
  checked: { type: Boolean },
  checkedBy: { type: ActorResponseDto, nullable: true, description: 'Who last checked or unchecked the item' },
  checkedAt: NULLABLE_DATE_TIME,
  comment: { type: String },
}) {
  static from(item: ChecklistItem): ChecklistItemResponseDto {
    return Object.assign(new ChecklistItemResponseDto(), item);
  }
}

export class VersionEvaluationResponseDto extends ApiModel<NonNullable<ModelVersionView['latestEvaluation']>>({
  evaluationRunId: { type: String },
  scenarioId: { type: String },
  scenarioRevision: { type: Number },
  status: { enum: EVALUATION_STATUSES },
  evaluatedAt: DATE_TIME,
  summary: { type: String },
}) {
  static from(evaluation: VersionEvaluation): VersionEvaluationResponseDto {
    return Object.assign(new VersionEvaluationResponseDto(), evaluation);
  }
}

export class ModelVersionResponseDto extends ApiModel<ModelVersionView>({
  id: { type: String, example: '665f1c2b9d1e8a00123456cc' },
  modelName: { type: String, example: 'kospi-momentum' },
  version: { type: Number, example: 3 },
  description: { type: String },
  tags: { type: [String] },
  source: { enum: VERSION_SOURCES, description: 'RUN: snapshot of a tracked run; DIRECT: given in the request' },
  runId: { type: String, nullable: true },
  experimentId: { type: String, nullable: true },
  artifactUri: { type: String, example: 's3://ml-artifacts/kospi-momentum/v3/model.onnx' },
  metrics: {
    type: 'object',
    additionalProperties: METRIC_VALUE_SCHEMA,
    example: { sharpe: 1.42, loss: 'NaN' },
    description: 'NaN and ±Infinity as the strings "NaN", "Infinity", "-Infinity"',
  },
  params: { type: 'object', additionalProperties: { type: 'string' } },
  stage: { enum: MODEL_STAGES },
  lastTransition: { type: StageTransitionResponseDto, nullable: true, description: 'The transition that put the version in its current stage' },
  checklist: { type: [ChecklistItemResponseDto] },
  approved: { type: Boolean, description: 'Every required checklist item is checked' },
  latestEvaluation: { type: VersionEvaluationResponseDto, nullable: true },
  createdBy: { type: ActorResponseDto, nullable: true, description: 'Who created the version' },
  originators: { type: [String], description: 'Stable ids of those who brought the version about; none of them may tick its required items or promote it (four eyes)' },
  createdAt: DATE_TIME,
  updatedAt: DATE_TIME,
}) {
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
