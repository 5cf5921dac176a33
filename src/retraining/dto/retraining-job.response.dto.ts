import { RETRAINING_JOB_STATES, RETRAINING_TRIGGER_KINDS } from '../../../libs/contracts/src/index.js';
import { ActorResponseDto } from '../../common/auth/actor.response.dto.js';
import { ApiModel, DATE_TIME, NULLABLE_DATE_TIME, type Json } from '../../common/openapi/api-model.js';
import { PageResponseDto } from '../../common/pagination/page.js';
import type { RetrainingJob, RetrainingJobEvent, RetrainingTrigger } from '../jobs/retraining-job.js';
import { TrainerSpecResponseDto } from './retraining-policy.response.dto.js';
import { RetrainingResultDto } from './retraining-result.dto.js';

/** What the job record and the trainer's payload both say about the trigger. */
export const TRIGGER_PARTS = { kind: { enum: RETRAINING_TRIGGER_KINDS }, reason: { type: String } } as const;

export class RetrainingTriggerResponseDto extends ApiModel<Json<RetrainingTrigger>>({
  ...TRIGGER_PARTS,
  requestedBy: { type: ActorResponseDto, nullable: true, description: 'The person of a manual trigger; the recorder of the drift event for a drift trigger' },
}) {}

export class RetrainingJobEventResponseDto extends ApiModel<Json<RetrainingJobEvent>>({
  at: DATE_TIME,
  state: { enum: RETRAINING_JOB_STATES },
  message: { type: String },
}) {}

/** Everything but the hashes of the job's trainer tokens, which are nobody's business, and the count behind attempts. */
type ShownJob = Omit<RetrainingJob, 'trainerTokens' | 'failedAttempts'>;

export class RetrainingJobResponseDto extends ApiModel<Json<ShownJob>>({
  id: { type: String, example: '665f1c2b9d1e8a0012345678' },
  modelName: { type: String },
  state: { enum: RETRAINING_JOB_STATES },
  trigger: { type: RetrainingTriggerResponseDto },
  driftEventIds: { type: [String], description: 'The drift events this job answers' },
  trainer: { type: TrainerSpecResponseDto },
  experimentName: { type: String },
  round: { type: Number, description: '1, plus one for every retry' },
  queueName: { type: String },
  queueJobId: { type: String, description: 'The BullMQ job id of the current round' },
  attempts: { type: Number, description: 'Executions started over every round' },
  maxAttempts: { type: Number, description: 'Attempts per round before the job fails' },
  progress: { type: Number, minimum: 0, maximum: 1 },
  progressMessage: { type: String, nullable: true },
  outputTail: { type: [String], description: "The last lines of the trainer's output" },
  result: { type: RetrainingResultDto, nullable: true },
  resultReportedBy: { type: ActorResponseDto, nullable: true, description: "Who reported the result: the job's trainer, a team's trainer key, or the platform's worker" },
  claimedBy: { type: ActorResponseDto, nullable: true, description: 'External jobs: the trainer that claimed the current execution' },
  notBefore: { ...NULLABLE_DATE_TIME, description: 'External jobs: not claimable before this time (the backoff after a failed attempt)' },
  runId: { type: String, nullable: true },
  modelVersion: { type: Number, nullable: true, description: 'The version registered in STAGING' },
  evaluationRunIds: { type: [String], nullable: true, description: 'Evaluation runs of the new version, one per scenario of the model; null until started' },
  lastError: { type: String, nullable: true, description: 'The error of the latest failed attempt' },
  failureReason: { type: String, nullable: true, description: 'Why the job FAILED or was CANCELLED' },
  workerId: { type: String, nullable: true },
  enqueuedAt: NULLABLE_DATE_TIME,
  startedAt: { ...NULLABLE_DATE_TIME, description: 'Start of the latest execution' },
  finishedAt: NULLABLE_DATE_TIME,
  resultDeadline: { ...NULLABLE_DATE_TIME, description: 'webhook and external: the job fails if no result arrives by then' },
  events: { type: [RetrainingJobEventResponseDto], description: 'What happened to the job, oldest first (the latest 100)' },
  createdAt: DATE_TIME,
  updatedAt: DATE_TIME,
}) {
  static from(job: RetrainingJob): RetrainingJobResponseDto {
    const { trainerTokens: _hashes, failedAttempts: _failed, ...shown } = job;
    return Object.assign(new RetrainingJobResponseDto(), shown);
  }
}

export class RetrainingJobPageResponseDto extends PageResponseDto(RetrainingJobResponseDto) {}
