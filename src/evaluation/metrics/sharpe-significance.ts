import { lowerBound, perPeriodRate, type ReturnSeries } from './return-series.js';
import { erfc } from './normal.js';

export const SHARPE_TEST = 'JOBSON_KORKIE_MEMMEL';

export interface SharpeDifferenceTest {
  test: typeof SHARPE_TEST;
  /** Dates both series share: the test is paired. */
  observations: number;
  /** Annualised Sharpe ratios over the shared dates. */
  candidateSharpe: number;
  baselineSharpe: number;
  correlation: number;
  zStatistic: number;
  /** Two-sided. */
  pValue: number;
  significanceLevel: number;
  significant: boolean;
}

export interface SharpeTestOutcome {
  result: SharpeDifferenceTest | null;
  /** Why there is no result, when there is none. */
  reason: string | null;
}

const MIN_OBSERVATIONS = 3;

/**
 * Jobson–Korkie test of equal Sharpe ratios with Memmel's (2003) correction, on the dates the two series
 * share: z = (SRa - SRb) / sqrt(V), V = (2(1 - ρ) + (SRa² + SRb² - 2·SRa·SRb·ρ²) / 2) / T, with per-period
 * Sharpe ratios on excess returns and sample (n - 1) moments. It assumes independent, normally distributed
 * returns; docs/evaluation.md says what that means for fat-tailed strategies.
 */
export function testSharpeDifference(
  candidate: ReturnSeries,
  baseline: ReturnSeries,
  options: { periodsPerYear: number; riskFreeRate: number; significanceLevel: number },
): SharpeTestOutcome {
  const rf = perPeriodRate(options.riskFreeRate, options.periodsPerYear);
  let n = 0;
  let meanA = 0;
  let meanB = 0;
  let m2A = 0;
  let m2B = 0;
  let coMoment = 0;
  let j = candidate.dates.length > 0 ? lowerBound(baseline.dates, candidate.dates[0]) : 0;
  for (let i = 0; i < candidate.dates.length; i++) {
    const date = candidate.dates[i];
    while (j < baseline.dates.length && baseline.dates[j] < date) j++;
    if (j >= baseline.dates.length) break;
    if (baseline.dates[j] !== date) continue;
    const a = candidate.values[i];
    const b = baseline.values[j++];
    n++;
    const deltaA = a - meanA;
    meanA += deltaA / n;
    m2A += deltaA * (a - meanA);
    const deltaB = b - meanB;
    meanB += deltaB / n;
    m2B += deltaB * (b - meanB);
    coMoment += deltaA * (b - meanB);
  }
  if (n < MIN_OBSERVATIONS) {
    return { result: null, reason: `the candidate and the baseline share ${n} dates; the test needs at least ${MIN_OBSERVATIONS}` };
  }
  const sdA = Math.sqrt(m2A / (n - 1));
  const sdB = Math.sqrt(m2B / (n - 1));
  if (sdA === 0 || sdB === 0) return { result: null, reason: 'a series has zero deviation over the shared dates, so its Sharpe ratio is undefined' };
  const rho = coMoment / (n - 1) / (sdA * sdB);
  const srA = (meanA - rf) / sdA;
  const srB = (meanB - rf) / sdB;
  const variance = (2 * (1 - rho) + 0.5 * (srA * srA + srB * srB - 2 * srA * srB * rho * rho)) / n;
  if (!(variance > 0)) return { result: null, reason: 'the two series are identical over the shared dates, so there is no difference to test' };
  const z = (srA - srB) / Math.sqrt(variance);
  // Two-sided: 2·(1 - Φ(|z|)) = erfc(|z| / √2), without the cancellation of 1 - Φ for large |z|.
  const pValue = Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
  const root = Math.sqrt(options.periodsPerYear);
  return {
    result: {
      test: SHARPE_TEST,
      observations: n,
      candidateSharpe: srA * root,
      baselineSharpe: srB * root,
      correlation: rho,
      zStatistic: z,
      pValue,
      significanceLevel: options.significanceLevel,
      significant: pValue < options.significanceLevel,
    },
    reason: null,
  };
}
