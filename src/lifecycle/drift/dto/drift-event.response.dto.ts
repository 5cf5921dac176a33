import { ApiProperty } from '@nestjs/swagger';

import { DRIFT_SEVERITIES, DRIFT_STATISTICS, DRIFT_STATUSES } from '../../../../libs/contracts/src/index.js';
import type { DriftSeverity, DriftStatistic, DriftStatus } from '../../../../libs/contracts/src/index.js';
import { ActorResponseDto } from '../../../common/auth/actor.response.dto.js';
import { PageResponseDto } from '../../../common/pagination/page.js';
import type { DriftEvent } from '../drift-event.js';
import type { DriftDirection } from '../drift-severity.js';
import { SeverityBandsDto } from './record-drift-event.request.dto.js';

export class DriftNoteDto {
  @ApiProperty({ enum: DRIFT_STATUSES })
  status: DriftStatus;

  @ApiProperty()
  note: string;

  @ApiProperty({ type: ActorResponseDto })
  by: ActorResponseDto;

  @ApiProperty({ type: String, format: 'date-time' })
  at: Date;
}

export class DriftRetrainingStatusDto {
  @ApiProperty({ type: String, nullable: true, description: 'The retraining job serving the event; null when it triggered none' })
  jobId: string | null;

  @ApiProperty({ example: 'QUEUED', description: 'The job state (PENDING_ENQUEUE, QUEUED, RUNNING, AWAITING_RESULT, SUCCEEDED, FAILED, CANCELLED) or NOT_TRIGGERED' })
  state: string;

  @ApiProperty({ type: String, nullable: true, description: 'Why no job was triggered, or why the job failed' })
  detail: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'The model version that handles the event, once registered' })
  modelVersion: number | null;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: Date;
}

export class DriftEventResponseDto {
  @ApiProperty()
  id: string;

  @ApiProperty()
  modelName: string;

  @ApiProperty({ type: Number, nullable: true })
  modelVersion: number | null;

  @ApiProperty({ type: [String] })
  features: string[];

  @ApiProperty({ enum: DRIFT_STATISTICS })
  statistic: DriftStatistic;

  @ApiProperty({ type: String, nullable: true })
  statisticName: string | null;

  @ApiProperty()
  value: number;

  @ApiProperty()
  threshold: number;

  @ApiProperty({ enum: ['HIGHER_IS_WORSE', 'LOWER_IS_WORSE'] })
  direction: DriftDirection;

  @ApiProperty({ type: SeverityBandsDto })
  bands: SeverityBandsDto;

  @ApiProperty({ enum: DRIFT_SEVERITIES })
  severity: DriftSeverity;

  @ApiProperty({ enum: ['GIVEN', 'DERIVED'] })
  severitySource: 'GIVEN' | 'DERIVED';

  @ApiProperty({ type: String, format: 'date-time' })
  detectedAt: Date;

  @ApiProperty()
  responsePlan: string;

  @ApiProperty({ enum: DRIFT_STATUSES })
  status: DriftStatus;

  @ApiProperty({ type: [DriftNoteDto] })
  notes: DriftNoteDto[];

  @ApiProperty({ type: ActorResponseDto, nullable: true })
  recordedBy: ActorResponseDto | null;

  @ApiProperty({ type: DriftRetrainingStatusDto, nullable: true, description: 'Where retraining stands for this event; null until the pipeline has decided' })
  retraining: DriftRetrainingStatusDto | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: Date;

  static from(event: DriftEvent): DriftEventResponseDto {
    return Object.assign(new DriftEventResponseDto(), event);
  }
}

export class DriftEventPageResponseDto extends PageResponseDto(DriftEventResponseDto) {}
