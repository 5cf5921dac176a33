import { applyDecorators } from '@nestjs/common';
import { ValidateBy, type ValidationOptions } from 'class-validator';

import { KeysMatch } from '../../common/validation/beyond-schema.js';

/** A plain object of string values (variable values, for instance), bounded in keys and value length, keyed by names matching `keyPattern`. */
export function IsStringRecord(maxKeys: number, maxValueLength: number, keyPattern: RegExp, keyRule: string, options?: ValidationOptions): PropertyDecorator {
  const values = ValidateBy(
    {
      name: 'isStringRecord',
      validator: {
        validate: (value: unknown) => {
          if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
          const entries = Object.entries(value);
          return entries.length <= maxKeys && entries.every(([, v]) => typeof v === 'string' && v.length <= maxValueLength);
        },
        defaultMessage: (args) => `${args?.property} must be an object of at most ${maxKeys} string values, each at most ${maxValueLength} characters`,
      },
    },
    options,
  );
  return applyDecorators(values, KeysMatch(keyPattern, keyRule));
}
