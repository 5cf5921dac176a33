import { Injectable, type PipeTransform, type ArgumentMetadata } from '@nestjs/common';

import { InvalidInputError } from '../errors/domain.errors.js';

const OBJECT_ID = /^[0-9a-f]{24}$/i;

export function isObjectId(value: unknown): value is string {
  return typeof value === 'string' && OBJECT_ID.test(value);
}

/** Rejects a malformed id in a path with a 400 before any query runs. */
@Injectable()
export class ParseObjectIdPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!isObjectId(value)) {
      const field = metadata.data ?? 'id';
      throw new InvalidInputError(`'${value}' is not a valid ${field}: expected a 24-character hexadecimal id`, [
        { field, message: `${field} must be a 24-character hexadecimal id` },
      ]);
    }
    return value.toLowerCase();
  }
}
