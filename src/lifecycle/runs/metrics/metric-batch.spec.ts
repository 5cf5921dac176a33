import { describe, expect, it } from '@jest/globals';

import { InvalidInputError } from '../../../common/errors/domain.errors.js';
import { MAX_POINTS_PER_BATCH, parseMetricBatch as sut } from './metric-batch.js';

const NOW = new Date('2026-03-01T00:00:00Z');

function invalid(body: unknown): InvalidInputError {
  try {
    sut(body, NOW);
  } catch (error) {
    if (error instanceof InvalidInputError) return error;
    throw error;
  }
  throw new Error('the batch was accepted');
}

describe(sut.name, () => {
  it('turns points into metric points, defaulting step to 0 and timestamp to the time of receipt', () => {
    expect(sut({ points: [{ key: 'loss', value: 0.5, step: 3, timestamp: 1000 }, { key: 'acc', value: 'NaN' }] }, NOW)).toEqual([
      { key: 'loss', value: 0.5, step: 3, timestamp: new Date(1000) },
      { key: 'acc', value: Number.NaN, step: 0, timestamp: NOW },
    ]);
  });

  it(`accepts ${MAX_POINTS_PER_BATCH} points and refuses one more without looking at them`, () => {
    const points = Array.from({ length: MAX_POINTS_PER_BATCH + 1 }, (_, step) => ({ key: 'loss', value: 1, step }));
    expect(sut({ points: points.slice(0, MAX_POINTS_PER_BATCH) }, NOW)).toHaveLength(MAX_POINTS_PER_BATCH);
    expect(invalid({ points }).errors).toEqual([{ field: 'points', message: expect.stringContaining(`at most ${MAX_POINTS_PER_BATCH}`) }]);
  });

  it('names each bad field by its index', () => {
    const error = invalid({
      points: [
        { key: 'ok', value: 1 },
        { key: 'a.b', value: 1 },
        { key: 'ok', value: 'inf', step: -1, timestamp: '2026-01-01' },
        { key: 'ok', value: 1, extra: true },
        'not a point',
      ],
    });
    expect(error.errors.map((e) => e.field)).toEqual(['points[1].key', 'points[2].value', 'points[2].step', 'points[2].timestamp', 'points[3].extra', 'points[4]']);
    expect(error.message).toMatch(/^The metric batch is invalid; nothing was written: .* \(and 3 more\)$/);
  });

  it('refuses a body that is not an object with a non-empty points array, or has other properties', () => {
    expect(invalid([]).errors[0].field).toBe('points');
    expect(invalid({ points: [] }).errors[0].message).toContain('at least 1 point');
    expect(invalid({ points: {} }).errors[0].message).toContain('must be an array');
    expect(invalid({ points: [{ key: 'a', value: 1 }], runId: 'x' }).errors).toEqual([{ field: 'runId', message: 'property runId should not exist' }]);
  });

  it('refuses a fractional step and an overflowed value', () => {
    expect(invalid({ points: [{ key: 'a', value: 1, step: 1.5 }] }).errors[0].field).toBe('points[0].step');
    expect(invalid({ points: [{ key: 'a', value: JSON.parse('1e400') }] }).errors[0].field).toBe('points[0].value');
  });

  it('reports at most 50 field errors but counts them all', () => {
    const error = invalid({ points: Array.from({ length: 80 }, () => ({ key: '$bad', value: 1 })) });
    expect(error.errors).toHaveLength(50);
    expect(error.message).toContain('(and 77 more)');
  });
});
