import { describe, expect, it } from '@jest/globals';

import { formatMetricValue, parseMetricValue } from './metric-value.js';

describe(parseMetricValue.name, () => {
  const sut = parseMetricValue;

  it('accepts finite numbers as they are', () => {
    expect(sut(1.5)).toBe(1.5);
    expect(sut(-0.25)).toBe(-0.25);
    expect(sut(0)).toBe(0);
  });

  it('reads the three non-finite spellings as the doubles they name', () => {
    expect(sut('NaN')).toBeNaN();
    expect(sut('Infinity')).toBe(Number.POSITIVE_INFINITY);
    expect(sut('-Infinity')).toBe(Number.NEGATIVE_INFINITY);
  });

  it('refuses a number that overflowed while parsing JSON, so Infinity is always deliberate', () => {
    expect(sut(JSON.parse('1e999'))).toBeUndefined();
  });

  it.each([['nan'], ['inf'], ['+Infinity'], ['1.5'], [''], [null], [true], [{}]])('refuses %p', (raw) => {
    expect(sut(raw)).toBeUndefined();
  });
});

describe(formatMetricValue.name, () => {
  const sut = formatMetricValue;

  it('writes finite numbers as numbers and non-finite ones as their strings', () => {
    expect(sut(2.5)).toBe(2.5);
    expect(sut(Number.NaN)).toBe('NaN');
    expect(sut(Number.POSITIVE_INFINITY)).toBe('Infinity');
    expect(sut(Number.NEGATIVE_INFINITY)).toBe('-Infinity');
  });

  it('round-trips every spelling through parse', () => {
    for (const raw of ['NaN', 'Infinity', '-Infinity', 3, -7.25]) expect(sut(parseMetricValue(raw)!)).toBe(raw);
  });
});
