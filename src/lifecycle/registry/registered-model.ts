import type { ModelStage } from '../../../libs/contracts/src/index.js';
import type { ActorRef } from '../../common/auth/principal.js';
import type { MetricDirection } from './comparison/metric-directions.js';

/** One item of the approval checklist a model's new versions start from. */
export interface ChecklistTemplateItem {
  key: string;
  description: string;
  required: boolean;
}

/**
 * A change of the model's production version, written on the model in the same update that moves the
 * production pointer. It says everything needed to finish the change (or undo it) after a crash, so any
 * later stage change of the model can complete it; it is cleared once the versions and the log agree.
 */
export interface PendingProductionChange {
  id: string;
  /** The version entering PRODUCTION (null when production is only being retired). */
  toVersion: number | null;
  /** The revision of that version when its checklist was verified: its promotion applies only if nothing changed since. */
  toRevision: number | null;
  toTransitionId: string | null;
  /** The version leaving PRODUCTION for ARCHIVED (null when there was no production version). */
  fromVersion: number | null;
  /** The transition that made `fromVersion` production: it leaves only if it is still that same tenure. */
  fromProductionTransitionId: string | null;
  fromTransitionId: string | null;
  /** The stage the version enters PRODUCTION from: STAGING, or ARCHIVED for an emergency rollback. */
  toFromStage?: ModelStage;
  actor: ActorRef;
  comment: string;
  requestedAt: Date;
}

/** A registered model as the rest of the platform sees it: plain data, no database types. */
export interface RegisteredModel {
  id: string;
  name: string;
  description: string;
  tags: string[];
  owner: string | null;
  metricDirections: Record<string, MetricDirection>;
  defaultChecklist: ChecklistTemplateItem[];
  /** The highest version number handed out so far. */
  latestVersion: number;
  productionVersion: number | null;
  /** The transition that made `productionVersion` production. */
  productionTransitionId: string | null;
  pendingProductionChange: PendingProductionChange | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface RegisteredModelFilter {
  namePrefix?: string;
  tag?: string;
  owner?: string;
}

export type NewRegisteredModel = Pick<RegisteredModel, 'name' | 'description' | 'tags' | 'owner' | 'metricDirections' | 'defaultChecklist'>;
export type RegisteredModelChanges = Partial<Omit<NewRegisteredModel, 'name'>>;
