import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';

import { InconsistentInputError, InvalidInputError, type FieldError } from '../errors/domain.errors.js';
import { onlyBeyondSchema } from './beyond-schema.js';
import { nullFieldErrors } from './null-fields.js';

/** Flattens nested class-validator errors into `field.path: message` pairs a person can act on. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** The one validation pipe: whitelist, forbid unknown members, transform, and no null where none is allowed. */
class PlatformValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && metadata.metatype) {
      const errors = nullFieldErrors(value, metadata.metatype as new () => object);
      if (errors.length > 0) throw new InvalidInputError(`The request is invalid: ${errors.map((e) => e.message).slice(0, 3).join('; ')}`, errors);
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new PlatformValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fieldErrors = flattenValidationErrors(errors);
      const summary = fieldErrors.slice(0, 3).map((e) => e.message).join('; ');
      const more = fieldErrors.length > 3 ? ` (and ${fieldErrors.length - 3} more)` : '';
      if (onlyBeyondSchema(errors)) return new InconsistentInputError(`The request is inconsistent: ${summary}${more}`, fieldErrors);
      return new InvalidInputError(`The request is invalid: ${summary}${more}`, fieldErrors);
    },
  });
}
