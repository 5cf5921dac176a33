import { describe, expect, it } from '@jest/globals';

import type { CheckResult } from './check-result.js';
import { verdictSummary } from './compliance-verdict.service.js';

const check = (name: string, outcome: CheckResult['outcome'], window: string | null = null): CheckResult => ({
  kind: window ? 'STRESS_THRESHOLD' : 'THRESHOLD',
  name,
  window,
  metric: null,
  outcome,
  severity: 'FAIL',
  observed: null,
  limit: null,
  comparator: null,
  message: '',
});

describe(verdictSummary.name, () => {
  it('names the scenario revision and the checks that failed or warned', () => {
    const summary = verdictSummary('kr-main', 3, [check('sharpe >= 1', 'FAIL'), check('maxDrawdown <= 0.3', 'FAIL', 'covid'), check('hitRate >= 0.5', 'WARN'), check('x', 'PASS')]);
    expect(summary).toBe("1 of 4 checks passed against scenario 'kr-main' r3; failed: sharpe >= 1; covid: maxDrawdown <= 0.3; warned: hitRate >= 0.5.");
  });
});
