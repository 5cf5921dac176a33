import { describe, expect, it } from '@jest/globals';

import { InvalidInputError } from '../../../common/errors/domain.errors.js';
import { afterMetricCursor, encodeMetricCursor } from './metric-keyset.js';

const ID = '665f1c2b9d1e8a0012345678';
const FIELD = 'orderableMetrics.sharpe';

describe(afterMetricCursor.name, () => {
  const sut = afterMetricCursor;

  it('continues a descending order below the value, then with the runs lacking the metric', () => {
    expect(sut(FIELD, -1, encodeMetricCursor(1.5, ID))).toEqual({
      $or: [{ [FIELD]: { $lt: 1.5 } }, { [FIELD]: 1.5, _id: { $lt: ID } }, { [FIELD]: null }],
    });
  });

  it('carries +Infinity and -Infinity through the cursor', () => {
    expect(sut(FIELD, -1, encodeMetricCursor(Number.POSITIVE_INFINITY, ID))).toMatchObject({ $or: [{ [FIELD]: { $lt: Number.POSITIVE_INFINITY } }, {}, {}] });
    expect(sut(FIELD, 1, encodeMetricCursor(Number.NEGATIVE_INFINITY, ID))).toEqual({
      $or: [{ [FIELD]: { $gt: Number.NEGATIVE_INFINITY } }, { [FIELD]: Number.NEGATIVE_INFINITY, _id: { $gt: ID } }],
    });
  });

  it('continues an ascending order from the runs lacking the metric into every value', () => {
    expect(sut(FIELD, 1, encodeMetricCursor(null, ID))).toEqual({ $or: [{ [FIELD]: { $ne: null } }, { [FIELD]: null, _id: { $gt: ID } }] });
    expect(sut(FIELD, -1, encodeMetricCursor(null, ID))).toEqual({ [FIELD]: null, _id: { $lt: ID } });
  });

  it('refuses a cursor that names no position', () => {
    for (const cursor of ['', 'bm90LWEtY3Vyc29y', `NaN_${ID}`, `1.5_${ID.toUpperCase()}`, `1.5_${ID}_`]) expect(() => sut(FIELD, -1, cursor)).toThrow(InvalidInputError);
  });
});
