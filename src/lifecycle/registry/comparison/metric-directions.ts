export const METRIC_DIRECTIONS = ['higher', 'lower'] as const;
/** Which way a metric improves: `higher` (Sharpe, accuracy, hit rate) or `lower` (loss, drawdown, error). */
export type MetricDirection = (typeof METRIC_DIRECTIONS)[number];

/** Names that are better when lower, matched whole or as the last part of a name (`val_loss`, `test-rmse`, `ex_ante/var`). */
export const LOWER_IS_BETTER_NAMES: readonly string[] = [
  'loss',
  'rmse',
  'mse',
  'mae',
  'mape',
  'max_drawdown',
  'drawdown',
  'volatility',
  'var',
  'cvar',
  'error',
  'tracking_error',
  'turnover',
  'latency',
];

const SEPARATORS = ['_', '-', '/', ':', ' '];

/** The direction a metric name suggests when the model declares none: lower for the names above, higher otherwise. */
export function defaultMetricDirection(metric: string): MetricDirection {
  const name = metric.toLowerCase();
  const lower = LOWER_IS_BETTER_NAMES.some((term) => name === term || SEPARATORS.some((separator) => name.endsWith(`${separator}${term}`)));
  return lower ? 'lower' : 'higher';
}

export interface ResolvedDirection {
  direction: MetricDirection;
  source: 'declared' | 'default';
}

/** The model's declaration wins; otherwise the name decides. */
export function resolveMetricDirection(metric: string, declared: Readonly<Record<string, MetricDirection>>): ResolvedDirection {
  const own = Object.hasOwn(declared, metric) ? declared[metric] : undefined;
  return own ? { direction: own, source: 'declared' } : { direction: defaultMetricDirection(metric), source: 'default' };
}
