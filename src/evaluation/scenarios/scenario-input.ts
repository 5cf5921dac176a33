import type { CheckSeverity, ReturnFrequency } from '../../../libs/contracts/src/index.js';
import { InvalidInputError, type FieldError } from '../../common/errors/domain.errors.js';
import { cleanSeries } from '../metrics/clean-series.js';
import { isStandardMetric } from '../metrics/metric-keys.js';
import type { ReturnPoint } from '../metrics/return-series.js';
import type { Comparator, ComplianceRules, MetricThreshold, ScenarioDefinition, StoredSeries, StressEvent } from './scenario.js';

export interface ThresholdInput {
  metric: string;
  comparator: Comparator;
  value?: number;
  baseline?: { factor?: number; offset?: number };
  severity?: CheckSeverity;
}

export interface StressEventInput {
  name: string;
  start: string;
  end: string;
  description?: string;
  thresholds?: ThresholdInput[];
}

export interface ComplianceInput {
  minHistory?: { observations: number; severity?: CheckSeverity };
  maxGapDays?: number;
  gapSeverity?: CheckSeverity;
  explainability?: { required?: boolean; maxFeatureShare?: number; severity?: CheckSeverity };
}

/** A scenario as a caller writes it: series as dated points, optional parts left out. */
export interface ScenarioInput {
  name: string;
  description?: string;
  modelName?: string | null;
  frequency?: ReturnFrequency;
  riskFreeRate?: number | null;
  period?: { start: string; end: string } | null;
  baseline: { label?: string; metrics?: Record<string, number>; returns?: ReturnPoint[] };
  benchmark?: { label?: string; returns: ReturnPoint[] } | null;
  stressEvents?: StressEventInput[];
  thresholds?: ThresholdInput[];
  compliance?: ComplianceInput;
}

const NULLABLE = new Set(['modelName', 'riskFreeRate', 'period', 'benchmark']);

/** A new scenario's definition, with every default applied and every cross-field rule checked. */
export function definitionFromInput(input: ScenarioInput, maxPoints: number): ScenarioDefinition {
  const definition: ScenarioDefinition = {
    name: input.name,
    description: input.description ?? '',
    modelName: input.modelName ?? null,
    frequency: input.frequency ?? 'DAILY',
    riskFreeRate: input.riskFreeRate ?? null,
    period: input.period ?? null,
    baseline: baselineFrom(input.baseline, maxPoints),
    benchmark: input.benchmark ? { label: input.benchmark.label ?? 'benchmark', returns: storedSeries(input.benchmark.returns, 'benchmark.returns', maxPoints) } : null,
    stressEvents: (input.stressEvents ?? []).map(stressEventFrom),
    thresholds: (input.thresholds ?? []).map(thresholdFrom),
    compliance: complianceFrom(input.compliance),
  };
  assertConsistent(definition);
  return definition;
}

/**
 * The definition after a change: each field given replaces the whole field; null clears the nullable
 * fields (model, risk-free rate, period, benchmark) and is refused for the others.
 */
export function applyChanges(current: ScenarioDefinition, changes: Partial<ScenarioInput>, maxPoints: number): ScenarioDefinition {
  const errors: FieldError[] = [];
  for (const [field, value] of Object.entries(changes)) {
    if (value === null && !NULLABLE.has(field)) errors.push({ field, message: `${field} cannot be cleared; give a new value or leave it out` });
  }
  if (errors.length > 0) throw new InvalidInputError(errors[0].message, errors);
  const next: ScenarioDefinition = { ...current };
  if (changes.name !== undefined) next.name = changes.name;
  if (changes.description !== undefined) next.description = changes.description;
  if (changes.modelName !== undefined) next.modelName = changes.modelName;
  if (changes.frequency !== undefined) next.frequency = changes.frequency;
  if (changes.riskFreeRate !== undefined) next.riskFreeRate = changes.riskFreeRate;
  if (changes.period !== undefined) next.period = changes.period;
  if (changes.baseline !== undefined) next.baseline = baselineFrom(changes.baseline, maxPoints);
  if (changes.benchmark !== undefined) {
    next.benchmark = changes.benchmark && { label: changes.benchmark.label ?? 'benchmark', returns: storedSeries(changes.benchmark.returns, 'benchmark.returns', maxPoints) };
  }
  if (changes.stressEvents !== undefined) next.stressEvents = changes.stressEvents.map(stressEventFrom);
  if (changes.thresholds !== undefined) next.thresholds = changes.thresholds.map(thresholdFrom);
  if (changes.compliance !== undefined) next.compliance = complianceFrom(changes.compliance);
  assertConsistent(next);
  return next;
}

/**
 * A reference series must be clean: sorted here, but a repeated date or a missing, infinite or impossible
 * value is refused with the dates named, since every candidate will be judged against it.
 */
export function storedSeries(points: ReturnPoint[], field: string, maxPoints: number): StoredSeries {
  if (points.length > maxPoints) {
    throw new InvalidInputError(`${field} has ${points.length} points; at most ${maxPoints} are accepted`, [{ field, message: `${field} must have at most ${maxPoints} points` }]);
  }
  const { series, findings } = cleanSeries({ dates: points.map((p) => p.date), values: points.map((p) => p.value) }, { maxGapDays: Infinity });
  const errors: FieldError[] = [];
  if (findings.duplicateDates.count > 0) errors.push({ field, message: `${field} repeats the date(s) ${findings.duplicateDates.examples.join(', ')}` });
  if (findings.invalidValues.count > 0) {
    errors.push({ field, message: `${field} has missing, non-finite or below -100% values at ${findings.invalidValues.examples.join(', ')}` });
  }
  if (errors.length > 0) throw new InvalidInputError(`The ${field} series is not clean: ${errors.map((e) => e.message).join('; ')}`, errors);
  return { dates: series.dates as string[], values: Array.from(series.values) };
}

function baselineFrom(input: ScenarioInput['baseline'], maxPoints: number): ScenarioDefinition['baseline'] {
  return {
    label: input.label ?? 'baseline',
    metrics: input.metrics ?? null,
    returns: input.returns ? storedSeries(input.returns, 'baseline.returns', maxPoints) : null,
  };
}

function thresholdFrom(input: ThresholdInput): MetricThreshold {
  return {
    metric: input.metric,
    comparator: input.comparator,
    value: input.value ?? null,
    baseline: input.baseline ? { factor: input.baseline.factor ?? 1, offset: input.baseline.offset ?? 0 } : null,
    severity: input.severity ?? 'FAIL',
  };
}

function stressEventFrom(input: StressEventInput): StressEvent {
  return { name: input.name, start: input.start, end: input.end, description: input.description ?? '', thresholds: (input.thresholds ?? []).map(thresholdFrom) };
}

function complianceFrom(input: ComplianceInput | undefined): ComplianceRules {
  const explainability = input?.explainability;
  return {
    minHistory: input?.minHistory ? { observations: input.minHistory.observations, severity: input.minHistory.severity ?? 'FAIL' } : null,
    maxGapDays: input?.maxGapDays ?? null,
    gapSeverity: input?.gapSeverity ?? 'FAIL',
    explainability: explainability
      ? { required: explainability.required ?? false, maxFeatureShare: explainability.maxFeatureShare ?? null, severity: explainability.severity ?? 'FAIL' }
      : null,
  };
}

/** Rules that span fields, checked on the whole definition after defaults and changes. */
export function assertConsistent(definition: ScenarioDefinition): void {
  const errors: FieldError[] = [];
  const { baseline, period } = definition;
  const hasMetrics = baseline.metrics !== null && Object.keys(baseline.metrics).length > 0;
  if (!hasMetrics && !baseline.returns) errors.push({ field: 'baseline', message: 'baseline needs its backtest metrics, its returns, or both' });
  if (baseline.returns && baseline.returns.dates.length === 0) errors.push({ field: 'baseline.returns', message: 'baseline.returns must not be empty' });
  if (definition.benchmark && definition.benchmark.returns.dates.length === 0) errors.push({ field: 'benchmark.returns', message: 'benchmark.returns must not be empty' });
  if (baseline.metrics && baseline.returns) {
    const computed = Object.keys(baseline.metrics).filter(isStandardMetric);
    if (computed.length > 0) {
      errors.push({ field: 'baseline.metrics', message: `baseline.metrics repeats ${computed.join(', ')}, which the harness computes from baseline.returns; leave them out` });
    }
  }
  if (period && period.start > period.end) errors.push({ field: 'period', message: `period.start (${period.start}) is after period.end (${period.end})` });

  const names = new Set<string>();
  definition.stressEvents.forEach((event, i) => {
    const field = `stressEvents[${i}]`;
    if (names.has(event.name)) errors.push({ field: `${field}.name`, message: `stress event name '${event.name}' is used twice` });
    names.add(event.name);
    if (event.start > event.end) errors.push({ field, message: `stress event '${event.name}' starts (${event.start}) after it ends (${event.end})` });
    event.thresholds.forEach((t, j) => {
      checkThresholdShape(t, `${field}.thresholds[${j}]`, errors);
      if (t.baseline && !baseline.returns) {
        errors.push({ field: `${field}.thresholds[${j}]`, message: `a threshold relative to the baseline inside '${event.name}' needs baseline.returns` });
      }
    });
  });
  definition.thresholds.forEach((t, i) => {
    const field = `thresholds[${i}]`;
    checkThresholdShape(t, field, errors);
    if (t.baseline && !baseline.returns && !(baseline.metrics && t.metric in baseline.metrics)) {
      errors.push({ field, message: `${field} is relative to the baseline's ${t.metric}, which the baseline neither supplies nor can compute without returns` });
    }
  });
  if (errors.length > 0) throw new InvalidInputError(`The scenario is inconsistent: ${errors.map((e) => e.message).join('; ')}`, errors);
}

function checkThresholdShape(threshold: MetricThreshold, field: string, errors: FieldError[]): void {
  if ((threshold.value === null) === (threshold.baseline === null)) {
    errors.push({ field, message: `${field} needs exactly one of value (an absolute limit) or baseline (a limit relative to the baseline)` });
  }
}
