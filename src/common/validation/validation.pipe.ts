import { ValidationPipe, type ValidationError } from '@nestjs/common';

import { InvalidInputError, type FieldError } from '../errors/domain.errors.js';

/** Flattens nested class-validator errors into `field.path: message` pairs a person can act on. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fieldErrors = flattenValidationErrors(errors);
      const summary = fieldErrors.slice(0, 3).map((e) => e.message).join('; ');
      const more = fieldErrors.length > 3 ? ` (and ${fieldErrors.length - 3} more)` : '';
      return new InvalidInputError(`The request is invalid: ${summary}${more}`, fieldErrors);
    },
  });
}
