import { describe, expect, it } from '@jest/globals';

import { cleanSeries } from './clean-series.js';

describe(cleanSeries.name, () => {
  const sut = cleanSeries;

  it('passes a clean series through without findings', () => {
    const { series, findings } = sut({ dates: ['2024-01-01', '2024-01-02', '2024-01-03'], values: [0.01, 0.02, -0.01] }, { maxGapDays: 7 });
    expect(series.dates).toEqual(['2024-01-01', '2024-01-02', '2024-01-03']);
    expect(Array.from(series.values)).toEqual([0.01, 0.02, -0.01]);
    expect(findings).toMatchObject({ points: 3, usable: 3, unsorted: false, duplicateDates: { count: 0 }, invalidValues: { count: 0 }, gaps: { count: 0 } });
  });

  it('sorts by date, keeps the first point of a repeated date and drops missing, infinite and impossible values', () => {
    const raw = {
      dates: ['2024-01-03', '2024-01-01', '2024-01-02', '2024-01-01', '2024-01-04', '2024-01-05', '2024-01-08'],
      values: [0.03, 0.01, null, 0.99, Infinity, -1.5, 0.02],
    };
    const { series, findings } = sut(raw, { maxGapDays: 7 });
    expect(series.dates).toEqual(['2024-01-01', '2024-01-03', '2024-01-08']);
    expect(Array.from(series.values)).toEqual([0.01, 0.03, 0.02]);
    expect(findings.unsorted).toBe(true);
    expect(findings.duplicateDates).toEqual({ count: 1, examples: ['2024-01-01'] });
    expect(findings.invalidValues).toEqual({ count: 3, examples: ['2024-01-02', '2024-01-04', '2024-01-05'] });
  });

  it('drops and counts the points outside the period', () => {
    const { series, findings } = sut({ dates: ['2023-12-29', '2024-01-02', '2024-01-03', '2024-02-01'], values: [0.01, 0.02, 0.03, 0.04] }, { maxGapDays: 40, period: { start: '2024-01-01', end: '2024-01-31' } });
    expect(series.dates).toEqual(['2024-01-02', '2024-01-03']);
    expect(findings.outsidePeriod).toEqual({ count: 2, examples: ['2023-12-29', '2024-02-01'] });
  });

  it('reports consecutive dates further apart than the allowed calendar days as gaps', () => {
    const { findings } = sut({ dates: ['2024-01-05', '2024-01-08', '2024-01-20', '2024-01-22', '2024-03-01'], values: [0, 0, 0, 0, 0] }, { maxGapDays: 7 });
    expect(findings.gaps).toEqual({
      count: 2,
      largestDays: 39,
      examples: [
        { from: '2024-01-08', to: '2024-01-20', days: 12 },
        { from: '2024-01-22', to: '2024-03-01', days: 39 },
      ],
    });
  });
});
