import type { CheckOutcome, CheckSeverity, ComplianceStatus } from '../../../libs/contracts/src/index.js';

export const CHECK_KINDS = ['THRESHOLD', 'STRESS_THRESHOLD', 'MIN_HISTORY', 'DATA_HYGIENE', 'EXPLAINABILITY'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

/** One compliance check as a risk committee reads it: what was checked, the verdict, the numbers, why. */
export interface CheckResult {
  kind: CheckKind;
  /** Short, stable label, for example `sharpe >= baseline - 0.1` or `duplicate dates`. */
  name: string;
  /** The stress window the check applies to, if any. */
  window: string | null;
  metric: string | null;
  outcome: CheckOutcome;
  severity: CheckSeverity;
  observed: number | null;
  limit: number | null;
  comparator: string | null;
  message: string;
}

/** FAILED if any check failed, PASSED_WITH_WARNINGS if any warned, PASSED otherwise. */
export function complianceStatusOf(checks: readonly CheckResult[]): ComplianceStatus {
  if (checks.some((c) => c.outcome === 'FAIL')) return 'FAILED';
  if (checks.some((c) => c.outcome === 'WARN')) return 'PASSED_WITH_WARNINGS';
  return 'PASSED';
}

/** The outcome of a breached check of the given severity. */
export function breach(severity: CheckSeverity): CheckOutcome {
  return severity === 'FAIL' ? 'FAIL' : 'WARN';
}

/** Numbers in messages: six significant digits, no float noise. */
export function formatNumber(value: number): string {
  return String(Number(value.toPrecision(6)));
}

export function consequence(severity: CheckSeverity): string {
  return severity === 'FAIL' ? 'a breach fails the run' : 'a breach only warns';
}
