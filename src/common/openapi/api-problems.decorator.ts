import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

import { PROBLEM_CONTENT_TYPE, ProblemDetailsDto } from '../errors/problem-details.js';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: malformed id, failed validation or a disallowed filter; `errors` lists the fields',
  404: 'The resource does not exist',
  409: 'Duplicate key or a state that does not allow the change',
  413: 'The request body is larger than the configured limit',
  422: 'The request fits its schema but breaks a rule between its values, or with the present state, that the schema cannot state; `errors` lists the fields',
  503: 'A dependency (MongoDB or Redis) is unavailable',
};

/** Documents the problem+json answers an endpoint can give, in the one error shape of the API. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/ProblemDetailsDto' } } },
      }),
    ),
  );
}

export const PROBLEM_SCHEMA_MODELS = [ProblemDetailsDto];
