import { InvalidInputError } from '../../../common/errors/domain.errors.js';

/** A filter or ordering that does not parse: answered as 400 with the 1-based position and what was expected there. */
export class RunQuerySyntaxError extends InvalidInputError {
  constructor(
    readonly field: 'filter' | 'orderBy',
    readonly position: number,
    readonly expected: string,
    found: string,
  ) {
    const problem = `at position ${position}: expected ${expected}, found ${found}`;
    super(`The ${field} is invalid ${problem}`, [{ field, message: `${field} ${problem}` }]);
    Object.assign(this.extensions, { position, expected });
  }
}
