import { describe, expect, it } from '@jest/globals';

import { InvalidInputError } from '../../../common/errors/domain.errors.js';
import { parseCompareRequest } from './compare-request.js';

describe(parseCompareRequest.name, () => {
  const sut = parseCompareRequest;

  it('reads the versions in order and the baseline', () => {
    expect(sut('3,1,2', '1')).toEqual({ versions: [3, 1, 2], baseline: 1 });
  });

  it('takes the first listed version as the baseline when none is given', () => {
    expect(sut('4,2')).toEqual({ versions: [4, 2], baseline: 4 });
  });

  it.each([['1'], [Array.from({ length: 21 }, (_, i) => i + 1).join(',')]])('refuses %s versions outside 2 to 20', (versions) => {
    expect(() => sut(versions)).toThrow(/between 2 and 20/);
  });

  it('accepts exactly 20 versions', () => {
    expect(sut(Array.from({ length: 20 }, (_, i) => i + 1).join(',')).versions).toHaveLength(20);
  });

  it('refuses a repeated version', () => {
    expect(() => sut('1,2,1')).toThrow(/must not repeat/);
  });

  it.each([['1,x'], ['1,,2'], ['0,1'], ['1,-2'], ['1.5,2'], ['']])('refuses the malformed list %p', (versions) => {
    expect(() => sut(versions)).toThrow(InvalidInputError);
  });

  it('refuses a baseline that is not among the versions, naming the field', () => {
    try {
      sut('1,2', '3');
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).errors).toEqual([{ field: 'baseline', message: expect.stringContaining('must be one of the compared versions') }]);
    }
  });

  it('refuses a malformed baseline', () => {
    expect(() => sut('1,2', 'one')).toThrow(/baseline must be a positive integer/);
  });
});
