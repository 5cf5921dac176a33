import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

import { RETRAINING_JOB_STATES, RETRAINING_TRAINER_KINDS, RETRAINING_TRIGGER_KINDS } from '../../../libs/contracts/src/index.js';
import type { RetrainingJobState, RetrainingResult, RetrainingTrainerKind, RetrainingTriggerKind } from '../../../libs/contracts/src/index.js';
import { type PendingAudit } from '../../audit/index.js';
import type { ActorRef } from '../../common/auth/principal.js';
import type { RetrainingJobEvent, TrainerSpec, TrainerToken } from './retraining-job.js';

@Schema({ _id: false, versionKey: false })
export class TrainerSpecDocument {
  @Prop({ type: String, enum: RETRAINING_TRAINER_KINDS, required: true })
  kind: RetrainingTrainerKind;

  @Prop({ type: String, default: null })
  command: string | null;

  @Prop({ type: String, default: null })
  url: string | null;

  @Prop({ type: String, default: null })
  queue: string | null;

  @Prop({ type: Object, default: {} })
  settings: Record<string, unknown>;

  @Prop({ required: true })
  timeoutSeconds: number;
}

/** The trainer as stored (a job's or a policy's), with the defaults of documents written before a field existed. */
export function toTrainerSpec(doc: TrainerSpecDocument): TrainerSpec {
  return {
    kind: doc.kind,
    command: doc.command ?? null,
    url: doc.url ?? null,
    queue: doc.queue ?? null,
    settings: doc.settings ?? {},
    timeoutSeconds: doc.timeoutSeconds,
  };
}

@Schema({ _id: false, versionKey: false })
class RetrainingTriggerDocument {
  @Prop({ type: String, enum: RETRAINING_TRIGGER_KINDS, required: true })
  kind: RetrainingTriggerKind;

  @Prop({ default: '' })
  reason: string;

  @Prop({ type: Object, default: null })
  requestedBy: ActorRef | null;
}

@Schema({ collection: 'model_retraining_jobs', timestamps: true })
export class RetrainingJobDocument {
  @Prop({ required: true })
  modelName: string;

  /**
   * The model name while the job is open (pending or active), absent once it ends. A sparse unique index on
   * it admits at most one open job per model; sparse rather than partial because it behaves the same on
   * MongoDB and on the local test server, which ignores partialFilterExpression.
   */
  @Prop({ type: String })
  activeModel?: string;

  @Prop({ type: String, enum: RETRAINING_JOB_STATES, required: true })
  state: RetrainingJobState;

  @Prop({ type: RetrainingTriggerDocument, required: true })
  trigger: RetrainingTriggerDocument;

  @Prop({ type: [String], default: [] })
  driftEventIds: string[];

  @Prop({ type: TrainerSpecDocument, required: true })
  trainer: TrainerSpecDocument;

  @Prop({ required: true })
  experimentName: string;

  @Prop({ default: 1 })
  round: number;

  @Prop({ required: true })
  queueName: string;

  @Prop({ required: true })
  queueJobId: string;

  @Prop({ default: 0 })
  attempts: number;

  @Prop({ required: true })
  maxAttempts: number;

  @Prop({ default: 0 })
  progress: number;

  @Prop({ type: String, default: null })
  progressMessage: string | null;

  @Prop({ type: [String], default: [] })
  outputTail: string[];

  @Prop({ type: Object, default: null })
  result: RetrainingResult | null;

  /** Who reported the result: the job's trainer (job token), another team's trainer key, or the platform's worker. */
  @Prop({ type: Object, default: null })
  resultReportedBy: ActorRef | null;

  /** The trainer that claimed an external job; only it (or an admin) reports for the job. */
  @Prop({ type: Object, default: null })
  claimedBy: ActorRef | null;

  /** Hashes of the job's trainer tokens, each valid until the result deadline it was issued for. */
  @Prop({ type: [Object], default: [] })
  trainerTokens: TrainerToken[];

  /** External jobs wait in QUEUED until this time after a failed attempt (their backoff). */
  @Prop({ type: Date, default: null })
  notBefore: Date | null;

  /** External jobs: attempts of the current round their trainers reported as failed (a released claim is not one). */
  @Prop({ default: 0 })
  failedAttempts: number;

  @Prop({ type: String, default: null })
  runId: string | null;

  @Prop({ type: Number, default: null })
  modelVersion: number | null;

  /** Absent until the evaluation has been started, so the step runs once. */
  @Prop({ type: [String], default: undefined })
  evaluationRunIds?: string[];

  @Prop({ type: String, default: null })
  lastError: string | null;

  @Prop({ type: String, default: null })
  failureReason: string | null;

  @Prop({ type: String, default: null })
  workerId: string | null;

  @Prop({ type: Date, default: null })
  enqueuedAt: Date | null;

  @Prop({ type: Date, default: null })
  startedAt: Date | null;

  @Prop({ type: Date, default: null })
  finishedAt: Date | null;

  @Prop({ type: Date, default: null })
  resultDeadline: Date | null;

  @Prop({ type: [Object], default: [] })
  events: RetrainingJobEvent[];

  @Prop({ type: [Object], default: [] })
  pendingAudit: PendingAudit[];

  createdAt: Date;
  updatedAt: Date;
}

export const RetrainingJobSchema = SchemaFactory.createForClass(RetrainingJobDocument);
RetrainingJobSchema.index({ activeModel: 1 }, { unique: true, sparse: true });
RetrainingJobSchema.index({ modelName: 1, createdAt: -1 });
RetrainingJobSchema.index({ state: 1, createdAt: -1 });
RetrainingJobSchema.index({ createdAt: -1 });
RetrainingJobSchema.index({ driftEventIds: 1 });
RetrainingJobSchema.index({ state: 1, 'trainer.queue': 1, createdAt: 1 });
RetrainingJobSchema.index({ 'pendingAudit.at': 1 });
