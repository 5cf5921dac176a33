import { describe, expect, it } from '@jest/globals';

import { InvalidInputError, NotFoundError } from '../errors/domain.errors.js';
import { parseVersion } from './path-params.js';

describe('parseVersion', () => {
  it('turns a version written in digits into its number', () => {
    expect(parseVersion('1')).toBe(1);
    expect(parseVersion('999999999')).toBe(999_999_999);
  });

  it('answers a segment that is not digits as an unknown route (404), as :version(\\d+) would', () => {
    for (const segment of ['diff', 'versions', 'first', '1.5', '-1', '1e3', ' 1', '']) expect(() => parseVersion(segment)).toThrow(NotFoundError);
  });

  it('refuses digits that are no version number with a 400 naming the field', () => {
    for (const digits of ['0', '007', '1000000000']) {
      const refusal = (() => {
        try {
          parseVersion(digits);
        } catch (error) {
          return error;
        }
        return null;
      })();
      expect(refusal).toBeInstanceOf(InvalidInputError);
      expect((refusal as InvalidInputError).errors).toEqual([{ field: 'version', message: 'version must be an integer from 1 to 999999999, without leading zeros' }]);
    }
  });
});
