import type { CheckSeverity, ReturnFrequency } from '../../../libs/contracts/src/index.js';

/** A clean return series as stored: dates strictly increasing, values finite and ≥ -1. */
export interface StoredSeries {
  dates: string[];
  values: number[];
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

export interface ScenarioBaseline {
  label: string;
  metrics: Record<string, number> | null;
  returns: StoredSeries | null;
}

export interface ScenarioBenchmark {
  label: string;
  returns: StoredSeries;
}

export interface ComplianceRules {
  minHistory: { observations: number; severity: CheckSeverity } | null;
  /** Null means the default for the scenario's frequency. */
  maxGapDays: number | null;
  gapSeverity: CheckSeverity;
  explainability: { required: boolean; maxFeatureShare: number | null; severity: CheckSeverity } | null;
}

/** Everything a run is judged against; each change of it is a new revision. */
export interface ScenarioDefinition {
  name: string;
  description: string;
  modelName: string | null;
  frequency: ReturnFrequency;
  /** Annual rate; null means the configured default at the time of the run (recorded on the run). */
  riskFreeRate: number | null;
  /** Candidate dates must fall inside it; defaults to the baseline's dates when the baseline has returns. */
  period: { start: string; end: string } | null;
  baseline: ScenarioBaseline;
  benchmark: ScenarioBenchmark | null;
  stressEvents: StressEvent[];
  thresholds: MetricThreshold[];
  compliance: ComplianceRules;
}

export interface Scenario extends ScenarioDefinition {
  id: string;
  revision: number;
  createdBy: string | null;
  updatedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** One immutable revision of a scenario, as a run was judged against it. */
export interface ScenarioRevision extends ScenarioDefinition {
  scenarioId: string;
  revision: number;
  createdBy: string | null;
  createdAt: Date;
}

export interface ScenarioFilter {
  modelName?: string;
  namePrefix?: string;
}

/** The fields a PATCH may replace; each replaces the whole field. */
export type ScenarioChanges = Partial<ScenarioDefinition>;

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
