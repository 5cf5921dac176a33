import { describe, expect, it } from '@jest/globals';

import { bandsAreOrdered, bandsFromThreshold, deriveSeverity, severityAtLeast } from './drift-severity.js';

describe('deriveSeverity', () => {
  const psiBands = bandsFromThreshold(0.1, 'HIGHER_IS_WORSE');

  it('derives bands at 1x, 2x and 3x the threshold when higher values are worse', () => {
    expect(psiBands).toEqual({ medium: 0.1, high: 0.2, critical: 0.3 });
  });

  it.each([
    [0.05, 'LOW'],
    [0.1, 'MEDIUM'],
    [0.19, 'MEDIUM'],
    [0.2, 'HIGH'],
    [0.29, 'HIGH'],
    [0.31, 'CRITICAL'],
    [4.2, 'CRITICAL'],
  ])('grades PSI %s as %s', (value, expected) => {
    expect(deriveSeverity(value, psiBands, 'HIGHER_IS_WORSE')).toBe(expected);
  });

  it('grades a statistic where lower values are worse (a p-value) against divided thresholds', () => {
    const bands = bandsFromThreshold(0.05, 'LOWER_IS_WORSE');
    expect(bands.medium).toBeCloseTo(0.05);
    expect(bands.high).toBeCloseTo(0.025);
    expect(deriveSeverity(0.2, bands, 'LOWER_IS_WORSE')).toBe('LOW');
    expect(deriveSeverity(0.04, bands, 'LOWER_IS_WORSE')).toBe('MEDIUM');
    expect(deriveSeverity(0.02, bands, 'LOWER_IS_WORSE')).toBe('HIGH');
    expect(deriveSeverity(0.001, bands, 'LOWER_IS_WORSE')).toBe('CRITICAL');
  });

  it('uses explicit bands as given', () => {
    const bands = { medium: 0.5, high: 0.6, critical: 0.9 };
    expect(deriveSeverity(0.55, bands, 'HIGHER_IS_WORSE')).toBe('MEDIUM');
    expect(deriveSeverity(0.9, bands, 'HIGHER_IS_WORSE')).toBe('CRITICAL');
  });
});

describe('bandsAreOrdered', () => {
  it('accepts bands that tighten towards worse drift and rejects the rest', () => {
    expect(bandsAreOrdered({ medium: 1, high: 2, critical: 3 }, 'HIGHER_IS_WORSE')).toBe(true);
    expect(bandsAreOrdered({ medium: 1, high: 3, critical: 2 }, 'HIGHER_IS_WORSE')).toBe(false);
    expect(bandsAreOrdered({ medium: 0.05, high: 0.01, critical: 0.001 }, 'LOWER_IS_WORSE')).toBe(true);
    expect(bandsAreOrdered({ medium: 0.01, high: 0.05, critical: 0.001 }, 'LOWER_IS_WORSE')).toBe(false);
  });
});

describe('severityAtLeast', () => {
  it('orders severities LOW < MEDIUM < HIGH < CRITICAL', () => {
    expect(severityAtLeast('HIGH', 'MEDIUM')).toBe(true);
    expect(severityAtLeast('MEDIUM', 'MEDIUM')).toBe(true);
    expect(severityAtLeast('LOW', 'MEDIUM')).toBe(false);
    expect(severityAtLeast('CRITICAL', 'HIGH')).toBe(true);
  });
});
