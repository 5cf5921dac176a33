import type { ModelStage } from '../../../libs/contracts/src/index.js';
import type { ModelStageTransition } from './model-stage-transition.js';

export const VERSION_SOURCES = ['RUN', 'DIRECT'] as const;
/** Where a version's metrics came from: a snapshot of a tracked run, or given directly. */
export type VersionSource = (typeof VERSION_SOURCES)[number];

export interface ChecklistItem {
  key: string;
  description: string;
  required: boolean;
  checked: boolean;
  /** Who last checked or unchecked the item, and when. */
  checkedBy: string | null;
  checkedAt: Date | null;
  comment: string;
}

export const EVALUATION_STATUSES = ['PASSED', 'PASSED_WITH_WARNINGS', 'FAILED'] as const;
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];

/** The verdict of the evaluation harness on a version, as the harness reports it. */
export interface VersionEvaluation {
  evaluationRunId: string;
  scenarioId: string;
  scenarioRevision: number;
  status: EvaluationStatus;
  evaluatedAt: Date;
  summary: string;
}

/** The checklist item the evaluation harness checks or unchecks with its verdict. */
export const EVALUATION_CHECKLIST_KEY = 'evaluation';
export const EVALUATION_ACTOR = 'evaluation-harness';

/** A model version as the rest of the platform sees it: plain data, no database types. */
export interface ModelVersion {
  id: string;
  modelName: string;
  version: number;
  description: string;
  tags: string[];
  source: VersionSource;
  runId: string | null;
  experimentId: string | null;
  artifactUri: string;
  /** May hold NaN or ±Infinity, as the run reported them. */
  metrics: Record<string, number>;
  params: Record<string, string>;
  stage: ModelStage;
  /** The transition that put the version in its current stage (null while it has never moved). */
  lastTransition: ModelStageTransition | null;
  checklist: ChecklistItem[];
  latestEvaluation: VersionEvaluation | null;
  /** Grows with every change of stage, checklist or evaluation: a promotion applies only to the revision it verified. */
  revision: number;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type NewModelVersion = Pick<
  ModelVersion,
  'modelName' | 'version' | 'description' | 'tags' | 'source' | 'runId' | 'experimentId' | 'artifactUri' | 'metrics' | 'params' | 'checklist' | 'createdBy'
> & {
  /** A caller that may repeat the creation (a replayed queue job) names it; the same key yields the same version. */
  idempotencyKey?: string;
};

/** What a stage change expects to find; it applies only if the version is still in exactly that state. */
export interface StageExpectation {
  stage: ModelStage;
  revision?: number;
  lastTransitionId?: string | null;
}

export interface ChecklistChange {
  checked: boolean;
  actor: string;
  comment: string;
  at: Date;
}

/** Required items not checked yet: while any remain, the version cannot enter PRODUCTION. */
export function unmetChecklistItems(checklist: readonly ChecklistItem[]): ChecklistItem[] {
  return checklist.filter((item) => item.required && !item.checked);
}
