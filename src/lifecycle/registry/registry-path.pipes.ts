import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';

import { InvalidInputError } from '../../common/errors/domain.errors.js';
import { KEY_PATTERN, KEY_RULE, NAME_PATTERN, NAME_RULE } from '../../common/validation/patterns.js';

const VERSION_NUMBER = /^[1-9][0-9]{0,8}$/;
const MAX_VERSION = 999_999_999;

function invalid(field: string, value: string, rule: string): InvalidInputError {
  return new InvalidInputError(`'${value.slice(0, 100)}' is not a valid ${field}: it must be ${rule}`, [{ field, message: `${field} must be ${rule}` }]);
}

/** A model name in a path: a malformed one is a 400 before any query runs. */
@Injectable()
export class ParseModelNamePipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!NAME_PATTERN.test(value)) throw invalid(metadata.data ?? 'model', value, NAME_RULE);
    return value;
  }
}

/**
 * A version number in a path: a positive integer, or a 400. The global ValidationPipe has already turned the
 * text into a number for a `number` parameter ('abc' into NaN, '1.5' into 1.5), so both forms are checked.
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

@Injectable()
export class ParseChecklistKeyPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!KEY_PATTERN.test(value)) throw invalid(metadata.data ?? 'key', value, KEY_RULE);
    return value;
  }
}
