import { describe, expect, it } from '@jest/globals';

import { isAtOrAfter, latestPerKey } from './latest-metric.js';
import type { MetricPoint } from './metric-point.js';

const point = (key: string, value: number, step: number, ms: number): MetricPoint => ({ key, value, step, timestamp: new Date(ms) });

describe(isAtOrAfter.name, () => {
  const sut = isAtOrAfter;

  it('orders by step before timestamp', () => {
    expect(sut({ step: 2, timestamp: new Date(1) }, { step: 1, timestamp: new Date(999) })).toBe(true);
    expect(sut({ step: 1, timestamp: new Date(999) }, { step: 2, timestamp: new Date(1) })).toBe(false);
  });

  it('breaks a step tie with the later timestamp', () => {
    expect(sut({ step: 3, timestamp: new Date(20) }, { step: 3, timestamp: new Date(10) })).toBe(true);
    expect(sut({ step: 3, timestamp: new Date(10) }, { step: 3, timestamp: new Date(20) })).toBe(false);
  });

  it('counts an identical position as at or after, so the last write wins', () => {
    expect(sut({ step: 3, timestamp: new Date(10) }, { step: 3, timestamp: new Date(10) })).toBe(true);
  });
});

describe(latestPerKey.name, () => {
  const sut = latestPerKey;

  it('keeps the highest step of each key whatever the order of the batch', () => {
    const latest = sut([point('loss', 0.3, 3, 30), point('acc', 0.9, 1, 10), point('loss', 0.5, 1, 50), point('loss', 0.4, 2, 20)]);
    expect(latest).toEqual([point('loss', 0.3, 3, 30), point('acc', 0.9, 1, 10)]);
  });

  it('keeps the later timestamp when two points share a step', () => {
    expect(sut([point('loss', 1, 5, 200), point('loss', 2, 5, 100)])).toEqual([point('loss', 1, 5, 200)]);
  });

  it('keeps the later point of the batch when step and timestamp are equal', () => {
    expect(sut([point('loss', 1, 5, 100), point('loss', 2, 5, 100)])).toEqual([point('loss', 2, 5, 100)]);
  });

  it('treats NaN like any other value', () => {
    const [latest] = sut([point('loss', 1, 1, 1), point('loss', Number.NaN, 2, 1)]);
    expect(latest.value).toBeNaN();
  });
});
