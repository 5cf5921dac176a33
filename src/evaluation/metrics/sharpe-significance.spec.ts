import { describe, expect, it } from '@jest/globals';

import { testSharpeDifference } from './sharpe-significance.js';

const OPTIONS = { periodsPerYear: 252, riskFreeRate: 0.02, significanceLevel: 0.05 };

function days(n: number): string[] {
  return Array.from({ length: n }, (_, i) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10));
}

// Expected values worked independently from the Memmel-corrected Jobson–Korkie formula with sample moments.
describe(testSharpeDifference.name, () => {
  const sut = testSharpeDifference;

  it('finds no significant difference between two close, highly correlated strategies', () => {
    const candidate = [0.01, -0.02, 0.015, 0.003, -0.012, -0.025, 0.018, 0.007, 0, 0.022, -0.004, 0.011, -0.03, 0.009, 0.013, 0.006, -0.008, 0.017, 0.004, 0.01];
    const baseline = [0.006, -0.01, 0.012, 0.001, -0.008, -0.018, 0.01, 0.004, 0.002, 0.012, -0.003, 0.008, -0.02, 0.005, 0.009, 0.003, -0.005, 0.01, 0.002, 0.006];
    const dates = days(20);
    const { result } = sut({ dates, values: candidate }, { dates, values: baseline }, OPTIONS);
    expect(result).not.toBeNull();
    expect(result!.observations).toBe(20);
    expect(result!.candidateSharpe).toBeCloseTo(2.4164794679498445, 10);
    expect(result!.baselineSharpe).toBeCloseTo(2.079261115132698, 10);
    expect(result!.correlation).toBeCloseTo(0.9898040928451215, 12);
    expect(result!.zStatistic).toBeCloseTo(0.6552234423467261, 9);
    expect(result!.pValue).toBeCloseTo(0.5123239032972696, 6);
    expect(result!.significant).toBe(false);
  });

  it('finds a significant difference when the candidate clearly beats the baseline', () => {
    const baseline = Array.from({ length: 60 }, (_, i) => 0.01 * Math.sin(i * 1.7) + 0.002 * Math.cos(i * 0.3));
    const candidate = baseline.map((b, i) => 0.8 * b + 0.002 + 0.004 * Math.cos(i * 2.3));
    const dates = days(60);
    const { result } = sut({ dates, values: candidate }, { dates, values: baseline }, OPTIONS);
    expect(result!.candidateSharpe).toBeCloseTo(4.627640423736258, 9);
    expect(result!.baselineSharpe).toBeCloseTo(-0.38003085037280976, 9);
    expect(result!.correlation).toBeCloseTo(0.8922786022337509, 12);
    expect(result!.zStatistic).toBeCloseTo(4.757663599298008, 9);
    expect(result!.pValue).toBeCloseTo(1.9584651781543913e-6, 8);
    expect(result!.significant).toBe(true);
  });

  it('pairs the series on shared dates only', () => {
    const a = { dates: ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05'], values: [0.01, -0.01, 0.02, 0.0, 0.03] };
    const b = { dates: ['2024-01-02', '2024-01-04', '2024-01-05', '2024-01-06'], values: [0.005, 0.001, -0.002, 0.5] };
    const { result } = sut(a, b, OPTIONS);
    expect(result!.observations).toBe(3);
  });

  it('explains why there is no test when the series share too few dates or do not vary', () => {
    const few = sut({ dates: ['2024-01-01', '2024-01-02'], values: [0.01, 0.02] }, { dates: ['2024-01-01', '2024-01-02'], values: [0.0, 0.01] }, OPTIONS);
    expect(few.result).toBeNull();
    expect(few.reason).toContain('share 2 dates');
    const flat = sut({ dates: days(5), values: [0.01, 0.01, 0.01, 0.01, 0.01] }, { dates: days(5), values: [0.01, 0.02, 0.0, 0.01, 0.03] }, OPTIONS);
    expect(flat.result).toBeNull();
    expect(flat.reason).toContain('zero deviation');
  });
});
