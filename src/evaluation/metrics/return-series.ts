import type { ReturnFrequency } from '../../../libs/contracts/src/index.js';

/**
 * A periodic simple-return series in columns: `values[i]` is the return of the period that ends on
 * `dates[i]` ('YYYY-MM-DD', which sorts chronologically as text). The maths expects dates strictly
 * increasing and values finite and ≥ -1; `cleanSeries` guarantees both.
 */
export interface ReturnSeries {
  readonly dates: readonly string[];
  readonly values: ArrayLike<number>;
}

export interface ReturnPoint {
  date: string;
  value: number | null;
}

/** Periods in a year, used to annualise: 252 trading days, 52 weeks, 12 months. */
export const PERIODS_PER_YEAR: Record<ReturnFrequency, number> = { DAILY: 252, WEEKLY: 52, MONTHLY: 12 };

/** Per-period risk-free rate equivalent to an annual rate under compounding: (1 + rf)^(1/P) - 1. */
export function perPeriodRate(annualRate: number, periodsPerYear: number): number {
  return Math.pow(1 + annualRate, 1 / periodsPerYear) - 1;
}

/** First index whose date is ≥ `date` (the series' length when none is). */
export function lowerBound(dates: readonly string[], date: string): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dates[mid] < date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose date is > `date`. */
export function upperBound(dates: readonly string[], date: string): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dates[mid] <= date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index range [start, end) of the points dated within [from, to], both inclusive and optional. */
export function indexRange(series: ReturnSeries, from?: string, to?: string): [number, number] {
  const start = from === undefined ? 0 : lowerBound(series.dates, from);
  const end = to === undefined ? series.dates.length : upperBound(series.dates, to);
  return [start, Math.max(start, end)];
}
