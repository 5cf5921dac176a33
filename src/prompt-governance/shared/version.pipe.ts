import { Injectable, type PipeTransform } from '@nestjs/common';

import { InvalidInputError } from '../../common/errors/domain.errors.js';

const VERSION = /^[1-9][0-9]{0,8}$/;

/** A version number in a path: a positive integer, or a 400 before any query runs. */
@Injectable()
export class ParseVersionPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!VERSION.test(value)) {
      throw new InvalidInputError(`'${value}' is not a valid version: expected a positive integer such as 1 or 12`, [
        { field: 'version', message: 'version must be a positive integer' },
      ]);
    }
    return Number(value);
  }
}
