import { directionOf, STANDARD_METRICS, type MetricDirection, type MetricValues } from './metric-keys.js';

export interface MetricComparison {
  metric: string;
  candidate: number;
  baseline: number;
  /** candidate - baseline */
  absoluteDelta: number;
  /** (candidate - baseline) / |baseline|; null when the baseline is zero. */
  relativeDelta: number | null;
  direction: MetricDirection | null;
  /** Strictly better in the metric's direction; null for metrics without a better side. */
  better: boolean | null;
}

/**
 * One line per metric that both sides have a finite value for: the standard metrics in their usual
 * order, then any other supplied metric alphabetically.
 */
export function compareMetrics(candidate: MetricValues, baseline: MetricValues): MetricComparison[] {
  const standard = STANDARD_METRICS.filter((metric) => metric in candidate && metric in baseline);
  const others = Object.keys(candidate)
    .filter((metric) => metric in baseline && !(standard as string[]).includes(metric))
    .sort();
  const lines: MetricComparison[] = [];
  for (const metric of [...standard, ...others]) {
    const c = candidate[metric];
    const b = baseline[metric];
    if (!isFiniteNumber(c) || !isFiniteNumber(b)) continue;
    const direction = directionOf(metric);
    const absoluteDelta = c - b;
    lines.push({
      metric,
      candidate: c,
      baseline: b,
      absoluteDelta,
      relativeDelta: b === 0 ? null : absoluteDelta / Math.abs(b),
      direction,
      better: direction === null ? null : direction === 'HIGHER_IS_BETTER' ? c > b : c < b,
    });
  }
  return lines;
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
