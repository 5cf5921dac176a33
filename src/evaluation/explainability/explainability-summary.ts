import { EXPLAINABILITY_TYPES, type ExplainabilityType } from '../../../libs/contracts/src/index.js';
import type { ArtifactImportance, FeatureImportance, ShapValues } from './explainability-artifact.js';

export const TOP_FEATURES = 10;

export interface RankedFeature extends FeatureImportance {
  /** |importance| / Σ |importance| over all features of the source artifact. */
  share: number;
}

export interface ExplainabilitySummary {
  artifactCount: number;
  byType: Record<ExplainabilityType, number>;
  importance: {
    /** The artifact the ranking comes from: the latest feature importance, else the latest SHAP values. */
    artifactId: string;
    type: ExplainabilityType;
    featureCount: number;
    topFeatures: RankedFeature[];
    maxShare: number;
    maxShareFeature: string;
  } | null;
  partialDependenceFeatures: string[];
}

/** Mean absolute SHAP value of each feature: the usual global importance read from local explanations. */
export function importanceFromShap(shap: ShapValues): FeatureImportance[] {
  const sums = new Float64Array(shap.features.length);
  for (const row of shap.values) for (let j = 0; j < sums.length; j++) sums[j] += Math.abs(row[j]);
  const rows = Math.max(1, shap.values.length);
  return shap.features.map((feature, j) => ({ feature, importance: sums[j] / rows }));
}

export function summarizeExplainability(artifacts: readonly ArtifactImportance[]): ExplainabilitySummary {
  const byType = Object.fromEntries(EXPLAINABILITY_TYPES.map((t) => [t, 0])) as Record<ExplainabilityType, number>;
  for (const artifact of artifacts) byType[artifact.type]++;
  const latestFirst = [...artifacts].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
  const source =
    latestFirst.find((a) => a.type === 'FEATURE_IMPORTANCE' && a.importance) ?? latestFirst.find((a) => a.type === 'SHAP_VALUES' && a.importance);
  const pd = new Set(artifacts.flatMap((a) => a.partialDependenceFeatures));
  return {
    artifactCount: artifacts.length,
    byType,
    importance: source?.importance ? rank(source.id, source.type, source.importance) : null,
    partialDependenceFeatures: [...pd].sort(),
  };
}

function rank(artifactId: string, type: ExplainabilityType, importance: FeatureImportance[]): ExplainabilitySummary['importance'] {
  const total = importance.reduce((sum, f) => sum + Math.abs(f.importance), 0);
  if (!(total > 0)) return null;
  const ranked = importance
    .map((f) => ({ ...f, share: Math.abs(f.importance) / total }))
    .sort((a, b) => b.share - a.share || a.feature.localeCompare(b.feature));
  return {
    artifactId,
    type,
    featureCount: importance.length,
    topFeatures: ranked.slice(0, TOP_FEATURES),
    maxShare: ranked[0].share,
    maxShareFeature: ranked[0].feature,
  };
}
