import { describe, expect, it } from '@jest/globals';

import { importanceFromShap, summarizeExplainability } from './explainability-summary.js';

describe(summarizeExplainability.name, () => {
  const sut = summarizeExplainability;

  it('ranks features of the latest feature-importance artifact by share of total absolute importance', () => {
    const summary = sut([
      { id: 'old', type: 'FEATURE_IMPORTANCE', importance: [{ feature: 'x', importance: 1 }], createdAt: new Date('2024-01-01'), partialDependenceFeatures: [] },
      {
        id: 'new',
        type: 'FEATURE_IMPORTANCE',
        importance: [
          { feature: 'value', importance: -1 },
          { feature: 'momentum', importance: 2 },
          { feature: 'carry', importance: 1 },
        ],
        createdAt: new Date('2024-02-01'),
        partialDependenceFeatures: [],
      },
      { id: 'shap', type: 'SHAP_VALUES', importance: [{ feature: 'y', importance: 9 }], createdAt: new Date('2024-03-01'), partialDependenceFeatures: [] },
      { id: 'pd', type: 'PARTIAL_DEPENDENCE', importance: null, createdAt: new Date('2024-03-02'), partialDependenceFeatures: ['momentum'] },
    ]);
    expect(summary.artifactCount).toBe(4);
    expect(summary.byType).toEqual({ SHAP_VALUES: 1, FEATURE_IMPORTANCE: 2, PARTIAL_DEPENDENCE: 1 });
    expect(summary.importance).toMatchObject({ artifactId: 'new', featureCount: 3, maxShare: 0.5, maxShareFeature: 'momentum' });
    expect(summary.importance!.topFeatures.map((f) => [f.feature, f.share])).toEqual([
      ['momentum', 0.5],
      ['carry', 0.25],
      ['value', 0.25],
    ]);
    expect(summary.partialDependenceFeatures).toEqual(['momentum']);
  });

  it('falls back to SHAP values when no feature importance is attached', () => {
    const summary = sut([{ id: 's', type: 'SHAP_VALUES', importance: [{ feature: 'a', importance: 3 }, { feature: 'b', importance: 1 }], createdAt: new Date(), partialDependenceFeatures: [] }]);
    expect(summary.importance).toMatchObject({ artifactId: 's', maxShare: 0.75 });
  });
});

describe(importanceFromShap.name, () => {
  it('takes the mean absolute SHAP value of each feature', () => {
    const result = importanceFromShap({ features: ['a', 'b'], values: [[1, -2], [-3, 0], [2, 1]], baseValue: 0 });
    expect(result).toEqual([
      { feature: 'a', importance: 2 },
      { feature: 'b', importance: 1 },
    ]);
  });
});
