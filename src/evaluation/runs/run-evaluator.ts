import type { ReturnFrequency } from '../../../libs/contracts/src/index.js';
import type { CheckResult } from '../compliance/check-result.js';
import { checkHygiene, checkMinimumHistory, checkSuppliedMetrics } from '../compliance/history-checks.js';
import { checkThresholds } from '../compliance/threshold-checks.js';
import { cleanSeries, type RawSeries, type SeriesFindings } from '../metrics/clean-series.js';
import { compareMetrics, type MetricComparison } from '../metrics/compare-metrics.js';
import type { MetricValues } from '../metrics/metric-keys.js';
import { PERIODS_PER_YEAR, type ReturnSeries } from '../metrics/return-series.js';
import { computeSeriesMetrics, VAR_CONFIDENCE, type DrawdownPeriod, type MetricOptions } from '../metrics/series-metrics.js';
import { testSharpeDifference, type SharpeDifferenceTest } from '../metrics/sharpe-significance.js';
import type { ScenarioDefinition, StoredSeries } from '../scenarios/scenario.js';

/** Calendar days between consecutive dates beyond which the history has a gap, unless the scenario says otherwise. */
export const DEFAULT_MAX_GAP_DAYS: Record<ReturnFrequency, number> = { DAILY: 7, WEEKLY: 14, MONTHLY: 35 };

export interface CandidateInput {
  metrics: Record<string, number> | null;
  returns: RawSeries | null;
}

export interface EvaluationSettings {
  riskFreeRate: number;
  significanceLevel: number;
}

export interface Conventions {
  frequency: ReturnFrequency;
  periodsPerYear: number;
  riskFreeRate: number;
  varConfidence: number;
  significanceLevel: number;
  period: { start: string; end: string } | null;
  maxGapDays: number;
}

export interface SideMetrics {
  /** Whether the metrics were computed from returns or supplied as numbers. */
  source: 'RETURNS' | 'SUPPLIED';
  metrics: MetricValues;
  firstDate: string | null;
  lastDate: string | null;
  drawdown: DrawdownPeriod | null;
  benchmarkObservations: number;
}

export interface StressWindowResult {
  name: string;
  start: string;
  end: string;
  description: string;
  candidate: SideMetrics | null;
  baseline: SideMetrics | null;
  comparison: MetricComparison[];
}

export interface EvaluationOutcome {
  conventions: Conventions;
  candidate: SideMetrics;
  baseline: SideMetrics;
  hygiene: SeriesFindings | null;
  comparison: MetricComparison[];
  significance: SharpeDifferenceTest | null;
  /** Why there is no significance test, when there is none. */
  significanceNote: string | null;
  stressWindows: StressWindowResult[];
  /** Every check except explainability, which depends on artifacts attached later. */
  checks: CheckResult[];
}

/**
 * Judges a candidate against one scenario revision: metrics, baseline comparison, Sharpe significance,
 * stress windows and every metric-based compliance check. Pure: the same input gives the same outcome,
 * which is what lets a retried job overwrite a half-finished one.
 */
export function evaluateCandidate(scenario: ScenarioDefinition, candidate: CandidateInput, settings: EvaluationSettings): EvaluationOutcome {
  const periodsPerYear = PERIODS_PER_YEAR[scenario.frequency];
  const baselineReturns = scenario.baseline.returns;
  const period = scenario.period ?? (baselineReturns && baselineReturns.dates.length > 0 ? { start: baselineReturns.dates[0], end: baselineReturns.dates.at(-1) as string } : null);
  const maxGapDays = scenario.compliance.maxGapDays ?? DEFAULT_MAX_GAP_DAYS[scenario.frequency];
  const conventions: Conventions = {
    frequency: scenario.frequency,
    periodsPerYear,
    riskFreeRate: settings.riskFreeRate,
    varConfidence: VAR_CONFIDENCE,
    significanceLevel: settings.significanceLevel,
    period,
    maxGapDays,
  };
  const options: MetricOptions = { periodsPerYear, riskFreeRate: settings.riskFreeRate, benchmark: scenario.benchmark?.returns ?? null };

  const cleaned = candidate.returns ? cleanSeries(candidate.returns, { maxGapDays, period }) : null;
  const candidateSeries = cleaned?.series ?? null;
  const candidateSide = side(candidateSeries, candidate.metrics, options);
  const baselineSide = side(baselineReturns, scenario.baseline.metrics, { ...options, from: period?.start, to: period?.end });

  const checks: CheckResult[] = [];
  if (cleaned) checks.push(...checkHygiene(cleaned.findings, { maxGapDays, gapSeverity: scenario.compliance.gapSeverity, hasPeriod: period !== null }));
  if (candidate.metrics) checks.push(checkSuppliedMetrics(candidate.metrics));
  if (scenario.compliance.minHistory) {
    const observations = candidateSide.metrics.observations;
    checks.push(checkMinimumHistory(typeof observations === 'number' && Number.isFinite(observations) ? observations : null, scenario.compliance.minHistory));
  }
  checks.push(...checkThresholds(scenario.thresholds, { kind: 'THRESHOLD', window: null, candidate: candidateSide.metrics, baseline: baselineSide.metrics }));

  const stressWindows = scenario.stressEvents.map((event): StressWindowResult => {
    const windowOptions = { ...options, from: event.start, to: event.end };
    const c = candidateSeries ? side(candidateSeries, null, windowOptions) : null;
    const b = baselineReturns ? side(baselineReturns, null, windowOptions) : null;
    const missing = !c
      ? 'the candidate supplies metrics only, and stress windows need its returns'
      : c.metrics.observations === 0
        ? `the candidate has no returns between ${event.start} and ${event.end}`
        : undefined;
    checks.push(
      ...checkThresholds(event.thresholds, {
        kind: 'STRESS_THRESHOLD',
        window: event.name,
        candidate: c?.metrics ?? null,
        baseline: b?.metrics ?? null,
        candidateMissingReason: missing,
      }),
    );
    return { name: event.name, start: event.start, end: event.end, description: event.description, candidate: c, baseline: b, comparison: c && b ? compareMetrics(c.metrics, b.metrics) : [] };
  });

  const significance =
    candidateSeries && baselineReturns
      ? testSharpeDifference(candidateSeries, baselineReturns, { periodsPerYear, riskFreeRate: settings.riskFreeRate, significanceLevel: settings.significanceLevel })
      : { result: null, reason: 'the test needs return series for both the candidate and the baseline' };

  return {
    conventions,
    candidate: candidateSide,
    baseline: baselineSide,
    hygiene: cleaned?.findings ?? null,
    comparison: compareMetrics(candidateSide.metrics, baselineSide.metrics),
    significance: significance.result,
    significanceNote: significance.reason,
    stressWindows,
    checks,
  };
}

/** Metrics computed from returns when there are returns, with any supplied metric the harness does not compute. */
function side(returns: ReturnSeries | StoredSeries | null, supplied: Record<string, number> | null, options: MetricOptions): SideMetrics {
  if (!returns) {
    return { source: 'SUPPLIED', metrics: { ...(supplied ?? {}) }, firstDate: null, lastDate: null, drawdown: null, benchmarkObservations: 0 };
  }
  const computed = computeSeriesMetrics(returns, options);
  return {
    source: 'RETURNS',
    metrics: { ...(supplied ?? {}), ...computed.values },
    firstDate: computed.firstDate,
    lastDate: computed.lastDate,
    drawdown: computed.drawdown,
    benchmarkObservations: computed.benchmarkObservations,
  };
}
