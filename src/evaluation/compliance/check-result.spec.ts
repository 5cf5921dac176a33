import { describe, expect, it } from '@jest/globals';

import { complianceStatusOf, type CheckResult } from './check-result.js';

const check = (outcome: CheckResult['outcome']): CheckResult => ({
  kind: 'THRESHOLD',
  name: 'x',
  window: null,
  metric: 'x',
  outcome,
  severity: 'FAIL',
  observed: 1,
  limit: 1,
  comparator: '>=',
  message: '',
});

describe(complianceStatusOf.name, () => {
  const sut = complianceStatusOf;

  it('fails on any failed check, warns on any warning, passes otherwise', () => {
    expect(sut([check('PASS'), check('WARN'), check('FAIL')])).toBe('FAILED');
    expect(sut([check('PASS'), check('WARN')])).toBe('PASSED_WITH_WARNINGS');
    expect(sut([check('PASS')])).toBe('PASSED');
    expect(sut([])).toBe('PASSED');
  });
});
