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

export interface UsageStatsRow extends Omit<UsageGroup, 'latencyAvg' | 'latencyMax'> {
  errorRate: number;
  flaggedRate: number;
  latencyMs: { p50: number; p95: number; avg: number; max: number };
}

/**
 * 1-based rank of the p-th percentile by the nearest-rank method: the smallest value such that at least
 * p% of the values are at most it. Always an observed value, never interpolated.
 */
export function nearestRank(percentile: number, count: number): number {
  return Math.min(count, Math.max(1, Math.ceil((percentile / 100) * count)));
}

export function toStatsRow(group: UsageGroup, p50: number, p95: number): UsageStatsRow {
  const { latencyAvg, latencyMax, ...totals } = group;
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
