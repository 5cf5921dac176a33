import { describe, expect, it } from '@jest/globals';

import { parseRunFilter as sut, MAX_FILTER_COMPARISONS } from './run-filter.js';
import { RunQuerySyntaxError } from './run-query-syntax.error.js';

function syntaxError(text: string): RunQuerySyntaxError {
  try {
    sut(text);
  } catch (error) {
    if (error instanceof RunQuerySyntaxError) return error;
    throw error;
  }
  throw new Error(`'${text}' parsed without error`);
}

describe(sut.name, () => {
  it('parses the documented example into one clause per comparison', () => {
    expect(sut('metrics.sharpe > 1.2 and params.lr = "0.01" and tags.team = "alpha" and status = "FINISHED"')).toEqual([
      { kind: 'metric', key: 'sharpe', operator: '>', value: 1.2 },
      { kind: 'param', key: 'lr', operator: '=', value: '0.01' },
      { kind: 'tag', key: 'team', operator: '=', value: 'alpha' },
      { kind: 'status', operator: '=', value: 'FINISHED' },
    ]);
  });

  it('reads every comparison operator, negative and exponent numbers, without needing spaces', () => {
    expect(sut('metrics.a>=-1.5e-3 AND metrics.b<=2 and metrics.c<3 and metrics.d!=0 and metrics.e=4')).toEqual([
      { kind: 'metric', key: 'a', operator: '>=', value: -0.0015 },
      { kind: 'metric', key: 'b', operator: '<=', value: 2 },
      { kind: 'metric', key: 'c', operator: '<', value: 3 },
      { kind: 'metric', key: 'd', operator: '!=', value: 0 },
      { kind: 'metric', key: 'e', operator: '=', value: 4 },
    ]);
  });

  it('reads a number beyond the range of a double as ±Infinity, which a metric can hold', () => {
    expect(sut('metrics.a < 1e999 and metrics.b > -1e999')).toEqual([
      { kind: 'metric', key: 'a', operator: '<', value: Number.POSITIVE_INFINITY },
      { kind: 'metric', key: 'b', operator: '>', value: Number.NEGATIVE_INFINITY },
    ]);
  });

  it('reads keys with - / : in bare form and keys with spaces in backticks', () => {
    expect(sut('metrics.val-loss/avg:1 < 0.5 and tags.`data set` != \'krx\'')).toEqual([
      { kind: 'metric', key: 'val-loss/avg:1', operator: '<', value: 0.5 },
      { kind: 'tag', key: 'data set', operator: '!=', value: 'krx' },
    ]);
  });

  it('unescapes quotes and backslashes inside strings, and keeps operators as plain text', () => {
    expect(sut('params.note = "say \\"hi\\" \\\\ {\\"$gt\\": 1}"')).toEqual([
      { kind: 'param', key: 'note', operator: '=', value: 'say "hi" \\ {"$gt": 1}' },
    ]);
  });

  it.each([
    ['', 1, 'metrics.<key>, params.<key>, tags.<key> or status'],
    ['metrics.sharpe', 15, 'a comparison operator (= != > >= < <=)'],
    ['metrics.sharpe > "1.2"', 18, 'a number (metrics compare numerically)'],
    ['metrics.sharpe > 1 or status = "FAILED"', 20, "'and' or the end of the filter"],
    ['params.lr = 0.01', 13, 'a quoted string (params and tags are text)'],
    ['params.lr > "0.01"', 11, '= or != (params.lr is compared as text)'],
    ['status = "DONE"', 10, 'one of "RUNNING", "FINISHED", "FAILED", "KILLED"'],
    ['status > "RUNNING"', 8, '= or != (status is compared as text)'],
    ['metrics.a == 1', 12, 'a number (metrics compare numerically)'],
    ['latest.sharpe > 1', 1, 'metrics.<key>, params.<key>, tags.<key> or status'],
    ['name = "x"', 1, 'metrics.<key>, params.<key>, tags.<key> or status'],
    ['metrics. > 1', 9, "a key after 'metrics.'"],
    ['metrics.`$where` > 1', 9, expect.stringContaining('a key of letters')],
    ['metrics.` lead` > 1', 9, expect.stringContaining('a key of letters')],
    ['metrics.`open > 1', 9, 'a closing backtick'],
    ['tags.team = "alpha', 13, 'a closing "'],
    ['tags.team = "a\\nb"', 15, expect.stringContaining('after a backslash')],
    ['metrics.a > 1 and', 18, 'metrics.<key>, params.<key>, tags.<key> or status'],
    ['metrics.a > 1 # comment', 15, 'a name, an operator, a number or a quoted string'],
    ['{"$where": "1"}', 1, 'a name, an operator, a number or a quoted string'],
    ['metrics.a ! 1', 11, 'a name, an operator, a number or a quoted string'],
  ])('rejects %p at position %p, expecting %p', (text, position, expected) => {
    const error = syntaxError(text);
    expect(error.position).toBe(position);
    expect(error.expected).toEqual(expected);
    expect(error.errors[0]).toEqual({ field: 'filter', message: expect.stringContaining(`at position ${position}`) });
  });

  it('names what it found in the message', () => {
    expect(syntaxError('metrics.a > 1 or b').message).toBe("The filter is invalid at position 15: expected 'and' or the end of the filter, found 'or'");
  });

  it(`accepts ${MAX_FILTER_COMPARISONS} comparisons and refuses one more`, () => {
    const comparisons = Array.from({ length: MAX_FILTER_COMPARISONS }, (_, i) => `metrics.m${i} > ${i}`);
    expect(sut(comparisons.join(' and '))).toHaveLength(MAX_FILTER_COMPARISONS);
    expect(syntaxError([...comparisons, 'metrics.x > 0'].join(' and ')).expected).toBe(`at most ${MAX_FILTER_COMPARISONS} comparisons`);
  });

  it('refuses a filter longer than 2000 characters', () => {
    expect(syntaxError(`tags.t = "${'x'.repeat(2000)}"`).position).toBe(2001);
  });
});
