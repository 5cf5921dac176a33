import { describe, expect, it } from '@jest/globals';

import { isCalendarDate, parseDateTime } from './date-time.js';

describe(parseDateTime.name, () => {
  const sut = parseDateTime;

  it.each([
    ['2026-01-31T09:30:00Z', '2026-01-31T09:30:00.000Z'],
    ['2026-01-31t09:30:00z', '2026-01-31T09:30:00.000Z'],
    ['2026-01-31T09:30:00.123456789+09:00', '2026-01-31T00:30:00.123Z'],
    ['2024-02-29T23:59:59-23:59', '2024-03-01T23:58:59.000Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
    ['0000-01-01T00:00:00Z', '0000-01-01T00:00:00.000Z'],
    ['1998-12-31T23:59:60Z', '1999-01-01T00:00:00.000Z'],
    ['1998-12-31T15:59:60-08:00', '1999-01-01T00:00:00.000Z'],
  ])('reads the RFC 3339 date-time %p', (text, instant) => {
    expect(sut(text)?.toISOString()).toBe(instant);
  });

  it.each(['2026-01-31', '2026-01-31T09:30:00', '2026-01-31 09:30:00Z', '2025-02-29T00:00:00Z', '2026-04-31T00:00:00Z', '2026-01-31T24:00:00Z', '2026-01-31T09:60:00Z', '2026-01-31T12:00:60Z', '2026-01-31T09:30Z', '2026-01-31T09:30:00+0900', '2026-01-31T09:30:00+24:00', '', 1767225600000])(
    'refuses %p',
    (text) => {
      expect(sut(text)).toBeNull();
    },
  );
});

describe(isCalendarDate.name, () => {
  it('accepts real days only', () => {
    expect(['2024-02-29', '0001-01-01', '9999-12-31'].map(isCalendarDate)).toEqual([true, true, true]);
    expect(['2023-02-29', '2024-04-31', '2024-1-01', '2024-01-01T00:00:00Z', 20240101].map(isCalendarDate)).toEqual([false, false, false, false, false]);
  });
});
