import { InvalidInputError } from '../../../common/errors/domain.errors.js';
import { decodeCursor, encodeCursor } from '../../../common/pagination/cursor.js';

/**
 * Keyset pagination on a metric. The shared cursor is JSON, which cannot carry ±Infinity, so they travel as
 * the strings "Infinity" and "-Infinity". The ordered field never holds NaN (see RunDocument.orderableMetrics),
 * so $gt and $lt mean the same on every server. Missing values sort as null: first ascending, last descending.
 */
export function encodeMetricCursor(value: number | null, id: string): string {
  const encoded = value === null || Number.isFinite(value) ? value : value > 0 ? 'Infinity' : '-Infinity';
  return encodeCursor({ value: encoded, id });
}

export function afterMetricCursor(field: string, direction: 1 | -1, cursor: string): object {
  const { value: raw, id } = decodeCursor(cursor);
  const value = decodeValue(raw);
  const op = direction === 1 ? '$gt' : '$lt';
  const idAfter = { _id: { [op]: id } };
  if (value === null) {
    return direction === 1 ? { $or: [{ [field]: { $ne: null } }, { [field]: null, ...idAfter }] } : { [field]: null, ...idAfter };
  }
  const beyond: object[] = [{ [field]: { [op]: value } }, { [field]: value, ...idAfter }];
  if (direction === -1) beyond.push({ [field]: null });
  return { $or: beyond };
}

function decodeValue(raw: unknown): number | null {
  if (raw === null || (typeof raw === 'number' && Number.isFinite(raw))) return raw;
  if (raw === 'Infinity') return Number.POSITIVE_INFINITY;
  if (raw === '-Infinity') return Number.NEGATIVE_INFINITY;
  throw new InvalidInputError('The cursor does not belong to this ordering: pass back the nextCursor of the previous page with the same orderBy', [
    { field: 'cursor', message: 'cursor must be a value returned as nextCursor for the same orderBy' },
  ]);
}
