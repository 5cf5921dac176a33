import { describe, expect, it } from '@jest/globals';

import type { ScenarioDefinition } from '../scenarios/scenario.js';
import { evaluateCandidate } from './run-evaluator.js';

const DATES = ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08', '2024-01-09', '2024-01-10'];
const BASELINE = [0.01, -0.005, 0.004, 0.002, -0.01, 0.006, 0.001, 0.003];
const CANDIDATE = [0.012, -0.004, 0.006, 0.001, -0.008, 0.009, 0.002, 0.004];

function scenario(overrides: Partial<ScenarioDefinition> = {}): ScenarioDefinition {
  return {
    name: 's',
    description: '',
    modelName: null,
    frequency: 'DAILY',
    riskFreeRate: null,
    period: null,
    baseline: { label: 'baseline', metrics: null, returns: { dates: DATES, values: BASELINE } },
    benchmark: null,
    stressEvents: [{ name: 'week two', start: '2024-01-08', end: '2024-01-12', description: '', thresholds: [{ metric: 'totalReturn', comparator: '>=', value: 0, baseline: null, severity: 'FAIL' }] }],
    thresholds: [{ metric: 'sharpe', comparator: '>=', value: null, baseline: { factor: 1, offset: -0.1 }, severity: 'FAIL' }],
    compliance: { minHistory: { observations: 5, severity: 'WARN' }, maxGapDays: null, gapSeverity: 'FAIL', explainability: null },
    ...overrides,
  };
}

describe(evaluateCandidate.name, () => {
  const sut = evaluateCandidate;
  const settings = { riskFreeRate: 0, significanceLevel: 0.05 };

  it('judges a candidate series against the baseline series over the whole history and each stress window', () => {
    const outcome = sut(scenario(), { metrics: null, returns: { dates: DATES, values: CANDIDATE } }, settings);
    expect(outcome.conventions).toMatchObject({ periodsPerYear: 252, riskFreeRate: 0, period: { start: '2024-01-01', end: '2024-01-10' }, maxGapDays: 7 });
    expect(outcome.candidate.source).toBe('RETURNS');
    expect(outcome.comparison.find((c) => c.metric === 'totalReturn')?.better).toBe(true);
    expect(outcome.significance?.observations).toBe(8);
    expect(outcome.stressWindows[0]).toMatchObject({ name: 'week two', candidate: { metrics: { observations: 3 } }, baseline: { metrics: { observations: 3 } } });
    expect(outcome.checks.map((c) => [c.kind, c.name, c.outcome])).toEqual([
      ['DATA_HYGIENE', 'duplicate dates', 'PASS'],
      ['DATA_HYGIENE', 'missing or invalid values', 'PASS'],
      ['DATA_HYGIENE', 'dates outside the scenario period', 'PASS'],
      ['DATA_HYGIENE', 'gaps in the history', 'PASS'],
      ['MIN_HISTORY', 'observations >= 5', 'PASS'],
      ['THRESHOLD', 'sharpe >= baseline - 0.1', 'PASS'],
      ['STRESS_THRESHOLD', 'totalReturn >= 0', 'PASS'],
    ]);
  });

  it('keeps supplied metrics the harness does not compute beside the computed ones', () => {
    const outcome = sut(scenario(), { metrics: { turnover: 3 }, returns: { dates: DATES, values: CANDIDATE } }, settings);
    expect(outcome.candidate.metrics.turnover).toBe(3);
    expect(outcome.candidate.metrics.observations).toBe(8);
    expect(outcome.checks.find((c) => c.name === 'non-finite metrics')?.outcome).toBe('PASS');
  });

  it('judges a metrics-only candidate against a metrics-only baseline, without significance or stress metrics', () => {
    const outcome = sut(scenario({ baseline: { label: 'b', metrics: { sharpe: 1 }, returns: null } }), { metrics: { sharpe: 0.95, observations: 4 }, returns: null }, settings);
    expect(outcome.conventions.period).toBeNull();
    expect(outcome.comparison).toEqual([expect.objectContaining({ metric: 'sharpe', candidate: 0.95, baseline: 1, better: false })]);
    expect(outcome.significance).toBeNull();
    expect(outcome.stressWindows[0].candidate).toBeNull();
    const byName = Object.fromEntries(outcome.checks.map((c) => [c.name, c.outcome]));
    expect(byName).toEqual({ 'non-finite metrics': 'PASS', 'observations >= 5': 'WARN', 'sharpe >= baseline - 0.1': 'PASS', 'totalReturn >= 0': 'FAIL' });
  });

  it('evaluates only the usable points of a dirty series and says what it left out', () => {
    const dates = [...DATES, '2024-01-10', '2025-01-01'];
    const values = [...CANDIDATE.slice(0, 3), null, ...CANDIDATE.slice(4), 0.5, 0.01];
    const outcome = sut(scenario(), { metrics: null, returns: { dates, values } }, settings);
    expect(outcome.hygiene).toMatchObject({ points: 10, usable: 7, duplicateDates: { count: 1 }, invalidValues: { count: 1 }, outsidePeriod: { count: 1 } });
    expect(outcome.candidate.metrics.observations).toBe(7);
    expect(outcome.checks.filter((c) => c.outcome === 'FAIL').map((c) => c.name)).toEqual(['duplicate dates', 'missing or invalid values', 'dates outside the scenario period']);
  });

  it('gives the same outcome for the same input, so a retried job overwrites with identical results', () => {
    const input = { metrics: null, returns: { dates: DATES, values: CANDIDATE } };
    expect(sut(scenario(), input, settings)).toEqual(sut(scenario(), input, settings));
  });
});
