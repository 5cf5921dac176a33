import { InvalidInputError } from '../errors/domain.errors.js';

/**
 * Position after the last item of a page: the sort key's value and the id that breaks ties. Every sort key
 * of the platform is a number, a time (written as milliseconds since the epoch) or missing (null).
 */
export interface CursorPosition {
  value: number | Date | null;
  id: string;
}

const VALUE = 'null|-?Infinity|-?\\d{1,21}(?:\\.\\d{1,24})?(?:e[+-]?\\d{1,3})?';
const ID = '[0-9a-f]{24}';
/** `<value>_<id>`: the sort key as JavaScript writes a number (or null, or ±Infinity), then the id. */
export const CURSOR_PATTERN = new RegExp(`^(${VALUE})_(${ID})$`);
/** The `cursor` parameter: a position, or empty for the first page, as when it is left out. */
export const CURSOR_PARAMETER_PATTERN = optionalParameter(CURSOR_PATTERN);
/** The earliest and latest times a Date can hold. */
const TIME_LIMIT_MS = 8.64e15;

export function encodeCursor(position: CursorPosition): string {
  const value = position.value instanceof Date ? position.value.getTime() : position.value;
  if (value !== null && Number.isNaN(value)) throw new TypeError('NaN cannot be a cursor position: it has no place in an order');
  return `${value === null ? 'null' : String(value)}_${position.id}`;
}

/**
 * The position a cursor names. Any text of the documented form is a position (a client may write one,
 * such as `1767225600000_000000000000000000000000` for "after that time"); anything else is a 400.
 */
export function decodeCursor(cursor: string): { value: number | null; id: string } {
  const match = CURSOR_PATTERN.exec(cursor);
  if (!match) throw invalidCursor();
  return { value: match[1] === 'null' ? null : Number(match[1]), id: match[2] };
}

/** A position on a time-ordered field: the number read as milliseconds since the epoch, held within the range of a Date. */
export function timeAt(value: number): Date {
  return new Date(Math.max(-TIME_LIMIT_MS, Math.min(TIME_LIMIT_MS, value)));
}

/** A cursor parameter's pattern: the cursor's own, or the empty text. */
export function optionalParameter(pattern: RegExp): RegExp {
  return new RegExp(`${pattern.source}|^$`);
}

export function invalidCursor(): InvalidInputError {
  return new InvalidInputError('The cursor is not valid: pass back the nextCursor of a previous page unchanged', [
    { field: 'cursor', message: 'cursor must be a value returned as nextCursor' },
  ]);
}
