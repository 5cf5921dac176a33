import { ApiProperty } from '@nestjs/swagger';

import { RETRAINING_JOB_STATES, RETRAINING_TRIGGER_KINDS, type RetrainingJobState, type RetrainingTriggerKind } from '../../../../libs/contracts/src/index.js';
import { PageResponseDto } from '../../../common/pagination/page.js';
import type { RetrainingJob } from '../jobs/retraining-job.js';
import { TrainerSpecResponseDto } from './retraining-policy.response.dto.js';
import { RetrainingResultDto } from './retraining-result.dto.js';

export class RetrainingTriggerResponseDto {
  @ApiProperty({ enum: RETRAINING_TRIGGER_KINDS })
  kind: RetrainingTriggerKind;

  @ApiProperty()
  reason: string;

  @ApiProperty({ type: String, nullable: true })
  requestedBy: string | null;
}

export class RetrainingJobEventResponseDto {
  @ApiProperty({ type: String, format: 'date-time' })
  at: Date;

  @ApiProperty({ enum: RETRAINING_JOB_STATES })
  state: RetrainingJobState;

  @ApiProperty()
  message: string;
}

export class RetrainingJobResponseDto {
  @ApiProperty({ example: '665f1c2b9d1e8a0012345678' })
  id: string;

  @ApiProperty()
  modelName: string;

  @ApiProperty({ enum: RETRAINING_JOB_STATES })
  state: RetrainingJobState;

  @ApiProperty({ type: RetrainingTriggerResponseDto })
  trigger: RetrainingTriggerResponseDto;

  @ApiProperty({ type: [String], description: 'The drift events this job answers' })
  driftEventIds: string[];

  @ApiProperty({ type: TrainerSpecResponseDto })
  trainer: TrainerSpecResponseDto;

  @ApiProperty()
  experimentName: string;

  @ApiProperty({ description: '1, plus one for every retry' })
  round: number;

  @ApiProperty()
  queueName: string;

  @ApiProperty({ description: 'The BullMQ job id of the current round' })
  queueJobId: string;

  @ApiProperty({ description: 'Executions started over every round' })
  attempts: number;

  @ApiProperty({ description: 'Attempts per round before the job fails' })
  maxAttempts: number;

  @ApiProperty({ minimum: 0, maximum: 1 })
  progress: number;

  @ApiProperty({ type: String, nullable: true })
  progressMessage: string | null;

  @ApiProperty({ type: [String], description: "The last lines of the trainer's output" })
  outputTail: string[];

  @ApiProperty({ type: RetrainingResultDto, nullable: true })
  result: RetrainingResultDto | null;

  @ApiProperty({ type: String, nullable: true })
  runId: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'The version registered in STAGING' })
  modelVersion: number | null;

  @ApiProperty({ type: [String], nullable: true, description: 'Evaluation runs of the new version, one per scenario of the model; null until started' })
  evaluationRunIds: string[] | null;

  @ApiProperty({ type: String, nullable: true, description: 'The error of the latest failed attempt' })
  lastError: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why the job FAILED or was CANCELLED' })
  failureReason: string | null;

  @ApiProperty({ type: String, nullable: true })
  workerId: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  enqueuedAt: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Start of the latest execution' })
  startedAt: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finishedAt: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'webhook and external: the job fails if no result arrives by then' })
  resultDeadline: Date | null;

  @ApiProperty({ type: [RetrainingJobEventResponseDto], description: 'What happened to the job, oldest first (the latest 100)' })
  events: RetrainingJobEventResponseDto[];

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: Date;

  static from(job: RetrainingJob): RetrainingJobResponseDto {
    return Object.assign(new RetrainingJobResponseDto(), job);
  }
}

export class RetrainingJobPageResponseDto extends PageResponseDto(RetrainingJobResponseDto) {}
