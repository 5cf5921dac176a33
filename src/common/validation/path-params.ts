import { createParamDecorator, Injectable, type ArgumentMetadata, type ExecutionContext, type PipeTransform } from '@nestjs/common';
import type { Request } from 'express';

import { InvalidInputError, NotFoundError } from '../errors/domain.errors.js';
import { KEY_PATTERN, KEY_RULE, NAME_PATTERN, NAME_RULE } from './patterns.js';

/*
 * The path parameters routes check before any query runs, each a 400 naming the field when malformed: keys,
 * model names and version numbers here, ids in object-id.pipe.ts beside this file.
 */

/** The largest version number a path accepts. */
export const MAX_VERSION = 999_999_999;
/** A version number as written: digits without a leading zero, at most nine of them. */
const VERSION_NUMBER = /^[1-9][0-9]{0,8}$/;
const DIGITS = /^[0-9]+$/;

function invalid(field: string, value: string, rule: string): InvalidInputError {
  return new InvalidInputError(`'${value.slice(0, 100)}' is not a valid ${field}: it must be ${rule}`, [{ field, message: `${field} must be ${rule}` }]);
}

/** A path segment that must match a pattern, echoed (shortened) in the refusal. */
abstract class PatternPipe implements PipeTransform<string, string> {
  protected constructor(
    private readonly pattern: RegExp,
    private readonly rule: string,
    private readonly defaultField: string,
  ) {}

  transform(value: string, metadata: ArgumentMetadata): string {
    if (!this.pattern.test(value)) throw invalid(metadata.data ?? this.defaultField, value, this.rule);
    return value;
  }
}

/** A metric, param, tag or checklist key: one that could not have been stored is refused. */
@Injectable()
export class ParseKeyPipe extends PatternPipe {
  constructor() {
    super(KEY_PATTERN, KEY_RULE, 'key');
  }
}

/** A model name. */
@Injectable()
export class ParseModelNamePipe extends PatternPipe {
  constructor() {
    super(NAME_PATTERN, NAME_RULE, 'model');
  }
}

/**
 * A version number under a path with no fixed sibling segment (`/models/{model}/versions/{version}`): a
 * positive integer, or a 400. The global ValidationPipe has already turned the text into a number for a
 * `number` parameter ('abc' into NaN, '1.5' into 1.5), so both forms are checked.
 */
@Injectable()
export class ParseVersionPipe implements PipeTransform<string | number, number> {
  transform(value: string | number, metadata: ArgumentMetadata): number {
    const field = metadata.data ?? 'version';
    const rule = 'a positive integer (1, 2, 3, ...)';
    if (typeof value === 'string') {
      if (!VERSION_NUMBER.test(value)) throw invalid(field, value, rule);
      return Number(value);
    }
    if (!Number.isSafeInteger(value) || value < 1 || value > MAX_VERSION) {
      throw new InvalidInputError(`The ${field} in the path is not valid: it must be ${rule}`, [{ field, message: `${field} must be ${rule}` }]);
    }
    return value;
  }
}

/**
 * A version number beside fixed sibling segments (`/templates/{id}/diff` next to `/templates/{id}/{version}`).
 * The router cannot constrain a parameter to digits (path-to-regexp 8 has no inline patterns), so this stands
 * in for `:version(\d+)`: a segment that is not digits names no version route at all, which is a 404 as for
 * any unknown route; digits that are not a version number (0, 007, ten digits) are a 400. Other methods on the
 * fixed paths (`PATCH /templates/{id}/diff`) are answered 405 by the platform before they get here.
 */
export function parseVersion(segment: string): number {
  if (!DIGITS.test(segment)) throw new UnknownRouteError(segment);
  if (!VERSION_NUMBER.test(segment)) {
    throw new InvalidInputError(`'${segment}' is not a valid version: expected a positive integer such as 1 or 12`, [
      { field: 'version', message: `version must be an integer from 1 to ${MAX_VERSION}, without leading zeros` },
    ]);
  }
  return Number(segment);
}

/**
 * The `:version` path parameter read with `parseVersion` from the raw segment. A parameter decorator rather
 * than a pipe on `@Param`: the global ValidationPipe would first turn the segment into a number ('first' into
 * NaN, '007' into 7), and the segment itself is what decides between 404 and 400.
 */
export const VersionParam = createParamDecorator((_: unknown, context: ExecutionContext): number =>
  parseVersion(context.switchToHttp().getRequest<Request>().params.version as string),
);

class UnknownRouteError extends NotFoundError {
  constructor(segment: string) {
    super('Route', segment);
    this.message = `No route here: '${segment}' is not a version number (versions are written in digits)`;
  }
}
