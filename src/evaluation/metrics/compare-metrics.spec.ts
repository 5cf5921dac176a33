import { describe, expect, it } from '@jest/globals';

import { compareMetrics } from './compare-metrics.js';

describe(compareMetrics.name, () => {
  const sut = compareMetrics;

  it('gives both values, the deltas and the better side, honouring each metric direction', () => {
    const lines = sut({ sharpe: 1.2, maxDrawdown: 0.15, beta: 0.9 }, { sharpe: 1.0, maxDrawdown: 0.1, beta: 1.1 });
    expect(lines).toEqual([
      { metric: 'sharpe', candidate: 1.2, baseline: 1.0, absoluteDelta: expect.closeTo(0.2, 12), relativeDelta: expect.closeTo(0.2, 12), direction: 'HIGHER_IS_BETTER', better: true },
      { metric: 'maxDrawdown', candidate: 0.15, baseline: 0.1, absoluteDelta: expect.closeTo(0.05, 12), relativeDelta: expect.closeTo(0.5, 12), direction: 'LOWER_IS_BETTER', better: false },
      { metric: 'beta', candidate: 0.9, baseline: 1.1, absoluteDelta: expect.closeTo(-0.2, 12), relativeDelta: expect.closeTo(-0.2 / 1.1, 12), direction: null, better: null },
    ]);
  });

  it('measures the relative delta against the baseline magnitude and skips what one side lacks', () => {
    const lines = sut({ alpha: 0.01, cagr: 0.05, turnover: 3, sortino: null }, { alpha: -0.02, cagr: 0, turnover: 2, sortino: 1 });
    expect(lines.map((l) => l.metric)).toEqual(['cagr', 'alpha', 'turnover']);
    expect(lines[0].relativeDelta).toBeNull();
    expect(lines[1].relativeDelta).toBeCloseTo(1.5, 12);
    expect(lines[1].better).toBe(true);
    expect(lines[2].better).toBeNull();
  });
});
