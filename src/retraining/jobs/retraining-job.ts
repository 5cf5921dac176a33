import type {
  RetrainingJobState,
  RetrainingResult,
  RetrainingTrainerKind,
  RetrainingTriggerKind,
} from '../../../libs/contracts/src/index.js';
import type { ActorRef } from '../../common/auth/principal.js';

/** The trainer a job runs with, copied from the model's policy when the job is created. */
export interface TrainerSpec {
  kind: RetrainingTrainerKind;
  /** command: the name of a configured command trainer. */
  command: string | null;
  /** webhook: where the job is POSTed. */
  url: string | null;
  /** external: the queue other teams' workers consume. */
  queue: string | null;
  settings: Record<string, unknown>;
  timeoutSeconds: number;
}

export interface RetrainingTrigger {
  kind: RetrainingTriggerKind;
  reason: string;
  /** Who asked for it: the person of a manual trigger, the recorder of the drift event for a drift trigger. */
  requestedBy: ActorRef | null;
}

/** A trainer token as stored: only its hash, with the moment it stops working. */
export interface TrainerToken {
  hash: string;
  expiresAt: Date;
}

export interface RetrainingJobEvent {
  at: Date;
  state: RetrainingJobState;
  message: string;
}

/** A retraining job as the rest of the platform sees it: the record of truth; BullMQ only carries its id. */
export interface RetrainingJob {
  id: string;
  modelName: string;
  state: RetrainingJobState;
  trigger: RetrainingTrigger;
  driftEventIds: string[];
  trainer: TrainerSpec;
  experimentName: string;
  /** 1, then one more for every manual retry; each round is a fresh BullMQ job. */
  round: number;
  queueName: string;
  queueJobId: string;
  /** Executions started, over every round (a replay after a worker crash counts too). */
  attempts: number;
  /** BullMQ attempts per round. */
  maxAttempts: number;
  progress: number;
  progressMessage: string | null;
  /** Last lines of the trainer's output, for diagnosis. */
  outputTail: string[];
  result: RetrainingResult | null;
  resultReportedBy: ActorRef | null;
  claimedBy: ActorRef | null;
  trainerTokens: TrainerToken[];
  /** External jobs: not claimable before this time (the backoff after a failed attempt). */
  notBefore: Date | null;
  /** External jobs: failed attempts of the current round; the round fails when they reach maxAttempts. */
  failedAttempts: number;
  runId: string | null;
  modelVersion: number | null;
  /** The evaluation runs started for the new version (one per scenario of the model); null until started. */
  evaluationRunIds: string[] | null;
  lastError: string | null;
  failureReason: string | null;
  workerId: string | null;
  enqueuedAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** webhook and external trainers: the job fails if no result arrives by then. */
  resultDeadline: Date | null;
  events: RetrainingJobEvent[];
  createdAt: Date;
  updatedAt: Date;
}

export type NewRetrainingJob = Pick<RetrainingJob, 'modelName' | 'trigger' | 'driftEventIds' | 'trainer' | 'experimentName' | 'queueName' | 'maxAttempts'>;

export interface RetrainingJobFilter {
  modelName?: string;
  state?: RetrainingJobState;
}

/** BullMQ job id of a round: the record id itself first, so enqueueing the same round twice is a no-op. */
export function queueJobIdFor(jobId: string, round: number): string {
  return round === 1 ? jobId : `${jobId}-r${round}`;
}
