import { ValidateBy, type ValidationOptions } from 'class-validator';

/** A plain object of string values (variable values, for instance), bounded in keys and value length. */
export function IsStringRecord(maxKeys: number, maxValueLength: number, keyPattern: RegExp, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isStringRecord',
      validator: {
        validate: (value: unknown) => {
          if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
          const entries = Object.entries(value);
          return entries.length <= maxKeys && entries.every(([k, v]) => keyPattern.test(k) && typeof v === 'string' && v.length <= maxValueLength);
        },
        defaultMessage: (args) =>
          `${args?.property} must be an object of at most ${maxKeys} string values (each at most ${maxValueLength} characters) keyed by variable names`,
      },
    },
    options,
  );
}
