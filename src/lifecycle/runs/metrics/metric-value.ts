/**
 * JSON has no NaN or Infinity, yet training produces them (a diverged loss, a Sharpe ratio over zero
 * volatility). They travel as these three strings and are stored as the BSON doubles they stand for.
 */
export const NON_FINITE_METRIC_VALUES = ['NaN', 'Infinity', '-Infinity'] as const;
export type NonFiniteMetricValue = (typeof NON_FINITE_METRIC_VALUES)[number];
export type MetricValueJson = number | NonFiniteMetricValue;

/** The stored number for a JSON value, or undefined when the value is neither a finite number nor one of the three strings. */
export function parseMetricValue(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  switch (raw) {
    case 'NaN':
      return Number.NaN;
    case 'Infinity':
      return Number.POSITIVE_INFINITY;
    case '-Infinity':
      return Number.NEGATIVE_INFINITY;
    default:
      return undefined;
  }
}

export function formatMetricValue(value: number): MetricValueJson {
  if (Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return 'NaN';
  return value > 0 ? 'Infinity' : '-Infinity';
}

export function formatMetricValues(values: Record<string, number>): Record<string, MetricValueJson> {
  const formatted: Record<string, MetricValueJson> = {};
  for (const [key, value] of Object.entries(values)) formatted[key] = formatMetricValue(value);
  return formatted;
}
