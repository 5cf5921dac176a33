import type { CheckSeverity, ReturnFrequency } from '../../../libs/contracts/src/index.js';
import type { ActorRef } from '../../common/auth/principal.js';

/** A clean return series as stored: dates strictly increasing, values finite and ≥ -1. */
export interface StoredSeries {
  dates: string[];
  values: number[];
}

/** What lists and responses show of a stored series instead of its points. */
export interface SeriesSummary {
  count: number;
  firstDate: string | null;
  lastDate: string | null;
}

export function summarizeSeries(series: StoredSeries | SeriesSummary): SeriesSummary {
  if ('count' in series) return { count: series.count, firstDate: series.firstDate, lastDate: series.lastDate };
  return { count: series.dates.length, firstDate: series.dates[0] ?? null, lastDate: series.dates.at(-1) ?? null };
}

export type Comparator = '>=' | '<=' | '>' | '<';
export const COMPARATORS: readonly Comparator[] = ['>=', '<=', '>', '<'];

/**
 * A limit on one metric: either absolute (`value`) or relative to the baseline's value of the same
 * metric (`baseline`: limit = baseline × factor + offset).
 */
export interface MetricThreshold {
  metric: string;
  comparator: Comparator;
  value: number | null;
  baseline: { factor: number; offset: number } | null;
  severity: CheckSeverity;
}

/** A named date window (a crash, a rate shock) with thresholds that apply to the metrics inside it. */
export interface StressEvent {
  name: string;
  start: string;
  end: string;
  description: string;
  thresholds: MetricThreshold[];
}

export interface ScenarioBaseline<S = StoredSeries> {
  label: string;
  metrics: Record<string, number> | null;
  returns: S | null;
}

export interface ScenarioBenchmark<S = StoredSeries> {
  label: string;
  returns: S;
}

export interface ComplianceRules {
  minHistory: { observations: number; severity: CheckSeverity } | null;
  /** Null means the default for the scenario's frequency. */
  maxGapDays: number | null;
  gapSeverity: CheckSeverity;
  explainability: { required: boolean; maxFeatureShare: number | null; severity: CheckSeverity } | null;
}

/**
 * Everything a run is judged against; each change of it is a new revision. `S` is the stored series, or
 * its summary where the points are not needed.
 */
export interface ScenarioDefinition<S = StoredSeries> {
  name: string;
  description: string;
  modelName: string | null;
  frequency: ReturnFrequency;
  /** Annual rate; null means the configured default at the time of the run (recorded on the run). */
  riskFreeRate: number | null;
  /** Candidate dates must fall inside it; defaults to the baseline's dates when the baseline has returns. */
  period: { start: string; end: string } | null;
  baseline: ScenarioBaseline<S>;
  benchmark: ScenarioBenchmark<S> | null;
  stressEvents: StressEvent[];
  thresholds: MetricThreshold[];
  compliance: ComplianceRules;
}

export interface Scenario<S = StoredSeries> extends ScenarioDefinition<S> {
  id: string;
  revision: number;
  /** Null only on scenarios stored before changes were made by authenticated principals. */
  createdBy: ActorRef | null;
  updatedBy: ActorRef | null;
  createdAt: Date;
  updatedAt: Date;
}

/** One immutable revision of a scenario, as a run was judged against it. */
export interface ScenarioRevision<S = StoredSeries> extends ScenarioDefinition<S> {
  scenarioId: string;
  revision: number;
  /** Who made the change that created this revision. */
  createdBy: ActorRef | null;
  createdAt: Date;
}

export interface ScenarioFilter {
  modelName?: string;
  namePrefix?: string;
}

export const SCENARIO_DEFINITION_FIELDS = [
  'name',
  'description',
  'modelName',
  'frequency',
  'riskFreeRate',
  'period',
  'baseline',
  'benchmark',
  'stressEvents',
  'thresholds',
  'compliance',
] as const satisfies readonly (keyof ScenarioDefinition)[];
