/** Totals of one version on one UTC day, as the aggregation returns them. */
export interface UsageGroup {
  version: number;
  day: string;
  count: number;
  errorCount: number;
  flaggedCount: number;
  unapprovedCount: number;
  tokensIn: number;
  tokensOut: number;
  cost: number;
  latencyAvg: number;
  latencyMax: number;
}

export interface UsageGroupWithPercentiles extends UsageGroup {
  p50: number;
  p95: number;
}

export interface UsageStatsRow extends Omit<UsageGroup, 'latencyAvg' | 'latencyMax'> {
  errorRate: number;
  flaggedRate: number;
  latencyMs: { p50: number; p95: number; avg: number; max: number };
}

/**
 * 1-based rank of the p-th percentile (p a whole number) by the nearest-rank method: ceil(p·n/100), the
 * smallest value such that at least p% of the values are at most it; always an observed value. Integer
 * arithmetic, as in the aggregation, so 0.95 × 100 can never round up to rank 96.
 */
export function nearestRank(percentile: number, count: number): number {
  return Math.max(1, Math.floor((percentile * count + 99) / 100));
}

export function toStatsRow(group: UsageGroupWithPercentiles): UsageStatsRow {
  const { latencyAvg, latencyMax, p50, p95, ...totals } = group;
  return {
    ...totals,
    cost: round(totals.cost, 6),
    errorRate: round(group.errorCount / group.count, 4),
    flaggedRate: round(group.flaggedCount / group.count, 4),
    latencyMs: { p50, p95, avg: round(latencyAvg, 2), max: latencyMax },
  };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
