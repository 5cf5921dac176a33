import type { NextFunction, Request, Response } from 'express';

import { hasRole } from '../common/auth/principal.js';
import { DomainError, ForbiddenError } from '../common/errors/domain.errors.js';
import { ProblemDetailsFilter } from '../common/errors/problem.filter.js';
import { currentRequestId } from '../common/http/request-context.js';
import { PROBLEM_CONTENT_TYPE } from '../common/errors/problem-details.js';
import { type Authenticator } from '../identity/index.js';

const problems = new ProblemDetailsFilter();

/**
 * Admits only admins to a page mounted outside Nest's routing (the queue dashboard, which shows job payloads
 * and can pause queues). Answers refusals in the API's problem format.
 */
export function adminOnly(authenticator: Authenticator) {
  return (request: Request, response: Response, next: NextFunction): void => {
    authenticator
      .authenticate(request.headers.authorization)
      .then((principal) => {
        if (!hasRole(principal, 'admin')) throw new ForbiddenError(`The queue dashboard is for admins; ${principal.name} holds ${principal.roles.join(', ') || 'no role'}`);
        next();
      })
      .catch((error: unknown) => {
        const problem = problems.toProblem(error);
        if (error instanceof DomainError) for (const [name, value] of Object.entries(error.headers)) response.setHeader(name, value);
        response
          .status(problem.status)
          .type(PROBLEM_CONTENT_TYPE)
          .send(JSON.stringify({ ...problem, instance: request.originalUrl, requestId: currentRequestId() }));
      });
  };
}
