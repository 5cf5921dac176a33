import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

import { RETURN_FREQUENCIES, type ReturnFrequency } from '../../../libs/contracts/src/index.js';
import { type PendingAudit } from '../../audit/index.js';
import type { ActorRef } from '../../common/auth/principal.js';
import type { ComplianceRules, MetricThreshold, ScenarioBaseline, ScenarioBenchmark, SeriesSummary, StoredSeries, StressEvent } from './scenario.js';

/**
 * The definition fields shared by a scenario and its revisions. Nested parts are validated at the edge
 * and stored as plain objects (minimize off, so an empty metrics map stays a map). The series points live
 * in fields of their own that queries leave out unless asked (`select: false`), so lists and most reads
 * carry only the summaries kept in `baseline.returns` and `benchmark.returns`.
 */
class ScenarioDefinitionFields {
  @Prop({ required: true })
  name: string;

  @Prop({ default: '' })
  description: string;

  @Prop({ type: String, default: null })
  modelName: string | null;

  @Prop({ type: String, enum: RETURN_FREQUENCIES, required: true })
  frequency: ReturnFrequency;

  @Prop({ type: Number, default: null })
  riskFreeRate: number | null;

  @Prop({ type: Object, default: null })
  period: { start: string; end: string } | null;

  @Prop({ type: Object, required: true })
  baseline: ScenarioBaseline<SeriesSummary>;

  @Prop({ type: Object, default: null, select: false })
  baselinePoints: StoredSeries | null;

  @Prop({ type: Object, default: null })
  benchmark: ScenarioBenchmark<SeriesSummary> | null;

  @Prop({ type: Object, default: null, select: false })
  benchmarkPoints: StoredSeries | null;

  @Prop({ type: [Object], default: [] })
  stressEvents: StressEvent[];

  @Prop({ type: [Object], default: [] })
  thresholds: MetricThreshold[];

  @Prop({ type: Object, required: true })
  compliance: ComplianceRules;
}

@Schema({ collection: 'evaluation_scenarios', timestamps: true, minimize: false })
export class EvaluationScenarioDocument extends ScenarioDefinitionFields {
  /** The current revision; bumped by compare-and-set on every change. */
  @Prop({ required: true, min: 1 })
  revision: number;

  @Prop({ type: Object, default: null })
  createdBy: ActorRef | null;

  @Prop({ type: Object, default: null })
  updatedBy: ActorRef | null;

  /** Audit drafts of changes written with them and not yet appended to the platform audit. */
  @Prop({ type: [Object], default: [] })
  pendingAudit: PendingAudit[];

  createdAt: Date;
  updatedAt: Date;
}

export const SERIES_POINTS = '+baselinePoints +benchmarkPoints';
export const EvaluationScenarioSchema = SchemaFactory.createForClass(EvaluationScenarioDocument);
EvaluationScenarioSchema.index({ name: 1 }, { unique: true });
EvaluationScenarioSchema.index({ createdAt: -1 });
EvaluationScenarioSchema.index({ modelName: 1, createdAt: -1 });
EvaluationScenarioSchema.index({ 'pendingAudit.at': 1 });

/** One immutable revision: what a run records it was judged against. */
@Schema({ collection: 'evaluation_scenario_revisions', timestamps: { createdAt: true, updatedAt: false }, minimize: false })
export class EvaluationScenarioRevisionDocument extends ScenarioDefinitionFields {
  @Prop({ required: true })
  scenarioId: string;

  @Prop({ required: true, min: 1 })
  revision: number;

  @Prop({ type: Object, default: null })
  createdBy: ActorRef | null;

  createdAt: Date;
}

export const EvaluationScenarioRevisionSchema = SchemaFactory.createForClass(EvaluationScenarioRevisionDocument);
EvaluationScenarioRevisionSchema.index({ scenarioId: 1, revision: -1 }, { unique: true });
