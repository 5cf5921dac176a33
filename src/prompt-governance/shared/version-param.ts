import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

import { InvalidInputError, NotFoundError } from '../../common/errors/domain.errors.js';

export const MAX_VERSION = 999_999_999;
const DIGITS = /^[0-9]+$/;
const VERSION = /^[1-9][0-9]{0,8}$/;

/**
 * A version number in a path. The router cannot constrain a parameter to digits (path-to-regexp 8 has no
 * inline patterns), so this stands in for `:version(\d+)`: a segment that is not digits names no version
 * route at all, which is a 404 as for any unknown route; digits that are not a version number (0, 007,
 * ten digits) are a 400. Other methods on the fixed paths beside it (`PATCH /templates/{id}/diff`) are
 * answered 405 by the platform before they get here.
 */
export function parseVersion(segment: string): number {
  if (!DIGITS.test(segment)) throw new UnknownRouteError(segment);
  if (!VERSION.test(segment)) {
    throw new InvalidInputError(`'${segment}' is not a valid version: expected a positive integer such as 1 or 12`, [
      { field: 'version', message: `version must be an integer from 1 to ${MAX_VERSION}, without leading zeros` },
    ]);
  }
  return Number(segment);
}

/**
 * The `:version` path parameter, parsed from the raw segment. A parameter decorator rather than a pipe on
 * `@Param`: the global ValidationPipe would first turn the segment into a number ('first' into NaN, '007'
 * into 7), and the segment itself is what decides between 404 and 400.
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
