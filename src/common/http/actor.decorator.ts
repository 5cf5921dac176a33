import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

import { InvalidInputError } from '../errors/domain.errors.js';

export const ACTOR_HEADER = 'X-Actor';
const ACTOR_PATTERN = /^[A-Za-z0-9._@:-]{1,128}$/;

/**
 * Who is acting. Until authentication exists the caller names itself in the X-Actor header; this is
 * the one place that decides it, so authentication can later replace it without touching a service.
 */
export const Actor = createParamDecorator((options: { optional?: boolean } | undefined, context: ExecutionContext): string | null => {
  const value = context.switchToHttp().getRequest<Request>().header(ACTOR_HEADER);
  if (value === undefined || value === '') {
    if (options?.optional) return null;
    throw new InvalidInputError(`The ${ACTOR_HEADER} header is required: name who performs this action`, [
      { field: ACTOR_HEADER, message: `${ACTOR_HEADER} header is required` },
    ]);
  }
  if (!ACTOR_PATTERN.test(value)) {
    throw new InvalidInputError(`The ${ACTOR_HEADER} header must be 1-128 letters, digits or . _ @ : -`, [
      { field: ACTOR_HEADER, message: `${ACTOR_HEADER} must be 1-128 letters, digits or . _ @ : -` },
    ]);
  }
  return value;
});
