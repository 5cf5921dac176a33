import { applyDecorators } from '@nestjs/common';
import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

import { KeysMatch } from '../../common/validation/beyond-schema.js';
import { isCalendarDate } from '../../common/validation/date-time.js';
import { KEY_PATTERN, KEY_RULE } from '../../common/validation/patterns.js';

/** The most points any series may carry at the edge; the configured limit (lower) is applied by the services. */
export const HARD_MAX_SERIES_POINTS = 200_000;
export const MAX_METRICS = 200;

/**
 * A return series as `[{ date, value }]`, checked in one loop instead of one validated object per point
 * (a ten-year daily series is 2,520 points, and the limit is far above). In a candidate's series `value`
 * may be null for a missing observation: whether that is acceptable is for the hygiene checks, not for the
 * parser. A reference series (a scenario's baseline or benchmark) must be clean: every value a number of
 * at least -1 (a simple return cannot lose more than everything).
 */
export function IsReturnSeries(options: { reference: boolean }, validation?: ValidationOptions): PropertyDecorator {
  return custom('isReturnSeries', validation, (value) => {
    if (!Array.isArray(value)) return 'must be an array of { date, value } points';
    if (value.length === 0) return 'must not be empty';
    if (value.length > HARD_MAX_SERIES_POINTS) return `must have at most ${HARD_MAX_SERIES_POINTS} points`;
    for (let i = 0; i < value.length; i++) {
      const point = value[i] as Record<string, unknown> | null;
      if (point === null || typeof point !== 'object' || Array.isArray(point)) return `[${i}] must be an object { date, value }`;
      for (const key in point) if (key !== 'date' && key !== 'value') return `[${i}] has an unknown field '${key}'`;
      if (!isCalendarDate(point.date)) return `[${i}].date must be a calendar date written YYYY-MM-DD`;
      if (!('value' in point)) return `[${i}].value is required (a number${options.reference ? '' : ', or null for a missing observation'})`;
      if (typeof point.value !== 'number' && (options.reference || point.value !== null)) {
        return `[${i}].value must be a number (a simple return, 0.01 = 1%)${options.reference ? '' : ' or null'}`;
      }
      if (options.reference && (!Number.isFinite(point.value) || (point.value as number) < -1)) return `[${i}].value must be a finite simple return of at least -1`;
    }
    return null;
  });
}

/**
 * Metric name → number, with names that are safe as field paths. `finite` refuses infinities (a JSON number
 * too large for a double): reference data must be finite, while a candidate's are judged by the hygiene checks.
 */
export function IsMetricMap(finite: boolean, options?: ValidationOptions): PropertyDecorator {
  const values = custom('isMetricMap', options, (value) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'must be an object of metric name → number';
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length > MAX_METRICS) return `must have at most ${MAX_METRICS} metrics`;
    for (const [key, metric] of entries) {
      if (typeof metric !== 'number') return `'${key}' must be a number`;
      if (finite && !Number.isFinite(metric)) return `'${key}' must be a finite number`;
    }
    return null;
  });
  return applyDecorators(values, KeysMatch(KEY_PATTERN, KEY_RULE));
}

/** A class-validator decorator from one function that returns the problem, or null when there is none. */
function custom(name: string, options: ValidationOptions | undefined, problem: (value: unknown) => string | null): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => problem(value) === null,
        // Only called for an invalid value, so finding the problem again costs nothing on the happy path.
        defaultMessage(args: ValidationArguments) {
          const found = problem(args.value) ?? 'is invalid';
          return `${args.property}${found.startsWith('[') ? '' : ' '}${found}`;
        },
      },
    });
  };
}

/** Most cells a SHAP matrix may have (rows × features). */
export const MAX_SHAP_CELLS = 500_000;

/**
 * A matrix of finite numbers (one row per explained sample, none empty): checked in one loop, since a SHAP
 * matrix of a few thousand samples is far too many cells to validate one decorated object at a time. That
 * its rows are as wide as the feature list is a rule between fields (validateArtifact).
 */
export function IsFiniteMatrix(maxRows: number, options?: ValidationOptions): PropertyDecorator {
  return custom('isFiniteMatrix', options, (value) => {
    if (!Array.isArray(value) || value.length === 0) return 'must be a non-empty array of rows';
    if (value.length > maxRows) return `must have at most ${maxRows} rows`;
    for (let i = 0; i < value.length; i++) {
      const row = value[i] as unknown;
      if (!Array.isArray(row) || row.length === 0) return `[${i}] must be a non-empty array of numbers`;
      for (let j = 0; j < row.length; j++) {
        const cell = row[j] as unknown;
        if (typeof cell !== 'number' || !Number.isFinite(cell)) return `[${i}][${j}] must be a finite number`;
      }
    }
    return null;
  });
}
