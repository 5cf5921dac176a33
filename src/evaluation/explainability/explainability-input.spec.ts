import { describe, expect, it } from '@jest/globals';

import { InconsistentInputError, InvalidInputError } from '../../common/errors/domain.errors.js';
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

  it('refuses a payload that does not match the type as a breach of its schema, naming the field', () => {
    const attempt = () => sut({ type: 'FEATURE_IMPORTANCE', featureImportance: [{ feature: 'a', importance: 1 }], partialDependence: [{ feature: 'p', grid: [0, 1], values: [0, 1] }] });
    expect(fieldsOf(attempt, InvalidInputError)).toEqual(['partialDependence']);
  });

  it('refuses repeated features and misshapen data as inconsistent, naming each', () => {
    expect(fieldsOf(() => sut({ type: 'FEATURE_IMPORTANCE', featureImportance: [{ feature: 'a', importance: 1 }, { feature: 'a', importance: 2 }] }), InconsistentInputError)).toEqual(['featureImportance']);
    expect(fieldsOf(() => sut({ type: 'PARTIAL_DEPENDENCE', partialDependence: [{ feature: 'p', grid: [0, 1, 2], values: [0, 1] }, { feature: 'p', grid: [0, 1], values: [0, 1] }] }), InconsistentInputError)).toEqual([
      'partialDependence',
      'partialDependence[0]',
    ]);
    expect(fieldsOf(() => sut({ type: 'SHAP_VALUES', shap: { features: ['a', 'b'], values: [[1, 2], [3]] } }), InconsistentInputError)).toEqual(['shap.values']);
  });
});

/** The fields named by the error `attempt` throws, which must be of `kind` (and nothing more specific). */
function fieldsOf(attempt: () => unknown, kind: typeof InvalidInputError): string[] {
  try {
    attempt();
  } catch (error) {
    expect((error as Error).constructor).toBe(kind);
    return (error as InvalidInputError).errors.map((e) => e.field);
  }
  throw new Error('nothing was refused');
}
