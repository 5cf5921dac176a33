import type { ExplainabilityType } from '../../../libs/contracts/src/index.js';
import type { ActorRef } from '../../common/auth/principal.js';

export interface FeatureImportance {
  feature: string;
  importance: number;
}

export interface ShapValues {
  features: string[];
  /** One row per explained sample, one column per feature. */
  values: number[][];
  baseValue: number | null;
}

export interface PartialDependenceCurve {
  feature: string;
  grid: number[];
  values: number[];
}

/** An explanation of the candidate attached to a run; exactly one of the payloads is set, by type. */
export interface ExplainabilityArtifact {
  id: string;
  runId: string;
  type: ExplainabilityType;
  name: string;
  description: string;
  featureImportance: FeatureImportance[] | null;
  shap: ShapValues | null;
  partialDependence: PartialDependenceCurve[] | null;
  /** Per-feature importance the artifact implies (as given, or the mean |SHAP| per feature); null for partial dependence. */
  importance: FeatureImportance[] | null;
  /** Null only on artifacts attached before requests were authenticated. */
  createdBy: ActorRef | null;
  createdAt: Date;
}

export type NewExplainabilityArtifact = Omit<ExplainabilityArtifact, 'id' | 'createdAt' | 'importance' | 'createdBy'> & { createdBy: ActorRef };

/** What the summary and the checks need: the artifact without its raw payload. */
export type ArtifactImportance = Pick<ExplainabilityArtifact, 'id' | 'type' | 'importance' | 'createdAt'> & {
  partialDependenceFeatures: string[];
};
