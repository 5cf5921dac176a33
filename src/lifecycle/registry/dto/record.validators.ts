import { applyDecorators } from '@nestjs/common';
import { registerDecorator, type ValidationArguments } from 'class-validator';

import { KeysMatch } from '../../../common/validation/beyond-schema.js';
import { KEY_PATTERN, KEY_RULE } from '../../../common/validation/patterns.js';
import { parseMetricValue } from '../../runs/metrics/metric-value.js';
import { METRIC_DIRECTIONS } from '../comparison/metric-directions.js';

export const MAX_METRICS_PER_VERSION = 1000;
export const MAX_DECLARED_DIRECTIONS = 500;

type EntryCheck = (value: unknown) => string | null;

/** An object whose keys match KEY_PATTERN (they become field paths) and whose values pass `check`. */
function IsRecordOf(name: string, maxEntries: number, check: EntryCheck): PropertyDecorator {
  return applyDecorators(IsBoundedRecord(name, maxEntries, check), KeysMatch(KEY_PATTERN, KEY_RULE));
}

function IsBoundedRecord(name: string, maxEntries: number, check: EntryCheck): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => problemOf(value, maxEntries, check) === null,
        defaultMessage: (args: ValidationArguments) => `${args.property} ${problemOf(args.value, maxEntries, check)}`,
      },
    });
  };
}

function problemOf(value: unknown, maxEntries: number, check: EntryCheck): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be an object of keys to values';
  const entries = Object.entries(value);
  if (entries.length > maxEntries) return `must have at most ${maxEntries} entries`;
  for (const [key, entry] of entries) {
    const problem = check(entry);
    if (problem) return `value of '${key}' ${problem}`;
  }
  return null;
}

/** Metric values: finite numbers, or "NaN", "Infinity", "-Infinity" for the values JSON cannot carry. */
export const IsMetricValues = (): PropertyDecorator =>
  IsRecordOf('isMetricValues', MAX_METRICS_PER_VERSION, (value) =>
    parseMetricValue(value) === undefined ? 'must be a finite number or one of "NaN", "Infinity", "-Infinity"' : null,
  );

export const IsMetricDirections = (): PropertyDecorator =>
  IsRecordOf('isMetricDirections', MAX_DECLARED_DIRECTIONS, (value) =>
    (METRIC_DIRECTIONS as readonly unknown[]).includes(value) ? null : `must be one of ${METRIC_DIRECTIONS.join(', ')}`,
  );
