import type { ComplianceStatus, EvaluationRunStatus } from '../../../libs/contracts/src/index.js';
import type { ActorRef } from '../../common/auth/principal.js';
import type { CheckResult } from '../compliance/check-result.js';
import type { RawSeries } from '../metrics/clean-series.js';
import type { SeriesSummary } from '../scenarios/scenario.js';
import type { EvaluationOutcome } from './run-evaluator.js';

export const RUN_TRIGGERS = ['API', 'NEW_MODEL_VERSION'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

/** What is evaluated: a registered model version or a lifecycle run, with its backtest. */
export interface Candidate {
  modelName: string | null;
  version: number | null;
  lifecycleRunId: string | null;
  label: string;
  metrics: Record<string, number> | null;
  /** The candidate's returns, summarised; the points are read only by the worker and the report. */
  returns: SeriesSummary | null;
}

export interface RunCompliance {
  status: ComplianceStatus;
  checks: CheckResult[];
  /** When the verdict was last written: at completion, and again when explainability artifacts change it. */
  evaluatedAt: Date;
}

export interface EvaluationRun {
  id: string;
  scenarioId: string;
  scenarioName: string;
  /** The exact scenario revision the run is judged against. */
  scenarioRevision: number;
  candidate: Candidate;
  status: EvaluationRunStatus;
  trigger: RunTrigger;
  /** Times the worker started on the run (more than one after a retry or a crash). */
  attempts: number;
  failure: string | null;
  complianceStatus: ComplianceStatus | null;
  compliance: RunCompliance | null;
  /** Grows with each attached explainability artifact, so a verdict is only written over the artifacts it saw. */
  explainabilityVersion: number;
  /** When the verdict was last written onto the model version (null when it is not a model version, or not yet). */
  verdictRecordedAt: Date | null;
  computeMs: number | null;
  /** The principal who asked, or the retraining pipeline; null only on runs stored before requests were authenticated. */
  requestedBy: ActorRef | null;
  createdAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  updatedAt: Date;
}

/** A run with its full evaluation outcome. */
export interface EvaluatedRun extends EvaluationRun {
  outcome: EvaluationOutcome | null;
}

export interface NewEvaluationRun {
  scenarioId: string;
  scenarioName: string;
  scenarioRevision: number;
  candidate: Omit<Candidate, 'returns'>;
  candidateReturns: RawSeries | null;
  trigger: RunTrigger;
  requestedBy: ActorRef;
  /** Makes a repeated automatic request land on the run it already created. */
  dedupeKey: string | null;
}

export interface RunFilter {
  scenarioId?: string;
  modelName?: string;
  version?: number;
  status?: EvaluationRunStatus;
  complianceStatus?: ComplianceStatus;
}

export interface RunCompletion {
  outcome: EvaluationOutcome;
  compliance: RunCompliance;
  computeMs: number;
}
