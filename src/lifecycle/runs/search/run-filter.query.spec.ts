import { describe, expect, it } from '@jest/globals';

import { parseRunFilter } from './run-filter.js';
import { toRunQuery as sut } from './run-filter.query.js';

describe(sut.name, () => {
  it('is empty without clauses and a single condition for one clause', () => {
    expect(sut([])).toEqual({});
    expect(sut(parseRunFilter('status = "FAILED"'))).toEqual({ status: { $eq: 'FAILED' } });
  });

  it('compares metrics on their latest values and excludes NaN from every comparison', () => {
    expect(sut(parseRunFilter('metrics.sharpe > 1.2 and metrics.dd <= -0.1'))).toEqual({
      $and: [{ 'latestMetrics.sharpe': { $gt: 1.2, $nin: [Number.NaN] } }, { 'latestMetrics.dd': { $lte: -0.1, $nin: [Number.NaN] } }],
    });
  });

  it('requires the metric, param or tag to exist for !=', () => {
    expect(sut(parseRunFilter('metrics.a != 1 and params.lr != "0.1" and tags.t != "x"'))).toEqual({
      $and: [
        { 'latestMetrics.a': { $exists: true, $nin: [1, Number.NaN] } },
        { 'params.lr': { $exists: true, $ne: '0.1' } },
        { 'tags.t': { $exists: true, $ne: 'x' } },
      ],
    });
  });

  it('places user text only as a value under an explicit operator', () => {
    expect(sut(parseRunFilter('params.q = "{\\"$ne\\": null}" and tags.re = ".*"'))).toEqual({
      $and: [{ 'params.q': { $eq: '{"$ne": null}' } }, { 'tags.re': { $eq: '.*' } }],
    });
  });
});
