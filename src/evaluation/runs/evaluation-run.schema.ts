import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

import { COMPLIANCE_STATUSES, EVALUATION_RUN_STATUSES, type ComplianceStatus, type EvaluationRunStatus } from '../../../libs/contracts/src/index.js';
import type { ActorRef } from '../../common/auth/principal.js';
import type { RawSeries } from '../metrics/clean-series.js';
import type { Candidate, RunCompliance, RunTrigger } from './evaluation-run.js';
import { RUN_TRIGGERS } from './evaluation-run.js';
import type { EvaluationOutcome } from './run-evaluator.js';

@Schema({ collection: 'evaluation_runs', timestamps: true, minimize: false })
export class EvaluationRunDocument {
  @Prop({ required: true })
  scenarioId: string;

  @Prop({ required: true })
  scenarioName: string;

  @Prop({ required: true, min: 1 })
  scenarioRevision: number;

  @Prop({ type: Object, required: true })
  candidate: Candidate;

  /** The candidate's raw points, read only by the worker and the report. */
  @Prop({ type: Object, default: null, select: false })
  candidatePoints: RawSeries | null;

  @Prop({ type: String, enum: EVALUATION_RUN_STATUSES, required: true })
  status: EvaluationRunStatus;

  @Prop({ type: String, enum: RUN_TRIGGERS, required: true })
  trigger: RunTrigger;

  @Prop({ default: 0 })
  attempts: number;

  @Prop({ type: String, default: null })
  failure: string | null;

  @Prop({ type: String, enum: [...COMPLIANCE_STATUSES, null], default: null })
  complianceStatus: ComplianceStatus | null;

  @Prop({ type: Object, default: null })
  compliance: RunCompliance | null;

  /** Metrics, comparison, significance and stress windows: large, so read only for one run. */
  @Prop({ type: Object, default: null, select: false })
  outcome: EvaluationOutcome | null;

  @Prop({ default: 0 })
  explainabilityVersion: number;

  @Prop({ type: Date, default: null })
  verdictRecordedAt: Date | null;

  @Prop({ type: Number, default: null })
  computeMs: number | null;

  @Prop({ type: Object, default: null })
  requestedBy: ActorRef | null;

  /** Set only on automatic runs (absent otherwise, so the sparse unique index ignores the rest). */
  @Prop({ type: String })
  dedupeKey?: string;

  @Prop({ type: Date, default: null })
  startedAt: Date | null;

  @Prop({ type: Date, default: null })
  completedAt: Date | null;

  createdAt: Date;
  updatedAt: Date;
}

export const EvaluationRunSchema = SchemaFactory.createForClass(EvaluationRunDocument);
EvaluationRunSchema.index({ scenarioId: 1, createdAt: -1 });
EvaluationRunSchema.index({ createdAt: -1 });
EvaluationRunSchema.index({ startedAt: -1 });
EvaluationRunSchema.index({ status: 1, createdAt: -1 });
EvaluationRunSchema.index({ complianceStatus: 1, createdAt: -1 });
EvaluationRunSchema.index({ 'candidate.modelName': 1, 'candidate.version': 1, createdAt: -1 });
EvaluationRunSchema.index({ dedupeKey: 1 }, { unique: true, sparse: true });

export const RUN_OUTCOME = '+outcome';
