import { InvalidInputError } from '../errors/domain.errors.js';

/** Position after the last item of a page: the sort key's value and the id that breaks ties. */
export interface CursorPosition {
  value: unknown;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  const value = position.value instanceof Date ? { $date: position.value.toISOString() } : position.value;
  return Buffer.from(JSON.stringify({ v: value, i: position.id })).toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { v: unknown; i: unknown };
    if (typeof parsed.i !== 'string' || !/^[0-9a-f]{24}$/.test(parsed.i)) throw new Error('bad id');
    const v = parsed.v as { $date?: string } | null;
    const value = v && typeof v === 'object' && typeof v.$date === 'string' ? new Date(v.$date) : parsed.v;
    if (value !== null && typeof value === 'object' && !(value instanceof Date)) throw new Error('bad value');
    return { value, id: parsed.i };
  } catch {
    throw new InvalidInputError('The cursor is not valid: pass back the nextCursor of a previous page unchanged', [
      { field: 'cursor', message: 'cursor must be a value returned as nextCursor' },
    ]);
  }
}
