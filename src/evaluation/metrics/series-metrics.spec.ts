import { describe, expect, it } from '@jest/globals';

import { computeSeriesMetrics } from './series-metrics.js';

// Worked independently (brute-force drawdown over every pair of wealth points, textbook sample moments)
// for 20 business days from 2024-01-01, a 2% annual risk-free rate and 252 periods a year.
const DATES = [
  '2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08', '2024-01-09', '2024-01-10', '2024-01-11', '2024-01-12',
  '2024-01-15', '2024-01-16', '2024-01-17', '2024-01-18', '2024-01-19', '2024-01-22', '2024-01-23', '2024-01-24', '2024-01-25', '2024-01-26',
];
const RETURNS = [0.01, -0.02, 0.015, 0.003, -0.012, -0.025, 0.018, 0.007, 0, 0.022, -0.004, 0.011, -0.03, 0.009, 0.013, 0.006, -0.008, 0.017, 0.004, 0.01];
const BENCHMARK_VALUES = [0.008, -0.015, 0.01, 0.002, -0.01, -0.02, 0.012, 0.005, 0.001, 0.015, -0.002, 0.009, -0.022, 0.006, 0.01, 0.004, -0.006, 0.012, 0.003, 0.007];
// The benchmark misses 2024-01-05 and has a date before the series starts: 19 shared dates.
const BENCHMARK = {
  dates: ['2023-12-29', ...DATES.filter((d) => d !== '2024-01-05')],
  values: [0.005, ...BENCHMARK_VALUES.filter((_, i) => i !== 4)],
};
const SERIES = { dates: DATES, values: RETURNS };
const OPTIONS = { periodsPerYear: 252, riskFreeRate: 0.02 };

function sixtyPoints(): number[] {
  return Array.from({ length: 60 }, (_, i) => 0.01 * Math.sin(i * 1.7) + 0.002 * Math.cos(i * 0.3));
}

describe(computeSeriesMetrics.name, () => {
  const sut = computeSeriesMetrics;

  it('computes return, growth, volatility and risk-adjusted ratios of the whole series', () => {
    const { values } = sut(SERIES, OPTIONS);
    expect(values.observations).toBe(20);
    expect(values.totalReturn).toBeCloseTo(0.04489502560081449, 12);
    expect(values.cagr).toBeCloseTo(0.7390638872916007, 12);
    expect(values.annualizedVolatility).toBeCloseTo(0.23165791476589834, 12);
    expect(values.sharpe).toBeCloseTo(2.4164794679498445, 10);
    expect(values.sortino).toBeCloseTo(3.389657724147874, 10);
    expect(values.hitRate).toBeCloseTo(0.65, 12);
  });

  it('finds the maximum drawdown with its peak, start, trough and recovery dates', () => {
    const result = sut(SERIES, OPTIONS);
    expect(result.values.maxDrawdown).toBeCloseTo(0.038930906470000304, 12);
    expect(result.values.calmar).toBeCloseTo(18.983988668774373, 9);
    expect(result.drawdown).toEqual({ peakDate: '2024-01-01', startDate: '2024-01-02', troughDate: '2024-01-08', recoveryDate: '2024-01-12' });
  });

  it('reports an unrecovered drawdown with a null recovery date', () => {
    const result = sut(SERIES, { ...OPTIONS, from: '2024-01-08', to: '2024-01-19' });
    expect(result.values.maxDrawdown).toBeCloseTo(0.03, 12);
    expect(result.drawdown).toEqual({ peakDate: '2024-01-16', startDate: '2024-01-17', troughDate: '2024-01-17', recoveryDate: null });
  });

  it('dates a drawdown that starts with the first period from the starting capital', () => {
    const result = sut({ dates: ['2024-01-01', '2024-01-02', '2024-01-03'], values: [-0.1, 0.05, 0.1] }, OPTIONS);
    expect(result.values.maxDrawdown).toBeCloseTo(0.1, 12);
    expect(result.drawdown).toEqual({ peakDate: null, startDate: '2024-01-01', troughDate: '2024-01-01', recoveryDate: '2024-01-03' });
  });

  it('computes historical VaR and CVaR at 95% from the worst 5% of periods', () => {
    const values = sixtyPoints();
    const dates = values.map((_, i) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10));
    const result = sut({ dates, values }, OPTIONS);
    // ⌈0.05 × 60⌉ = 3 worst periods.
    expect(result.values.var95).toBeCloseTo(0.010698506100120032, 12);
    expect(result.values.cvar95).toBeCloseTo(0.011221060201898834, 12);
  });

  it('computes beta, alpha, tracking error and information ratio on the dates shared with the benchmark', () => {
    const result = sut(SERIES, { ...OPTIONS, benchmark: BENCHMARK });
    expect(result.benchmarkObservations).toBe(19);
    expect(result.values.beta).toBeCloseTo(1.358015889183133, 10);
    expect(result.values.alpha).toBeCloseTo(0.07390150437066226, 10);
    expect(result.values.trackingError).toBeCloseTo(0.06305553108173778, 12);
    expect(result.values.informationRatio).toBeCloseTo(3.996477322081972, 10);
  });

  it('computes the same metrics over a stress window only', () => {
    const result = sut(SERIES, { ...OPTIONS, benchmark: BENCHMARK, from: '2024-01-06', to: '2024-01-19' });
    expect(result.firstDate).toBe('2024-01-08');
    expect(result.lastDate).toBe('2024-01-19');
    expect(result.values.observations).toBe(10);
    expect(result.values.totalReturn).toBeCloseTo(0.019801390821693854, 12);
    expect(result.values.cagr).toBeCloseTo(0.6390534574002875, 12);
    expect(result.values.annualizedVolatility).toBeCloseTo(0.2762194779518635, 12);
    expect(result.values.sharpe).toBeCloseTo(1.844173330559405, 10);
    expect(result.values.sortino).toBeCloseTo(2.5772005300649403, 10);
    expect(result.values.calmar).toBeCloseTo(21.3017819133429, 9);
    expect(result.values.hitRate).toBeCloseTo(0.6, 12);
    expect(result.values.beta).toBeCloseTo(1.3527425020264792, 10);
    expect(result.values.alpha).toBeCloseTo(0.05893794804749032, 10);
    expect(result.values.trackingError).toBeCloseTo(0.07485185368446128, 12);
    expect(result.values.informationRatio).toBeCloseTo(2.3566550635287644, 10);
  });

  it('leaves ratios undefined (null) where a deviation is zero or there is too little data', () => {
    const flat = sut({ dates: ['2024-01-01', '2024-01-02', '2024-01-03'], values: [0.001, 0.001, 0.001] }, OPTIONS);
    expect(flat.values.annualizedVolatility).toBe(0);
    expect(flat.values.sharpe).toBeNull();
    expect(flat.values.maxDrawdown).toBe(0);
    expect(flat.values.calmar).toBeNull();
    expect(flat.drawdown).toBeNull();
    const single = sut({ dates: ['2024-01-01'], values: [0.01] }, OPTIONS);
    expect(single.values.totalReturn).toBeCloseTo(0.01, 15);
    expect(single.values.annualizedVolatility).toBeNull();
    const empty = sut(SERIES, { ...OPTIONS, from: '2030-01-01' });
    expect(empty.values).toMatchObject({ observations: 0, totalReturn: null, sharpe: null, var95: null, beta: null });
  });

  it('treats a -100% period as the loss of everything', () => {
    const result = sut({ dates: ['2024-01-01', '2024-01-02', '2024-01-03'], values: [0.1, -1, 0.5] }, OPTIONS);
    expect(result.values.totalReturn).toBe(-1);
    expect(result.values.cagr).toBe(-1);
    expect(result.values.maxDrawdown).toBe(1);
    expect(result.drawdown?.recoveryDate).toBeNull();
  });

  it('keeps growth finite over a history whose compounded product overflows a double', () => {
    const n = 100_000;
    const values = new Float64Array(n).fill(0.01);
    const dates = Array.from({ length: n }, (_, i) => String(i).padStart(10, '0'));
    const result = sut({ dates, values }, OPTIONS);
    // 1.01^100000 = e^995 is beyond the largest double; CAGR is 1.01^252 - 1.
    expect(result.values.totalReturn).toBe(Infinity);
    expect(result.values.cagr).toBeCloseTo(Math.pow(1.01, 252) - 1, 9);
    expect(result.values.maxDrawdown).toBe(0);
  });
});
