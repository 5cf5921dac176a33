import { Injectable, type PipeTransform } from '@nestjs/common';

import { InvalidInputError } from '../../common/errors/domain.errors.js';
import { LABEL_PATTERN, LABEL_RULE } from './label-name.js';

@Injectable()
export class ParseLabelPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!LABEL_PATTERN.test(value)) {
      throw new InvalidInputError(`'${value}' is not a valid label: use ${LABEL_RULE}`, [{ field: 'label', message: `label must be ${LABEL_RULE}` }]);
    }
    return value;
  }
}
