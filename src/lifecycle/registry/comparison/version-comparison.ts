import { resolveMetricDirection, type MetricDirection } from './metric-directions.js';

export interface VersionMetrics {
  version: number;
  metrics: Readonly<Record<string, number>>;
}

/** How a version's value moved against the baseline, in the metric's own direction. */
export type MetricOutcome = 'BETTER' | 'WORSE' | 'EQUAL';

export interface ComparedValue {
  version: number;
  /** null when the version does not have the metric; NaN and ±Infinity are kept as they are. */
  value: number | null;
  /** value − baseline; null unless both are finite (and the difference is). */
  delta: number | null;
  /** delta / |baseline|; null when delta is null or the baseline is 0. */
  relativeDelta: number | null;
  outcome: MetricOutcome | null;
}

export interface MetricComparison {
  metric: string;
  direction: MetricDirection;
  directionSource: 'declared' | 'default';
  baselineValue: number | null;
  values: ComparedValue[];
  /** The version with the best finite value (the lowest version number on a tie); null when none is finite. */
  best: number | null;
}

export interface VersionComparison {
  baseline: number;
  versions: number[];
  metrics: MetricComparison[];
}

/**
 * Compares versions metric by metric against a baseline. Only finite values take part in deltas and in
 * choosing the best: NaN is never best, and ±Infinity (a division by zero, a diverged loss) is treated as
 * a broken measurement rather than an unbeatable score.
 */
export function compareVersions(
  versions: readonly VersionMetrics[],
  baseline: number,
  declared: Readonly<Record<string, MetricDirection>>,
): VersionComparison {
  const base = versions.find((v) => v.version === baseline);
  if (!base) throw new RangeError(`baseline ${baseline} is not among the compared versions`);
  const names = [...new Set(versions.flatMap((v) => Object.keys(v.metrics)))].sort();
  return {
    baseline,
    versions: versions.map((v) => v.version),
    metrics: names.map((metric) => compareMetric(metric, versions, valueOf(base, metric), declared)),
  };
}

function compareMetric(metric: string, versions: readonly VersionMetrics[], baselineValue: number | null, declared: Readonly<Record<string, MetricDirection>>): MetricComparison {
  const { direction, source } = resolveMetricDirection(metric, declared);
  const values = versions.map((v) => compareValue(v.version, valueOf(v, metric), baselineValue, direction));
  return { metric, direction, directionSource: source, baselineValue, values, best: bestOf(values, direction) };
}

function compareValue(version: number, value: number | null, baseline: number | null, direction: MetricDirection): ComparedValue {
  const delta = isFiniteNumber(value) && isFiniteNumber(baseline) ? value - baseline : null;
  const usableDelta = isFiniteNumber(delta) ? delta : null;
  const relativeDelta = usableDelta !== null && baseline !== 0 ? usableDelta / Math.abs(baseline!) : null;
  return { version, value, delta: usableDelta, relativeDelta, outcome: usableDelta === null ? null : outcomeOf(usableDelta, direction) };
}

function outcomeOf(delta: number, direction: MetricDirection): MetricOutcome {
  if (delta === 0) return 'EQUAL';
  return (delta > 0) === (direction === 'higher') ? 'BETTER' : 'WORSE';
}

function bestOf(values: readonly ComparedValue[], direction: MetricDirection): number | null {
  let best: ComparedValue | null = null;
  for (const candidate of values) {
    if (!isFiniteNumber(candidate.value)) continue;
    if (!best || beats(candidate, best, direction)) best = candidate;
  }
  return best?.version ?? null;
}

function beats(candidate: ComparedValue, current: ComparedValue, direction: MetricDirection): boolean {
  const a = candidate.value!;
  const b = current.value!;
  if (a === b) return candidate.version < current.version;
  return direction === 'higher' ? a > b : a < b;
}

function valueOf(version: VersionMetrics, metric: string): number | null {
  return Object.hasOwn(version.metrics, metric) ? version.metrics[metric] : null;
}

function isFiniteNumber(value: number | null): value is number {
  return value !== null && Number.isFinite(value);
}
