import { describe, expect, it } from '@jest/globals';

import { cleanSeries } from '../metrics/clean-series.js';
import { checkHygiene, checkMinimumHistory, checkSuppliedMetrics } from './history-checks.js';

describe(checkHygiene.name, () => {
  const sut = checkHygiene;

  it('passes every hygiene check of a clean series', () => {
    const { findings } = cleanSeries({ dates: ['2024-01-01', '2024-01-02'], values: [0.01, 0.02] }, { maxGapDays: 7 });
    const checks = sut(findings, { maxGapDays: 7, gapSeverity: 'FAIL', hasPeriod: true });
    expect(checks.map((c) => [c.name, c.outcome])).toEqual([
      ['duplicate dates', 'PASS'],
      ['missing or invalid values', 'PASS'],
      ['dates outside the scenario period', 'PASS'],
      ['gaps in the history', 'PASS'],
    ]);
  });

  it('fails duplicates, invalid values and dates outside the period, naming the dates', () => {
    const { findings } = cleanSeries(
      { dates: ['2023-12-31', '2024-01-01', '2024-01-01', '2024-01-02'], values: [0.01, 0.01, 0.02, null] },
      { maxGapDays: 7, period: { start: '2024-01-01', end: '2024-12-31' } },
    );
    const checks = sut(findings, { maxGapDays: 7, gapSeverity: 'FAIL', hasPeriod: true });
    const byName = Object.fromEntries(checks.map((c) => [c.name, c]));
    expect(byName['duplicate dates']).toMatchObject({ outcome: 'FAIL', observed: 1 });
    expect(byName['duplicate dates'].message).toContain('2024-01-01');
    expect(byName['missing or invalid values']).toMatchObject({ outcome: 'FAIL', observed: 1 });
    expect(byName['dates outside the scenario period']).toMatchObject({ outcome: 'FAIL', observed: 1 });
    expect(byName['dates outside the scenario period'].message).toContain('2023-12-31');
  });

  it('judges gaps with the scenario severity', () => {
    const { findings } = cleanSeries({ dates: ['2024-01-01', '2024-01-20'], values: [0, 0] }, { maxGapDays: 7 });
    const [gaps] = sut(findings, { maxGapDays: 7, gapSeverity: 'WARN', hasPeriod: false }).filter((c) => c.name === 'gaps in the history');
    expect(gaps).toMatchObject({ outcome: 'WARN', observed: 1 });
    expect(gaps.message).toContain('2024-01-01 → 2024-01-20');
  });
});

describe(checkSuppliedMetrics.name, () => {
  it('fails supplied metrics that are not finite numbers', () => {
    expect(checkSuppliedMetrics({ sharpe: 1.1 }).outcome).toBe('PASS');
    const check = checkSuppliedMetrics({ sharpe: Number.NaN, cagr: 0.1, sortino: Infinity });
    expect(check).toMatchObject({ outcome: 'FAIL', observed: 2 });
    expect(check.message).toContain('sharpe, sortino');
  });
});

describe(checkMinimumHistory.name, () => {
  const sut = checkMinimumHistory;

  it('requires at least the minimum number of observations', () => {
    expect(sut(504, { observations: 504, severity: 'FAIL' }).outcome).toBe('PASS');
    expect(sut(300, { observations: 504, severity: 'WARN' })).toMatchObject({ outcome: 'WARN', observed: 300, limit: 504 });
    expect(sut(null, { observations: 504, severity: 'FAIL' }).outcome).toBe('FAIL');
  });
});
