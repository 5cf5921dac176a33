import type { MetricPoint, MetricPosition } from './metric-point.js';

/**
 * The latest value of a metric is the one at the highest step, then the latest timestamp. Equal positions
 * count as "at or after", so among points with the same step and timestamp the one written last wins.
 * The repository's conditional update applies the same rule inside the database.
 */
export function isAtOrAfter(candidate: MetricPosition, current: MetricPosition): boolean {
  if (candidate.step !== current.step) return candidate.step > current.step;
  return candidate.timestamp.getTime() >= current.timestamp.getTime();
}

/** The latest point of each key in one batch (a later point in the batch wins a tie). */
export function latestPerKey(points: readonly MetricPoint[]): MetricPoint[] {
  const latest = new Map<string, MetricPoint>();
  for (const point of points) {
    const current = latest.get(point.key);
    if (!current || isAtOrAfter(point, current)) latest.set(point.key, point);
  }
  return [...latest.values()];
}
