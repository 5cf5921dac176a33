import type { DriftSeverity, DriftStatistic } from '../../../libs/contracts/src/index.js';

export type DriftDirection = 'HIGHER_IS_WORSE' | 'LOWER_IS_WORSE';

export interface SeverityBands {
  medium: number;
  high: number;
  critical: number;
}

/**
 * Conventional alert thresholds where the statistic has one (PSI 0.1 is the usual "investigate" line,
 * KS D and JS divergence likewise); Wasserstein and custom statistics are scale-dependent and need one.
 */
export const DEFAULT_THRESHOLDS: Partial<Record<DriftStatistic, number>> = { PSI: 0.1, KS: 0.1, JS_DIVERGENCE: 0.1 };

/** Multiples of the threshold at which an observation becomes MEDIUM, HIGH and CRITICAL. */
export const BAND_MULTIPLES: SeverityBands = { medium: 1, high: 2, critical: 3 };

/** Severity bands derived from a single threshold, for either direction of the statistic. */
export function bandsFromThreshold(threshold: number, direction: DriftDirection): SeverityBands {
  const at = (multiple: number) => clean(direction === 'HIGHER_IS_WORSE' ? threshold * multiple : threshold / multiple);
  return { medium: at(BAND_MULTIPLES.medium), high: at(BAND_MULTIPLES.high), critical: at(BAND_MULTIPLES.critical) };
}

/** Drops binary floating-point noise (0.1 × 3 = 0.30000000000000004) from derived lines shown to people. */
function clean(value: number): number {
  return Number(value.toPrecision(12));
}

/** The highest band the value reaches; below the MEDIUM line the drift is LOW. */
export function deriveSeverity(value: number, bands: SeverityBands, direction: DriftDirection): DriftSeverity {
  const reaches = (line: number) => (direction === 'HIGHER_IS_WORSE' ? value >= line : value <= line);
  if (reaches(bands.critical)) return 'CRITICAL';
  if (reaches(bands.high)) return 'HIGH';
  if (reaches(bands.medium)) return 'MEDIUM';
  return 'LOW';
}

/** Bands must tighten monotonically in the direction of worse drift. */
export function bandsAreOrdered(bands: SeverityBands, direction: DriftDirection): boolean {
  return direction === 'HIGHER_IS_WORSE'
    ? bands.medium <= bands.high && bands.high <= bands.critical
    : bands.medium >= bands.high && bands.high >= bands.critical;
}

const SEVERITY_ORDER: readonly DriftSeverity[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

export function severityAtLeast(severity: DriftSeverity, minimum: DriftSeverity): boolean {
  return SEVERITY_ORDER.indexOf(severity) >= SEVERITY_ORDER.indexOf(minimum);
}
