import type { ModelStage } from '../../../libs/contracts/src/index.js';
import type { ActorRef } from '../../common/auth/principal.js';
import type { ModelStageTransition } from './model-stage-transition.js';

export const VERSION_SOURCES = ['RUN', 'DIRECT'] as const;
/** Where a version's metrics came from: a snapshot of a tracked run, or given directly. */
export type VersionSource = (typeof VERSION_SOURCES)[number];

export interface ChecklistItem {
  key: string;
  description: string;
  required: boolean;
  /** Checked by the platform itself (the evaluation harness's verdict), never by a person. */
  systemChecked: boolean;
  checked: boolean;
  /** Who last checked or unchecked the item, and when. */
  checkedBy: ActorRef | null;
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

/** The checklist item the evaluation harness checks or unchecks with its verdict: the one system-checked item. */
export const EVALUATION_CHECKLIST_KEY = 'evaluation';

export function isSystemChecked(key: string): boolean {
  return key === EVALUATION_CHECKLIST_KEY;
}

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
  createdBy: ActorRef | null;
  /**
   * Stable ids of everyone who brought the version about (its creator; for a retrained version also the
   * trainer and whoever triggered the retraining): none of them may tick its required items or promote it.
   */
  originators: string[];
  createdAt: Date;
  updatedAt: Date;
}

export type NewModelVersion = Pick<
  ModelVersion,
  'modelName' | 'version' | 'description' | 'tags' | 'source' | 'runId' | 'experimentId' | 'artifactUri' | 'metrics' | 'params' | 'checklist' | 'createdBy' | 'originators'
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
  actor: ActorRef;
  comment: string;
  at: Date;
}

/** Required items not checked yet: while any remain, the version cannot enter PRODUCTION. */
export function unmetChecklistItems(checklist: readonly ChecklistItem[]): ChecklistItem[] {
  return checklist.filter((item) => item.required && !item.checked);
}
