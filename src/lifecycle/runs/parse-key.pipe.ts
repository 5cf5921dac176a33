import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';

import { InvalidInputError } from '../../common/errors/domain.errors.js';
import { KEY_PATTERN, KEY_RULE } from '../../common/validation/patterns.js';

/** Rejects a metric or tag key in a path that could not have been stored (400 before any query runs). */
@Injectable()
export class ParseKeyPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!KEY_PATTERN.test(value)) {
      const field = metadata.data ?? 'key';
      throw new InvalidInputError(`'${value.slice(0, 60)}' is not a valid ${field}: it must be ${KEY_RULE}`, [{ field, message: `${field} must be ${KEY_RULE}` }]);
    }
    return value;
  }
}
