import { describe, expect, it } from '@jest/globals';

import { InvalidInputError } from '../errors/domain.errors.js';
import { CURSOR_PARAMETER_PATTERN, CURSOR_PATTERN, decodeCursor, encodeCursor, timeAt } from './cursor.js';

const ID = '665f1c2b9d1e8a0012345678';

describe(decodeCursor.name, () => {
  const sut = decodeCursor;

  it('gives back the position it was made from, times as milliseconds', () => {
    const at = new Date('2026-01-01T00:00:00.000Z');
    expect(sut(encodeCursor({ value: at, id: ID }))).toEqual({ value: at.getTime(), id: ID });
    for (const value of [0, -3, 42, 1.5e-7, -0.25, 1e21, Number.MAX_VALUE, Number.MIN_VALUE, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, null]) {
      expect(sut(encodeCursor({ value, id: ID }))).toEqual({ value, id: ID });
    }
  });

  it('writes every cursor in the documented form', () => {
    for (const value of [0, -7, 123.456, 1e-7, 5e-324, 1.7976931348623157e308, 2 ** 53 + 2, Number.NEGATIVE_INFINITY, null, new Date(-8.64e15)]) {
      const cursor = encodeCursor({ value, id: ID });
      expect({ cursor, documented: CURSOR_PATTERN.test(cursor) && CURSOR_PARAMETER_PATTERN.test(cursor) }).toEqual({ cursor, documented: true });
    }
  });

  it('reads any text of the documented form as a position, so a client may write one', () => {
    expect(sut(`1767225600000_${ID}`)).toEqual({ value: 1767225600000, id: ID });
    expect(sut(`-Infinity_${ID}`)).toEqual({ value: Number.NEGATIVE_INFINITY, id: ID });
    expect(sut(`1e999_${ID}`)).toEqual({ value: Number.POSITIVE_INFINITY, id: ID });
  });

  it.each(['', 'bm90LWEtY3Vyc29y', `NaN_${ID}`, `1_${ID.toUpperCase()}`, `1_${ID}_`, `1.5e_${ID}`, `_${ID}`, `1,5_${ID}`])('refuses %p, naming the cursor', (cursor) => {
    expect(() => sut(cursor)).toThrow(InvalidInputError);
  });

  it('documents an empty cursor as the first page', () => {
    expect(CURSOR_PARAMETER_PATTERN.test('')).toBe(true);
    expect(CURSOR_PATTERN.test('')).toBe(false);
  });
});

describe(timeAt.name, () => {
  it('holds a position beyond the range of a Date at its ends', () => {
    expect(timeAt(Number.POSITIVE_INFINITY).getTime()).toBe(8.64e15);
    expect(timeAt(-1e300).getTime()).toBe(-8.64e15);
    expect(timeAt(1767225600000).toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });
});
