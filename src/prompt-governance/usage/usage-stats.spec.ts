import { describe, expect, it } from '@jest/globals';

import { nearestRank, toStatsRow } from './usage-stats.js';

describe('nearestRank', () => {
  it('picks the nearest-rank position for the median and the 95th percentile', () => {
    const sut = nearestRank;
    expect(sut(50, 1)).toBe(1);
    expect(sut(50, 4)).toBe(2);
    expect(sut(50, 5)).toBe(3);
    expect(sut(95, 20)).toBe(19);
    expect(sut(95, 100)).toBe(95);
    expect(sut(95, 3)).toBe(3);
    expect(sut(95, 1_000_000)).toBe(950_000);
  });

  it('gives the value a sorted list holds at that rank', () => {
    const latencies = [120, 80, 95, 400, 101, 99, 87, 2000, 110, 90].sort((a, b) => a - b);
    expect(latencies[nearestRank(50, latencies.length) - 1]).toBe(99);
    expect(latencies[nearestRank(95, latencies.length) - 1]).toBe(2000);
  });
});

describe('toStatsRow', () => {
  it('derives the rates and rounds the cost and mean', () => {
    const row = toStatsRow(
      { version: 2, day: '2025-05-01', count: 3, errorCount: 1, flaggedCount: 2, unapprovedCount: 0, tokensIn: 30, tokensOut: 9, cost: 0.1 + 0.2, latencyAvg: 100 / 3, latencyMax: 50, p50: 30, p95: 50 },
    );
    expect(row).toEqual({
      version: 2,
      day: '2025-05-01',
      count: 3,
      errorCount: 1,
      flaggedCount: 2,
      unapprovedCount: 0,
      tokensIn: 30,
      tokensOut: 9,
      cost: 0.3,
      errorRate: 0.3333,
      flaggedRate: 0.6667,
      latencyMs: { p50: 30, p95: 50, avg: 33.33, max: 50 },
    });
  });
});
