import type { StandardMetric } from './metric-keys.js';
import { indexRange, lowerBound, perPeriodRate, type ReturnSeries } from './return-series.js';
import { SmallestValues, tailSize } from './tail-risk.js';

export const VAR_CONFIDENCE = 0.95;

export interface MetricOptions {
  periodsPerYear: number;
  /** Annual risk-free rate as a decimal (0.03 = 3%). */
  riskFreeRate: number;
  /** Paired with the series on equal dates for beta, alpha, tracking error and information ratio. */
  benchmark?: ReturnSeries | null;
  /** Inclusive date bounds ('YYYY-MM-DD'): the metrics of a stress window. */
  from?: string;
  to?: string;
}

/** The worst peak-to-trough fall. `peakDate` is null when the peak is the starting capital. */
export interface DrawdownPeriod {
  peakDate: string | null;
  startDate: string;
  troughDate: string;
  recoveryDate: string | null;
}

export interface SeriesMetrics {
  values: Record<StandardMetric, number | null>;
  firstDate: string | null;
  lastDate: string | null;
  drawdown: DrawdownPeriod | null;
  /** Dates the series shares with the benchmark, on which the relative metrics are computed. */
  benchmarkObservations: number;
}

/**
 * Every metric of a return series in one pass with constant memory (plus the VaR tail of 5% of the
 * points), so a stress window is a range of the same arrays and a million points never get copied.
 * The formulas and their conventions are in docs/evaluation.md.
 */
export function computeSeriesMetrics(series: ReturnSeries, options: MetricOptions): SeriesMetrics {
  const [start, end] = indexRange(series, options.from, options.to);
  const n = end - start;
  const periods = options.periodsPerYear;
  const rf = perPeriodRate(options.riskFreeRate, periods);
  const { dates, values } = series;
  const tail = new SmallestValues(tailSize(n, VAR_CONFIDENCE));
  const own = { mean: 0, m2: 0, downsideSquares: 0, hits: 0 };
  const wealth = { log: 0, logPeak: 0, peak: start - 1, maxDrawdown: 0, mddLogPeak: 0, mddPeak: start - 1, trough: -1, recovery: -1 };
  const pair = new PairAccumulator();
  const benchmark = options.benchmark ?? null;
  let j = benchmark && n > 0 ? lowerBound(benchmark.dates, dates[start]) : 0;

  for (let i = start; i < end; i++) {
    const r = values[i];
    const k = i - start + 1;
    const delta = r - own.mean;
    own.mean += delta / k;
    own.m2 += delta * (r - own.mean);
    const excess = r - rf;
    if (excess < 0) own.downsideSquares += excess * excess;
    if (r > 0) own.hits++;
    tail.push(r);

    // Wealth in logs: a million compounded periods would overflow a plain product.
    wealth.log += Math.log1p(r);
    if (wealth.log >= wealth.logPeak) {
      wealth.logPeak = wealth.log;
      wealth.peak = i;
    } else {
      const drawdown = -Math.expm1(wealth.log - wealth.logPeak);
      if (drawdown > wealth.maxDrawdown) {
        wealth.maxDrawdown = drawdown;
        wealth.mddLogPeak = wealth.logPeak;
        wealth.mddPeak = wealth.peak;
        wealth.trough = i;
        wealth.recovery = -1;
      }
    }
    if (wealth.trough >= 0 && wealth.recovery < 0 && i > wealth.trough && wealth.log >= wealth.mddLogPeak) wealth.recovery = i;

    if (benchmark) {
      const date = dates[i];
      while (j < benchmark.dates.length && benchmark.dates[j] < date) j++;
      if (j < benchmark.dates.length && benchmark.dates[j] === date) pair.push(r, benchmark.values[j++]);
    }
  }

  const root = Math.sqrt(periods);
  const sd = n > 1 ? Math.sqrt(own.m2 / (n - 1)) : null;
  const downside = n > 0 ? Math.sqrt(own.downsideSquares / n) : null;
  const cagr = n === 0 ? null : wealth.log === -Infinity ? -1 : Math.expm1((wealth.log * periods) / n);
  const relative = pair.metrics(rf, periods);
  return {
    values: {
      totalReturn: n > 0 ? Math.expm1(wealth.log) : null,
      cagr,
      annualizedVolatility: sd === null ? null : sd * root,
      sharpe: sd ? ((own.mean - rf) / sd) * root : null,
      sortino: downside ? ((own.mean - rf) / downside) * root : null,
      maxDrawdown: n > 0 ? wealth.maxDrawdown : null,
      calmar: cagr !== null && wealth.maxDrawdown > 0 ? cagr / wealth.maxDrawdown : null,
      hitRate: n > 0 ? own.hits / n : null,
      var95: n > 0 ? -(tail.largest() as number) : null,
      cvar95: n > 0 ? -(tail.mean() as number) : null,
      ...relative,
      observations: n,
    },
    firstDate: n > 0 ? dates[start] : null,
    lastDate: n > 0 ? dates[end - 1] : null,
    drawdown:
      wealth.maxDrawdown > 0
        ? {
            peakDate: wealth.mddPeak >= start ? dates[wealth.mddPeak] : null,
            startDate: dates[wealth.mddPeak + 1],
            troughDate: dates[wealth.trough],
            recoveryDate: wealth.recovery >= 0 ? dates[wealth.recovery] : null,
          }
        : null,
    benchmarkObservations: pair.count,
  };
}

/** Running means and co-moments of (series, benchmark) pairs and of their difference (Welford). */
class PairAccumulator {
  count = 0;
  private meanR = 0;
  private meanB = 0;
  private m2B = 0;
  private coMoment = 0;
  private meanActive = 0;
  private m2Active = 0;

  push(r: number, b: number): void {
    const k = ++this.count;
    const deltaR = r - this.meanR;
    this.meanR += deltaR / k;
    const deltaB = b - this.meanB;
    this.meanB += deltaB / k;
    this.m2B += deltaB * (b - this.meanB);
    this.coMoment += deltaR * (b - this.meanB);
    const active = r - b;
    const deltaA = active - this.meanActive;
    this.meanActive += deltaA / k;
    this.m2Active += deltaA * (active - this.meanActive);
  }

  metrics(rf: number, periods: number): Record<'beta' | 'alpha' | 'trackingError' | 'informationRatio', number | null> {
    if (this.count < 2) return { beta: null, alpha: null, trackingError: null, informationRatio: null };
    const beta = this.m2B > 0 ? this.coMoment / this.m2B : null;
    const activeSd = Math.sqrt(this.m2Active / (this.count - 1));
    const root = Math.sqrt(periods);
    return {
      beta,
      alpha: beta === null ? null : (this.meanR - rf - beta * (this.meanB - rf)) * periods,
      trackingError: activeSd * root,
      informationRatio: activeSd > 0 ? (this.meanActive / activeSd) * root : null,
    };
  }
}
