import { describe, expect, it } from '@jest/globals';

import { summarizeExplainability } from '../explainability/explainability-summary.js';
import { checkExplainability } from './explainability-checks.js';

const importance = (values: Record<string, number>) => Object.entries(values).map(([feature, v]) => ({ feature, importance: v }));

describe(checkExplainability.name, () => {
  const sut = checkExplainability;
  const rules = { required: true, maxFeatureShare: 0.4, severity: 'FAIL' as const };

  it('fails a required explanation that is missing, and the share it cannot verify', () => {
    const checks = sut(rules, summarizeExplainability([]));
    expect(checks.map((c) => [c.name, c.outcome])).toEqual([
      ['explainability required', 'FAIL'],
      ['largest feature share <= 0.4', 'FAIL'],
    ]);
  });

  it('fails a feature that carries more than the allowed share of total importance', () => {
    const summary = summarizeExplainability([
      { id: 'a', type: 'FEATURE_IMPORTANCE', importance: importance({ momentum: 5, value: 3, carry: 2 }), createdAt: new Date(), partialDependenceFeatures: [] },
    ]);
    const [required, share] = sut(rules, summary);
    expect(required.outcome).toBe('PASS');
    expect(share).toMatchObject({ outcome: 'FAIL', observed: 0.5, limit: 0.4 });
    expect(share.message).toContain("'momentum' carries 50% of total importance");
  });

  it('passes when no feature dominates, and checks nothing when the scenario asks nothing', () => {
    const summary = summarizeExplainability([
      { id: 'a', type: 'FEATURE_IMPORTANCE', importance: importance({ a: 3, b: 3, c: 2, d: 2 }), createdAt: new Date(), partialDependenceFeatures: [] },
    ]);
    expect(sut(rules, summary).every((c) => c.outcome === 'PASS')).toBe(true);
    expect(sut(null, summary)).toEqual([]);
  });
});
