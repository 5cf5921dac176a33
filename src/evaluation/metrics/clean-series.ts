import type { ReturnSeries } from './return-series.js';

/** A series as supplied: dates in any order, values possibly missing (null) or not finite. */
export interface RawSeries {
  dates: readonly string[];
  values: readonly (number | null)[];
}

export interface DatedFinding {
  count: number;
  /** The first few dates concerned, in date order, so a message can name them. */
  examples: string[];
}

export interface GapFinding {
  count: number;
  largestDays: number;
  examples: { from: string; to: string; days: number }[];
}

export interface SeriesFindings {
  points: number;
  usable: number;
  unsorted: boolean;
  /** Dates given more than once: the first point of each date is kept. */
  duplicateDates: DatedFinding;
  /** Missing, non-finite or below -100% (a simple return cannot lose more than everything). */
  invalidValues: DatedFinding;
  outsidePeriod: DatedFinding;
  gaps: GapFinding;
}

export interface CleanOptions {
  /** Consecutive dates further apart than this many calendar days are a gap. */
  maxGapDays: number;
  period?: { start: string; end: string } | null;
}

const EXAMPLES = 5;

/**
 * Sorts the points by date and keeps only the usable ones (finite, ≥ -1, first of their date, inside the
 * period), saying what it dropped and where the history has holes, so that the hygiene checks can refuse
 * a dirty series instead of silently evaluating it.
 */
export function cleanSeries(raw: RawSeries, options: CleanOptions): { series: ReturnSeries; findings: SeriesFindings } {
  const n = raw.dates.length;
  const order = sortedOrder(raw.dates);
  const dates: string[] = [];
  const values = new Float64Array(n);
  const duplicates = finding();
  const invalid = finding();
  const outside = finding();
  let previous: string | null = null;
  for (let k = 0; k < n; k++) {
    const i = order ? order[k] : k;
    const date = raw.dates[i];
    const value = raw.values[i];
    if (date === previous) {
      note(duplicates, date);
      continue;
    }
    previous = date;
    if (value === null || !Number.isFinite(value) || value < -1) {
      note(invalid, date);
      continue;
    }
    if (options.period && (date < options.period.start || date > options.period.end)) {
      note(outside, date);
      continue;
    }
    values[dates.length] = value;
    dates.push(date);
  }
  return {
    series: { dates, values: values.subarray(0, dates.length) },
    findings: {
      points: n,
      usable: dates.length,
      unsorted: order !== null,
      duplicateDates: duplicates,
      invalidValues: invalid,
      outsidePeriod: outside,
      gaps: findGaps(dates, options.maxGapDays),
    },
  };
}

/** Calendar day number of a 'YYYY-MM-DD' date. */
export function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
}

/** Null when the dates are already in order, which is the common case and costs no copy. */
function sortedOrder(dates: readonly string[]): Uint32Array | null {
  let sorted = true;
  for (let i = 1; i < dates.length && sorted; i++) sorted = dates[i - 1] <= dates[i];
  if (sorted) return null;
  const order = new Uint32Array(dates.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  // A stable sort keeps the first-supplied point of a duplicated date first.
  return order.sort((a, b) => (dates[a] < dates[b] ? -1 : dates[a] > dates[b] ? 1 : a - b));
}

function findGaps(dates: readonly string[], maxGapDays: number): GapFinding {
  const gaps: GapFinding = { count: 0, largestDays: 0, examples: [] };
  let previousDay = dates.length > 0 ? dayNumber(dates[0]) : 0;
  for (let i = 1; i < dates.length; i++) {
    const day = dayNumber(dates[i]);
    const days = day - previousDay;
    if (days > maxGapDays) {
      gaps.count++;
      gaps.largestDays = Math.max(gaps.largestDays, days);
      if (gaps.examples.length < EXAMPLES) gaps.examples.push({ from: dates[i - 1], to: dates[i], days });
    }
    previousDay = day;
  }
  return gaps;
}

function finding(): DatedFinding {
  return { count: 0, examples: [] };
}

function note(target: DatedFinding, date: string): void {
  target.count++;
  if (target.examples.length < EXAMPLES && target.examples.at(-1) !== date) target.examples.push(date);
}
