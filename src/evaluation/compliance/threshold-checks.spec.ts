import { describe, expect, it } from '@jest/globals';

import type { MetricThreshold } from '../scenarios/scenario.js';
import { checkThresholds } from './threshold-checks.js';

const absolute = (metric: string, comparator: MetricThreshold['comparator'], value: number, severity: MetricThreshold['severity'] = 'FAIL'): MetricThreshold => ({
  metric,
  comparator,
  value,
  baseline: null,
  severity,
});
const relative = (metric: string, comparator: MetricThreshold['comparator'], factor: number, offset: number, severity: MetricThreshold['severity'] = 'FAIL'): MetricThreshold => ({
  metric,
  comparator,
  value: null,
  baseline: { factor, offset },
  severity,
});

describe(checkThresholds.name, () => {
  const sut = checkThresholds;
  const context = { kind: 'THRESHOLD' as const, window: null, candidate: { sharpe: 1.05, maxDrawdown: 0.25 }, baseline: { sharpe: 1.2, maxDrawdown: 0.2 } };

  it('passes an absolute limit that holds and fails one that is breached', () => {
    const [held, breached] = sut([absolute('sharpe', '>=', 1), absolute('maxDrawdown', '<=', 0.2)], context);
    expect(held).toMatchObject({ outcome: 'PASS', observed: 1.05, limit: 1, name: 'sharpe >= 1' });
    expect(held.message).toBe('sharpe is 1.05, at least the limit of 1.');
    expect(breached).toMatchObject({ outcome: 'FAIL', observed: 0.25, limit: 0.2 });
    expect(breached.message).toContain('above the limit of 0.2; a breach fails the run');
  });

  it('resolves relative limits on the baseline: offsets and factors', () => {
    const [sharpe, drawdown] = sut([relative('sharpe', '>=', 1, -0.1), relative('maxDrawdown', '<=', 1.2, 0)], context);
    // 1.2 - 0.1 = 1.1 > 1.05: breached. 1.2 × 0.2 = 0.24 < 0.25: breached.
    expect(sharpe).toMatchObject({ outcome: 'FAIL', limit: expect.closeTo(1.1, 12), name: 'sharpe >= baseline - 0.1' });
    expect(sharpe.message).toContain('(baseline 1.2 - 0.1)');
    expect(drawdown).toMatchObject({ outcome: 'FAIL', limit: expect.closeTo(0.24, 12), name: 'maxDrawdown <= 1.2 × baseline' });
  });

  it('only warns on a breach of a warning threshold', () => {
    const [check] = sut([absolute('sharpe', '>', 1.1, 'WARN')], context);
    expect(check.outcome).toBe('WARN');
    expect(check.message).toContain('a breach only warns');
  });

  it('counts a check it cannot verify as a breach and says why', () => {
    const [missingCandidate, missingBaseline] = sut([absolute('sortino', '>=', 1), relative('calmar', '>=', 1, 0, 'WARN')], context);
    expect(missingCandidate).toMatchObject({ outcome: 'FAIL', observed: null, limit: 1 });
    expect(missingCandidate.message).toContain('the candidate has no sortino');
    expect(missingBaseline).toMatchObject({ outcome: 'WARN', observed: null, limit: null });
    expect(missingBaseline.message).toContain('the baseline has no calmar');
  });

  it('names the stress window in the result and the message', () => {
    const [check] = sut([absolute('totalReturn', '>=', -0.1)], {
      kind: 'STRESS_THRESHOLD',
      window: 'covid crash',
      candidate: { totalReturn: -0.15 },
      baseline: null,
    });
    expect(check).toMatchObject({ kind: 'STRESS_THRESHOLD', window: 'covid crash', outcome: 'FAIL' });
    expect(check.message).toContain("totalReturn in 'covid crash' is -0.15");
  });
});
