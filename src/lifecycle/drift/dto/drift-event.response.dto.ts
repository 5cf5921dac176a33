import { DRIFT_SEVERITIES, DRIFT_STATISTICS, DRIFT_STATUSES, type DriftEventView } from '../../../../libs/contracts/src/index.js';
import { ActorResponseDto } from '../../../common/auth/actor.response.dto.js';
import { ApiModel, DATE_TIME } from '../../../common/openapi/api-model.js';
import { PageResponseDto } from '../../../common/pagination/page.js';
import type { DriftEvent } from '../drift-event.js';
import { SeverityBandsDto } from './record-drift-event.request.dto.js';

export class DriftNoteDto extends ApiModel<DriftEventView['notes'][number]>({
  status: { enum: DRIFT_STATUSES },
  note: { type: String },
  by: { type: ActorResponseDto },
  at: DATE_TIME,
}) {}

export class DriftRetrainingStatusDto extends ApiModel<NonNullable<DriftEventView['retraining']>>({
  jobId: { type: String, nullable: true, description: 'The retraining job serving the event; null when it triggered none' },
  state: { type: String, example: 'QUEUED', description: 'The job state (PENDING_ENQUEUE, QUEUED, RUNNING, AWAITING_RESULT, SUCCEEDED, FAILED, CANCELLED) or NOT_TRIGGERED' },
  detail: { type: String, nullable: true, description: 'Why no job was triggered, or why the job failed' },
  modelVersion: { type: Number, nullable: true, description: 'The model version that handles the event, once registered' },
  updatedAt: DATE_TIME,
}) {}

export class DriftEventResponseDto extends ApiModel<DriftEventView>({
  id: { type: String },
  modelName: { type: String },
  modelVersion: { type: Number, nullable: true },
  features: { type: [String] },
  statistic: { enum: DRIFT_STATISTICS },
  statisticName: { type: String, nullable: true },
  value: { type: Number },
  threshold: { type: Number },
  direction: { enum: ['HIGHER_IS_WORSE', 'LOWER_IS_WORSE'] },
  bands: { type: SeverityBandsDto },
  severity: { enum: DRIFT_SEVERITIES },
  severitySource: { enum: ['GIVEN', 'DERIVED'] },
  detectedAt: DATE_TIME,
  responsePlan: { type: String },
  status: { enum: DRIFT_STATUSES },
  notes: { type: [DriftNoteDto] },
  recordedBy: { type: ActorResponseDto, nullable: true },
  retraining: { type: DriftRetrainingStatusDto, nullable: true, description: 'Where retraining stands for this event; null until the pipeline has decided' },
  createdAt: DATE_TIME,
  updatedAt: DATE_TIME,
}) {
  static from(event: DriftEvent): DriftEventResponseDto {
    return Object.assign(new DriftEventResponseDto(), event);
  }
}

export class DriftEventPageResponseDto extends PageResponseDto(DriftEventResponseDto) {}
