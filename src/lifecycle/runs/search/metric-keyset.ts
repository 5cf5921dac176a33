import { decodeCursor, encodeCursor } from '../../../common/pagination/cursor.js';

/**
 * Keyset pagination on a metric. The ordered field never holds NaN (see RunDocument.orderableMetrics), so
 * $gt and $lt mean the same on every server; ±Infinity travel in the cursor as written. Missing values sort
 * as null: first ascending, last descending.
 */
export function encodeMetricCursor(value: number | null, id: string): string {
  return encodeCursor({ value, id });
}

export function afterMetricCursor(field: string, direction: 1 | -1, cursor: string): object {
  const { value, id } = decodeCursor(cursor);
  const op = direction === 1 ? '$gt' : '$lt';
  const idAfter = { _id: { [op]: id } };
  if (value === null) {
    return direction === 1 ? { $or: [{ [field]: { $ne: null } }, { [field]: null, ...idAfter }] } : { [field]: null, ...idAfter };
  }
  const beyond: object[] = [{ [field]: { [op]: value } }, { [field]: value, ...idAfter }];
  if (direction === -1) beyond.push({ [field]: null });
  return { $or: beyond };
}
