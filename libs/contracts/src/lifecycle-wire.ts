import type { DriftSeverity, DriftStatistic, DriftStatus, ModelStage, RunStatus } from './lifecycle.js';

/** Who acted: the stable id that identity comparisons use, and the name people read. */
export interface ActorView {
  id: string;
  name: string;
}

/** Wire shapes (JSON) of lifecycle resources: dates are ISO 8601 strings. */

/** A metric value on the wire: a finite number, or one of the strings JSON needs for non-finite values. */
export type MetricValueJson = number | 'NaN' | 'Infinity' | '-Infinity';

export interface CreateRunRequest {
  experimentId: string;
  name?: string;
  startTime?: string;
  artifactUri?: string;
  params?: Record<string, string>;
  tags?: Record<string, string>;
}

export interface RunView {
  id: string;
  experimentId: string;
  name: string;
  status: RunStatus;
  startTime: string;
  endTime: string | null;
  artifactUri: string | null;
  params: Record<string, string>;
  latestMetrics: Record<string, MetricValueJson>;
  tags: Record<string, string>;
  artifacts: { name: string; uri: string; type: string; sizeBytes: number | null; checksum: string | null; createdAt: string }[];
  createdAt: string;
  updatedAt: string;
}

export interface MetricPoint {
  key: string;
  value: MetricValueJson;
  step?: number;
  /** Milliseconds since the Unix epoch. */
  timestamp?: number;
}

export interface SearchRunsQuery {
  experimentIds: string;
  filter?: string;
  orderBy?: string;
  limit?: number;
  cursor?: string;
}

export interface CreateModelRequest {
  name: string;
  description?: string;
  tags?: string[];
  owner?: string;
  metricDirections?: Record<string, 'higher' | 'lower'>;
  defaultChecklist?: { key: string; description: string; required: boolean }[];
}

export interface ModelView extends Required<Omit<CreateModelRequest, 'owner'>> {
  id: string;
  owner: string | null;
  latestVersion: number;
  productionVersion: number | null;
  /** A production change committed but not yet settled. */
  pendingProductionChange: { id: string; toVersion: number | null; fromVersion: number | null; actor: ActorView; requestedAt: string } | null;
  createdAt: string;
  updatedAt: string;
}

export interface StageTransitionView {
  id: string;
  modelName: string;
  version: number;
  from: ModelStage;
  to: ModelStage;
  actor: ActorView;
  comment: string;
  reason: 'REQUESTED' | 'REPLACED' | 'ROLLBACK';
  at: string;
}

export interface CreateModelVersionRequest {
  runId?: string;
  artifactUri?: string;
  metrics?: Record<string, MetricValueJson>;
  params?: Record<string, string>;
  description?: string;
  tags?: string[];
}

export interface ModelVersionView {
  id: string;
  modelName: string;
  version: number;
  description: string;
  tags: string[];
  source: 'RUN' | 'DIRECT';
  runId: string | null;
  experimentId: string | null;
  artifactUri: string;
  metrics: Record<string, MetricValueJson>;
  params: Record<string, string>;
  stage: ModelStage;
  lastTransition: StageTransitionView | null;
  checklist: { key: string; description: string; required: boolean; systemChecked: boolean; checked: boolean; checkedBy: ActorView | null; checkedAt: string | null; comment: string }[];
  approved: boolean;
  latestEvaluation: { evaluationRunId: string; scenarioId: string; scenarioRevision: number; status: 'PASSED' | 'PASSED_WITH_WARNINGS' | 'FAILED'; evaluatedAt: string; summary: string } | null;
  createdBy: ActorView | null;
  /** Stable ids of those who brought the version about: none of them may approve it. */
  originators: string[];
  createdAt: string;
  updatedAt: string;
}
export interface ExperimentView {
  id: string;
  name: string;
  description: string;
  tags: string[];
  owner: string | null;
  archived: boolean;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CreateExperimentRequest {
  name: string;
  description?: string;
  tags?: string[];
  owner?: string;
}

export interface RecordDriftEventRequest {
  modelName: string;
  modelVersion?: number;
  features: string[];
  statistic: DriftStatistic;
  statisticName?: string;
  value: number;
  threshold?: number;
  direction?: 'HIGHER_IS_WORSE' | 'LOWER_IS_WORSE';
  bands?: { medium: number; high: number; critical: number };
  severity?: DriftSeverity;
  detectedAt?: string;
  responsePlan?: string;
}

export interface DriftEventView extends Required<Omit<RecordDriftEventRequest, 'modelVersion' | 'statisticName' | 'detectedAt'>> {
  id: string;
  modelVersion: number | null;
  statisticName: string | null;
  detectedAt: string;
  severitySource: 'GIVEN' | 'DERIVED';
  status: DriftStatus;
  notes: { status: DriftStatus; note: string; by: ActorView; at: string }[];
  recordedBy: ActorView | null;
  /** Where retraining stands for the event; null until the pipeline has decided. */
  retraining: { jobId: string | null; state: string; detail: string | null; modelVersion: number | null; updatedAt: string } | null;
  createdAt: string;
  updatedAt: string;
}
