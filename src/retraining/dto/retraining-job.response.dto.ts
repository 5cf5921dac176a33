import { ApiProperty } from '@nestjs/swagger';

import { RETRAINING_JOB_STATES, RETRAINING_TRIGGER_KINDS, type RetrainingJobState, type RetrainingTriggerKind } from '../../../libs/contracts/src/index.js';
import { ActorResponseDto } from '../../common/auth/actor.response.dto.js';
import { PageResponseDto } from '../../common/pagination/page.js';
import type { RetrainingJob } from '../jobs/retraining-job.js';
import { TrainerSpecResponseDto } from './retraining-policy.response.dto.js';
import { RetrainingResultDto } from './retraining-result.dto.js';

/** What the job record and the trainer's payload both say about the trigger. */
export class RetrainingTriggerPartsDto {
  @ApiProperty({ enum: RETRAINING_TRIGGER_KINDS })
  kind: RetrainingTriggerKind;

  @ApiProperty()
  reason: string;
}

export class RetrainingTriggerResponseDto extends RetrainingTriggerPartsDto {
  @ApiProperty({ type: ActorResponseDto, nullable: true, description: 'The person of a manual trigger; the recorder of the drift event for a drift trigger' })
  requestedBy: ActorResponseDto | null;
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

  @ApiProperty({ type: ActorResponseDto, nullable: true, description: "Who reported the result: the job's trainer, a team's trainer key, or the platform's worker" })
  resultReportedBy: ActorResponseDto | null;

  @ApiProperty({ type: ActorResponseDto, nullable: true, description: 'External jobs: the trainer that claimed the current execution' })
  claimedBy: ActorResponseDto | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'External jobs: not claimable before this time (the backoff after a failed attempt)' })
  notBefore: Date | null;

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

  /** Everything but the hashes of the job's trainer tokens, which are nobody's business. */
  static from(job: RetrainingJob): RetrainingJobResponseDto {
    const { trainerTokens: _hashes, failedAttempts: _failed, ...shown } = job;
    return Object.assign(new RetrainingJobResponseDto(), shown);
  }
}

export class RetrainingJobPageResponseDto extends PageResponseDto(RetrainingJobResponseDto) {}
