import type { CheckSeverity } from '../../../libs/contracts/src/index.js';
import type { DatedFinding, SeriesFindings } from '../metrics/clean-series.js';
import { breach, consequence, formatNumber, type CheckResult } from './check-result.js';

/**
 * Data hygiene of a candidate's return series: every problem is a check of its own, passed or not, so a
 * dirty series is never evaluated without the verdict saying so.
 */
export function checkHygiene(findings: SeriesFindings, options: { maxGapDays: number; gapSeverity: CheckSeverity; hasPeriod: boolean }): CheckResult[] {
  const checks = [
    datedCheck('duplicate dates', findings.duplicateDates, 'point(s) repeat an earlier date (only the first of each date was evaluated)'),
    datedCheck('missing or invalid values', findings.invalidValues, 'point(s) are missing, not finite or below -100% (they were left out)'),
  ];
  if (options.hasPeriod) {
    checks.push(datedCheck('dates outside the scenario period', findings.outsidePeriod, 'point(s) fall outside the scenario period (they were left out)'));
  }
  const { gaps } = findings;
  const gapBase = hygiene('gaps in the history', options.gapSeverity, gaps.count, 0);
  checks.push(
    gaps.count === 0
      ? { ...gapBase, outcome: 'PASS', message: `No two consecutive dates are more than ${options.maxGapDays} calendar days apart.` }
      : {
          ...gapBase,
          outcome: breach(options.gapSeverity),
          message:
            `${gaps.count} gap(s) longer than ${options.maxGapDays} calendar days, the longest ${gaps.largestDays} days ` +
            `(${gaps.examples.map((g) => `${g.from} → ${g.to}`).join(', ')}); ${consequence(options.gapSeverity)}.`,
        },
  );
  return checks;
}

/** Backtest metrics supplied as numbers must be finite: NaN or infinity means the backtest is broken. */
export function checkSuppliedMetrics(metrics: Record<string, number>): CheckResult {
  const bad = Object.entries(metrics)
    .filter(([, value]) => !Number.isFinite(value))
    .map(([key]) => key);
  const base = hygiene('non-finite metrics', 'FAIL', bad.length, 0);
  return bad.length === 0
    ? { ...base, outcome: 'PASS', message: 'Every supplied metric is a finite number.' }
    : { ...base, outcome: 'FAIL', message: `Supplied metric(s) ${bad.join(', ')} are not finite numbers; ${consequence('FAIL')}.` };
}

/** Enough history to judge: at least the scenario's minimum number of observations. */
export function checkMinimumHistory(observed: number | null, rule: { observations: number; severity: CheckSeverity }): CheckResult {
  const base = {
    kind: 'MIN_HISTORY' as const,
    name: `observations >= ${rule.observations}`,
    window: null,
    metric: 'observations',
    severity: rule.severity,
    comparator: '>=',
    limit: rule.observations,
    observed,
  };
  if (observed === null) {
    return { ...base, outcome: breach(rule.severity), message: `The history length cannot be verified: the candidate supplies neither returns nor an observations metric; ${consequence(rule.severity)}.` };
  }
  if (observed >= rule.observations) {
    return { ...base, outcome: 'PASS', message: `The candidate has ${observed} usable observations, at least the minimum of ${rule.observations}.` };
  }
  return { ...base, outcome: breach(rule.severity), message: `The candidate has ${observed} usable observations, fewer than the minimum of ${rule.observations}; ${consequence(rule.severity)}.` };
}

function datedCheck(name: string, finding: DatedFinding, what: string): CheckResult {
  const base = hygiene(name, 'FAIL', finding.count, 0);
  if (finding.count === 0) return { ...base, outcome: 'PASS', message: `No ${name}.` };
  return { ...base, outcome: 'FAIL', message: `${formatNumber(finding.count)} ${what}, first at ${finding.examples.join(', ')}; ${consequence('FAIL')}.` };
}

function hygiene(name: string, severity: CheckSeverity, observed: number, limit: number): Omit<CheckResult, 'outcome' | 'message'> {
  return { kind: 'DATA_HYGIENE', name, window: null, metric: null, severity, observed, limit, comparator: '<=' };
}
