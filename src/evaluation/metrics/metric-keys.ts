/** The metrics the harness computes from a return series; supplied backtest metrics may add others. */
export const STANDARD_METRICS = [
  'totalReturn',
  'cagr',
  'annualizedVolatility',
  'sharpe',
  'sortino',
  'maxDrawdown',
  'calmar',
  'hitRate',
  'var95',
  'cvar95',
  'beta',
  'alpha',
  'trackingError',
  'informationRatio',
  'observations',
] as const;
export type StandardMetric = (typeof STANDARD_METRICS)[number];

export type MetricDirection = 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER';

/**
 * Which way is better, per metric. Drawdown, VaR and CVaR are losses stated as positive fractions, so
 * lower is better. Beta, tracking error and the observation count have no better side: a comparison
 * reports their deltas without calling either value better.
 */
const DIRECTIONS: Partial<Record<StandardMetric, MetricDirection>> = {
  totalReturn: 'HIGHER_IS_BETTER',
  cagr: 'HIGHER_IS_BETTER',
  annualizedVolatility: 'LOWER_IS_BETTER',
  sharpe: 'HIGHER_IS_BETTER',
  sortino: 'HIGHER_IS_BETTER',
  maxDrawdown: 'LOWER_IS_BETTER',
  calmar: 'HIGHER_IS_BETTER',
  hitRate: 'HIGHER_IS_BETTER',
  var95: 'LOWER_IS_BETTER',
  cvar95: 'LOWER_IS_BETTER',
  alpha: 'HIGHER_IS_BETTER',
  informationRatio: 'HIGHER_IS_BETTER',
};

export function directionOf(metric: string): MetricDirection | null {
  return DIRECTIONS[metric as StandardMetric] ?? null;
}

export function isStandardMetric(metric: string): metric is StandardMetric {
  return (STANDARD_METRICS as readonly string[]).includes(metric);
}

/** Metric values by key; null where the metric is undefined for the data (for example a zero deviation). */
export type MetricValues = Record<string, number | null>;
