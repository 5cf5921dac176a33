import { registerDecorator, type ValidationOptions } from 'class-validator';

/** RFC 3339 `date-time`, as OpenAPI's `format: date-time` means it: a full date, `T`, a time and an offset. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

/**
 * The instant an RFC 3339 date-time names, or null when the text is not one (a day that does not exist,
 * an hour past 23, no offset). A leap second (23:59:60 UTC) is the first instant of the next day.
 */
export function parseDateTime(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const match = DATE_TIME.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const [sign, offsetHour, offsetMinute] = [match[8], Number(match[9] ?? 0), Number(match[10] ?? 0)];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 60 || offsetHour > 23 || offsetMinute > 59) return null;
  const offsetMs = (sign === '-' ? -1 : 1) * (offsetHour * 60 + offsetMinute) * 60_000;
  const fraction = match[7] ? Number(`0${match[7]}`) * 1000 : 0;
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, Math.min(second, 59), fraction);
  const instant = utc.getTime() - offsetMs;
  if (second === 60) {
    const inUtc = new Date(instant);
    if (inUtc.getUTCHours() !== 23 || inUtc.getUTCMinutes() !== 59) return null;
    return new Date(instant + 1000);
  }
  return new Date(instant);
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** A real calendar day written YYYY-MM-DD (RFC 3339 `full-date`, OpenAPI's `format: date`), so 2024-02-30 is refused. */
export function isCalendarDate(value: unknown): value is string {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => isCalendarDate(value),
        defaultMessage: () => `${String(propertyName)} must be a calendar date written YYYY-MM-DD`,
      },
    });
  };
}

/** An RFC 3339 date-time string (see parseDateTime); document the field with `format: 'date-time'`. */
export function IsDateTime(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isDateTime',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => parseDateTime(value) !== null,
        defaultMessage: () => `${String(propertyName)} must be an RFC 3339 date-time with an offset, such as 2026-01-31T09:30:00Z`,
      },
    });
  };
}

/** The instant of a date-time that IsDateTime has already accepted. */
export function instantOf(value: string): Date;
export function instantOf(value: string | undefined): Date | undefined;
export function instantOf(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const instant = parseDateTime(value);
  if (!instant) throw new TypeError(`'${value}' is not an RFC 3339 date-time; validate it with IsDateTime first`);
  return instant;
}
