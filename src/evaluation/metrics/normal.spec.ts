import { describe, expect, it } from '@jest/globals';

import { erfc } from './normal.js';

describe(erfc.name, () => {
  const sut = erfc;

  it('matches reference values to within its documented 1.2e-7 relative error', () => {
    // Reference values of erfc from a double-precision library implementation.
    for (const [x, expected] of [
      [0, 1],
      [0.5, 0.4795001221869535],
      [-1.3, 1.9340079449406524],
      [2.7, 0.00013433273994052422],
    ]) {
      expect(Math.abs(sut(x) - expected) / expected).toBeLessThan(1.2e-7);
    }
  });
});
