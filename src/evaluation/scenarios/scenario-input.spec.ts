import { describe, expect, it } from '@jest/globals';

import { InconsistentInputError, InvalidInputError } from '../../common/errors/domain.errors.js';
import { applyChanges, definitionFromInput, storedSeries } from './scenario-input.js';

const RETURNS = [
  { date: '2024-01-03', value: 0.01 },
  { date: '2024-01-02', value: -0.02 },
];

/** The fields an error names, under the kind of error: a breach of the schema (400) or an inconsistency (422). */
function fields(fn: () => unknown): { invalid?: string[]; inconsistent?: string[] } {
  try {
    fn();
  } catch (error) {
    if (error instanceof InconsistentInputError) return { inconsistent: error.errors.map((e) => e.field) };
    if (error instanceof InvalidInputError) return { invalid: error.errors.map((e) => e.field) };
    throw error;
  }
  return {};
}

describe(definitionFromInput.name, () => {
  const sut = definitionFromInput;

  it('applies the defaults and stores the series sorted, in columns', () => {
    const definition = sut({ name: 's', baseline: { returns: RETURNS } }, 100);
    expect(definition).toMatchObject({
      description: '',
      modelName: null,
      frequency: 'DAILY',
      riskFreeRate: null,
      period: null,
      baseline: { label: 'baseline', metrics: null, returns: { dates: ['2024-01-02', '2024-01-03'], values: [-0.02, 0.01] } },
      benchmark: null,
      compliance: { minHistory: null, maxGapDays: null, gapSeverity: 'FAIL', explainability: null },
    });
  });

  it('refuses what spans fields and the schema states: a threshold inside a stress event relative to a baseline without returns', () => {
    const stress = { name: 'x', start: '2024-01-01', end: '2024-01-02', thresholds: [{ metric: 'sharpe', comparator: '>=' as const, baseline: {} }] };
    expect(fields(() => sut({ name: 's', baseline: { metrics: { cagr: 0.1 } }, stressEvents: [stress] }, 100))).toEqual({ invalid: ['stressEvents[0].thresholds[0]'] });
  });

  it('refuses what spans fields beyond any schema: a relative threshold the baseline cannot serve, repeated stress names, a reversed period', () => {
    const errors = fields(() =>
      sut(
        {
          name: 's',
          period: { start: '2024-02-01', end: '2024-01-01' },
          baseline: { metrics: { cagr: 0.1 } },
          stressEvents: [
            { name: 'x', start: '2024-01-01', end: '2024-01-02' },
            { name: 'x', start: '2024-01-03', end: '2024-01-02' },
          ],
          thresholds: [{ metric: 'sharpe', comparator: '>=', baseline: { offset: -0.1 } }],
        },
        100,
      ),
    );
    expect(errors).toEqual({ inconsistent: ['period', 'stressEvents[1].name', 'stressEvents[1]', 'thresholds[0]'] });
  });

  it('refuses baseline metrics the harness would compute from the baseline returns', () => {
    expect(fields(() => sut({ name: 's', baseline: { returns: RETURNS, metrics: { sharpe: 1, turnover: 2 } } }, 100))).toEqual({ invalid: ['baseline.metrics'] });
  });
});

describe(applyChanges.name, () => {
  it('replaces the fields given, clears the nullable ones given as null and refuses to clear the others', () => {
    const current = definitionFromInput({ name: 's', modelName: 'm', baseline: { returns: RETURNS } }, 100);
    const next = applyChanges(current, { modelName: null, description: 'changed' }, 100);
    expect(next).toMatchObject({ modelName: null, description: 'changed', baseline: current.baseline });
    expect(fields(() => applyChanges(current, { name: null as unknown as string }, 100))).toEqual({ invalid: ['name'] });
  });

  it('refuses a change that breaks a rule only together with what the scenario holds, as inconsistent', () => {
    const current = definitionFromInput({ name: 's', baseline: { metrics: { cagr: 0.1 } } }, 100);
    const stress = { name: 'x', start: '2024-01-01', end: '2024-01-02', thresholds: [{ metric: 'sharpe', comparator: '>=' as const, baseline: {} }] };
    expect(fields(() => applyChanges(current, { stressEvents: [stress] }, 100))).toEqual({ inconsistent: ['stressEvents[0].thresholds[0]'] });
  });
});

describe(storedSeries.name, () => {
  it('refuses a reference series with repeated dates, missing values or too many points', () => {
    expect(fields(() => storedSeries([...RETURNS, { date: '2024-01-02', value: 0 }, { date: '2024-01-04', value: null }], 'baseline.returns', 100))).toEqual({
      inconsistent: ['baseline.returns', 'baseline.returns'],
    });
    expect(fields(() => storedSeries(RETURNS, 'benchmark.returns', 1))).toEqual({ inconsistent: ['benchmark.returns'] });
  });
});
