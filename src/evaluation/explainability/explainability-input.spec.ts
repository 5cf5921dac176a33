import { describe, expect, it } from '@jest/globals';

import { InvalidInputError } from '../../common/errors/domain.errors.js';
import { validateArtifact } from './explainability-input.js';

describe(validateArtifact.name, () => {
  const sut = validateArtifact;

  it('derives per-feature importance from SHAP values as the mean absolute value', () => {
    const result = sut({ type: 'SHAP_VALUES', shap: { features: ['a', 'b'], values: [[0.2, -0.1], [-0.4, 0.3]] } });
    expect(result.importance).toEqual([
      { feature: 'a', importance: expect.closeTo(0.3, 12) },
      { feature: 'b', importance: expect.closeTo(0.2, 12) },
    ]);
    expect(result.shap?.baseValue).toBeNull();
  });

  it('keeps feature importance as given and derives none from partial dependence', () => {
    expect(sut({ type: 'FEATURE_IMPORTANCE', featureImportance: [{ feature: 'a', importance: -2 }] }).importance).toEqual([{ feature: 'a', importance: -2 }]);
    expect(sut({ type: 'PARTIAL_DEPENDENCE', partialDependence: [{ feature: 'a', grid: [0, 1], values: [1, 2] }] }).importance).toBeNull();
  });

  it('refuses a payload that does not match the type, repeated features and misshapen data, naming each', () => {
    const attempt = () =>
      sut({
        type: 'FEATURE_IMPORTANCE',
        featureImportance: [
          { feature: 'a', importance: 1 },
          { feature: 'a', importance: 2 },
        ],
        partialDependence: [{ feature: 'p', grid: [0, 1, 2], values: [0, 1] }],
      });
    expect(attempt).toThrow(InvalidInputError);
    try {
      attempt();
    } catch (error) {
      expect((error as InvalidInputError).errors.map((e) => e.field)).toEqual(['partialDependence', 'featureImportance', 'partialDependence[0]']);
    }
  });
});
