import type { CheckSeverity, ReturnFrequency } from '../../../libs/contracts/src/index.js';
import { InconsistentInputError, InvalidInputError, type FieldError } from '../../common/errors/domain.errors.js';
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
  assertSchemaRules(input);
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
  assertSchemaRules(changes);
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
 * value is refused with the dates named, since every candidate will be judged against it. The request's
 * schema already holds every value to a finite return of at least -1; a date given twice, or more points
 * than this deployment accepts (EVALUATION_MAX_SERIES_POINTS), is a rule the schema cannot state (422).
 */
export function storedSeries(points: ReturnPoint[], field: string, maxPoints: number): StoredSeries {
  if (points.length > maxPoints) {
    throw new InconsistentInputError(`${field} has ${points.length} points; at most ${maxPoints} are accepted`, [{ field, message: `${field} must have at most ${maxPoints} points` }]);
  }
  const { series, findings } = cleanSeries({ dates: points.map((p) => p.date), values: points.map((p) => p.value) }, { maxGapDays: Infinity });
  const errors: FieldError[] = [];
  if (findings.duplicateDates.count > 0) errors.push({ field, message: `${field} repeats the date(s) ${findings.duplicateDates.examples.join(', ')}` });
  if (findings.invalidValues.count > 0) {
    errors.push({ field, message: `${field} has missing, non-finite or below -100% values at ${findings.invalidValues.examples.join(', ')}` });
  }
  if (errors.length > 0) throw new InconsistentInputError(`The ${field} series is not clean: ${errors.map((e) => e.message).join('; ')}`, errors);
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

/**
 * Rules between fields that the request's schema states (the ApiSchemaRules of the DTOs), checked on what a
 * request gives: a baseline brings metrics or returns and, with returns, leaves out the computed metrics; a
 * threshold has exactly one of value or baseline; one inside a stress event that is relative to the
 * baseline needs the baseline's returns (when the request gives both). A 400.
 */
export function assertSchemaRules(input: Partial<ScenarioInput>): void {
  const errors: FieldError[] = [];
  if (input.baseline) errors.push(...backtestErrors(input.baseline.metrics ?? null, input.baseline.returns !== undefined));
  input.stressEvents?.forEach((event, i) => {
    event.thresholds?.forEach((t, j) => {
      const field = `stressEvents[${i}].thresholds[${j}]`;
      if (!hasOneLimit(t)) errors.push(oneLimitError(field));
      if (t.baseline && input.baseline && !input.baseline.returns) errors.push(stressNeedsReturns(field, event.name));
    });
  });
  input.thresholds?.forEach((t, i) => {
    if (!hasOneLimit(t)) errors.push(oneLimitError(`thresholds[${i}]`));
  });
  if (errors.length > 0) throw new InvalidInputError(`The scenario is invalid: ${errors.map((e) => e.message).join('; ')}`, errors);
}

/**
 * Every rule that spans fields, checked on the whole definition after defaults and changes. Those the
 * schema states hold for a new scenario by now (assertSchemaRules); a change may still break them together
 * with what the scenario holds, and the others no schema can state (an order of dates, a name used twice,
 * a threshold on a metric the baseline does not serve): a 422.
 */
export function assertConsistent(definition: ScenarioDefinition): void {
  const { baseline, period } = definition;
  const errors = backtestErrors(baseline.metrics, baseline.returns !== null);
  if (period && period.start > period.end) errors.push({ field: 'period', message: `period.start (${period.start}) is after period.end (${period.end})` });

  const names = new Set<string>();
  definition.stressEvents.forEach((event, i) => {
    const field = `stressEvents[${i}]`;
    if (names.has(event.name)) errors.push({ field: `${field}.name`, message: `stress event name '${event.name}' is used twice` });
    names.add(event.name);
    if (event.start > event.end) errors.push({ field, message: `stress event '${event.name}' starts (${event.start}) after it ends (${event.end})` });
    event.thresholds.forEach((t, j) => {
      if (!hasOneLimit(t)) errors.push(oneLimitError(`${field}.thresholds[${j}]`));
      if (t.baseline && !baseline.returns) errors.push(stressNeedsReturns(`${field}.thresholds[${j}]`, event.name));
    });
  });
  definition.thresholds.forEach((t, i) => {
    const field = `thresholds[${i}]`;
    if (!hasOneLimit(t)) errors.push(oneLimitError(field));
    if (t.baseline && !baseline.returns && !(baseline.metrics && t.metric in baseline.metrics)) {
      errors.push({ field, message: `${field} is relative to the baseline's ${t.metric}, which the baseline neither supplies nor can compute without returns` });
    }
  });
  if (errors.length > 0) throw new InconsistentInputError(`The scenario is inconsistent: ${errors.map((e) => e.message).join('; ')}`, errors);
}

function backtestErrors(metrics: Record<string, number> | null, hasReturns: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const hasMetrics = metrics !== null && Object.keys(metrics).length > 0;
  if (!hasMetrics && !hasReturns) errors.push({ field: 'baseline', message: 'baseline needs its backtest metrics, its returns, or both' });
  if (metrics && hasReturns) {
    const computed = Object.keys(metrics).filter(isStandardMetric);
    if (computed.length > 0) {
      errors.push({ field: 'baseline.metrics', message: `baseline.metrics repeats ${computed.join(', ')}, which the harness computes from baseline.returns; leave them out` });
    }
  }
  return errors;
}

function hasOneLimit(threshold: { value?: number | null; baseline?: object | null }): boolean {
  return (threshold.value === undefined || threshold.value === null) !== (threshold.baseline === undefined || threshold.baseline === null);
}

function oneLimitError(field: string): FieldError {
  return { field, message: `${field} needs exactly one of value (an absolute limit) or baseline (a limit relative to the baseline)` };
}

function stressNeedsReturns(field: string, event: string): FieldError {
  return { field, message: `a threshold relative to the baseline inside '${event}' needs baseline.returns` };
}
