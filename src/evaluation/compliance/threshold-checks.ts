import type { MetricValues } from '../metrics/metric-keys.js';
import { isFiniteNumber } from '../metrics/compare-metrics.js';
import type { Comparator, MetricThreshold } from '../scenarios/scenario.js';
import { breach, consequence, formatNumber, type CheckKind, type CheckResult } from './check-result.js';

const HOLDS: Record<Comparator, (observed: number, limit: number) => boolean> = {
  '>=': (o, l) => o >= l,
  '<=': (o, l) => o <= l,
  '>': (o, l) => o > l,
  '<': (o, l) => o < l,
};

const WORDS: Record<Comparator, [string, string]> = {
  '>=': ['at least', 'below'],
  '<=': ['at most', 'above'],
  '>': ['above', 'not above'],
  '<': ['below', 'not below'],
};

export interface ThresholdContext {
  kind: CheckKind;
  /** The stress window's name, or null for the whole history. */
  window: string | null;
  candidate: MetricValues | null;
  baseline: MetricValues | null;
  /** Why the candidate has no values here, when it has none (for example no returns in the window). */
  candidateMissingReason?: string;
}

/** Checks each threshold against the candidate's value, resolving relative limits on the baseline's value. */
export function checkThresholds(thresholds: readonly MetricThreshold[], context: ThresholdContext): CheckResult[] {
  return thresholds.map((threshold) => checkThreshold(threshold, context));
}

function checkThreshold(threshold: MetricThreshold, context: ThresholdContext): CheckResult {
  const { metric, comparator, severity } = threshold;
  const name = thresholdName(threshold);
  const where = context.window ? ` in '${context.window}'` : '';
  const base = { kind: context.kind, name, window: context.window, metric, severity, comparator };
  const unverifiable = (reason: string, limit: number | null): CheckResult => ({
    ...base,
    outcome: breach(severity),
    observed: null,
    limit,
    message: `${metric}${where} cannot be verified: ${reason}; an unverifiable check counts as a breach (${consequence(severity)}).`,
  });

  let limit: number;
  let limitText: string;
  if (threshold.baseline) {
    const reference = context.baseline?.[metric];
    if (!isFiniteNumber(reference)) return unverifiable(`the baseline has no ${metric}${where}`, null);
    const { factor, offset } = threshold.baseline;
    limit = reference * factor + offset;
    limitText = `${formatNumber(limit)} (baseline ${formatNumber(reference)}${relativeSuffix(factor, offset)})`;
  } else {
    limit = threshold.value as number;
    limitText = formatNumber(limit);
  }

  const observed = context.candidate?.[metric];
  if (!isFiniteNumber(observed)) return unverifiable(context.candidateMissingReason ?? `the candidate has no ${metric}${where}`, limit);

  const [pass, fail] = WORDS[comparator];
  if (HOLDS[comparator](observed, limit)) {
    return { ...base, outcome: 'PASS', observed, limit, message: `${metric}${where} is ${formatNumber(observed)}, ${pass} the limit of ${limitText}.` };
  }
  return {
    ...base,
    outcome: breach(severity),
    observed,
    limit,
    message: `${metric}${where} is ${formatNumber(observed)}, ${fail} the limit of ${limitText}; ${consequence(severity)}.`,
  };
}

/** `sharpe >= 0.5`, `sharpe >= baseline - 0.1`, `maxDrawdown <= 1.2 × baseline`. */
export function thresholdName(threshold: MetricThreshold): string {
  const right = threshold.baseline
    ? `${threshold.baseline.factor === 1 ? '' : `${formatNumber(threshold.baseline.factor)} × `}baseline${offsetText(threshold.baseline.offset)}`
    : formatNumber(threshold.value as number);
  return `${threshold.metric} ${threshold.comparator} ${right}`;
}

function relativeSuffix(factor: number, offset: number): string {
  return `${factor === 1 ? '' : ` × ${formatNumber(factor)}`}${offsetText(offset)}`;
}

function offsetText(offset: number): string {
  if (offset === 0) return '';
  return offset > 0 ? ` + ${formatNumber(offset)}` : ` - ${formatNumber(-offset)}`;
}
