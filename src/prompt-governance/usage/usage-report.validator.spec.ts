import { describe, expect, it } from '@jest/globals';

import { validateUsageReport } from './usage-report.validator.js';

const NOW = Date.UTC(2025, 4, 1, 12, 0);
const valid = { id: 'req-1', caller: 'robo-advisor', timestamp: '2025-05-01T09:30:00Z', latencyMs: 812.5, tokensIn: 420, tokensOut: 96, cost: 0.0031, outcome: 'success' };
const sut = (raw: unknown) => validateUsageReport(raw, NOW);
const fields = (raw: unknown) => {
  const result = sut(raw);
  return result.ok ? [] : result.errors.map((e) => e.field);
};

describe('validateUsageReport', () => {
  it('accepts a complete report and fills the defaults', () => {
    const result = sut({ ...valid, cost: undefined });
    expect(result).toEqual({
      ok: true,
      value: { ...valid, cost: 0, timestamp: new Date('2025-05-01T09:30:00Z'), errorCode: null, variables: null, variablesHash: null, output: null },
    });
  });

  it('refuses what is not an object', () => {
    expect(fields(null)).toEqual(['']);
    expect(fields([valid])).toEqual(['']);
  });

  it('lists every problem under its field, including unknown fields', () => {
    expect(fields({ ...valid, id: 'bad id!', latencyMs: -1, tokensIn: 1.5, outcome: 'maybe', extra: true })).toEqual(['extra', 'id', 'latencyMs', 'tokensIn', 'outcome']);
  });

  it('refuses a timestamp without a time zone, an impossible one, or one far in the future', () => {
    expect(fields({ ...valid, timestamp: '2025-05-01 09:30' })).toEqual(['timestamp']);
    expect(fields({ ...valid, timestamp: '2025-05-01T09:30:00' })).toEqual(['timestamp']);
    expect(fields({ ...valid, timestamp: '2025-13-01T09:30:00Z' })).toEqual(['timestamp']);
    expect(fields({ ...valid, timestamp: '2025-05-03T12:00:00Z' })).toEqual(['timestamp']);
    expect(fields({ ...valid, timestamp: '2025-05-01T18:30:00+09:00' })).toEqual([]);
  });

  it('requires an error code exactly when the outcome is an error', () => {
    expect(fields({ ...valid, outcome: 'error' })).toEqual(['errorCode']);
    expect(fields({ ...valid, outcome: 'error', errorCode: 'rate_limited' })).toEqual([]);
    expect(fields({ ...valid, errorCode: 'rate_limited' })).toEqual(['errorCode']);
  });

  it('takes variables as string values or their hash, not both', () => {
    expect(fields({ ...valid, variables: { client: 'Kim' } })).toEqual([]);
    expect(fields({ ...valid, variables: { client: 1 } })).toEqual(['variables.client']);
    expect(fields({ ...valid, variables: { __proto__x: 'a' } })).toEqual(['variables.__proto__x']);
    expect(fields({ ...valid, variablesHash: 'a'.repeat(64) })).toEqual([]);
    expect(fields({ ...valid, variablesHash: 'xyz' })).toEqual(['variablesHash']);
    expect(fields({ ...valid, variables: {}, variablesHash: 'a'.repeat(64) })).toEqual(['variables']);
  });

  it('bounds the output length', () => {
    expect(fields({ ...valid, output: 'x'.repeat(32_000) })).toEqual([]);
    expect(fields({ ...valid, output: 'x'.repeat(32_001) })).toEqual(['output']);
  });
});
