import { describe, expect, it } from '@jest/globals';

import { parseRunOrder as sut } from './run-order.js';
import { RunQuerySyntaxError } from './run-query-syntax.error.js';

describe(sut.name, () => {
  it('orders by a metric in either direction, ascending by default', () => {
    expect(sut('metrics.sharpe DESC')).toEqual({ kind: 'metric', key: 'sharpe', direction: -1 });
    expect(sut('metrics.sharpe asc')).toEqual({ kind: 'metric', key: 'sharpe', direction: 1 });
    expect(sut('metrics.`max drawdown`')).toEqual({ kind: 'metric', key: 'max drawdown', direction: 1 });
  });

  it('orders by start or end time', () => {
    expect(sut('startTime ASC')).toEqual({ kind: 'time', field: 'startTime', direction: 1 });
    expect(sut('endTime DESC')).toEqual({ kind: 'time', field: 'endTime', direction: -1 });
  });

  it.each([
    ['', 1, 'metrics.<key>, startTime or endTime'],
    ['params.lr DESC', 1, 'metrics.<key>, startTime or endTime'],
    ['name', 1, 'metrics.<key>, startTime or endTime'],
    ['startTime DOWN', 11, 'ASC, DESC or the end of the ordering'],
    ['startTime DESC, endTime', 15, 'a name, an operator, a number or a quoted string'],
    ['startTime DESC endTime', 16, 'the end of the ordering'],
    ['metrics.`$gt` DESC', 9, expect.stringContaining('a key of letters')],
  ])('rejects %p at position %p, expecting %p', (text, position, expected) => {
    let error: unknown;
    try {
      sut(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RunQuerySyntaxError);
    expect(error).toMatchObject({ field: 'orderBy', position, expected });
  });
});
