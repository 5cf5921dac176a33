import { describe, expect, it } from '@jest/globals';

import { definitionFromInput } from './scenario-input.js';
import { changedFields, scenarioCreatedAudit, scenarioRevisedAudit } from './scenario-audit.js';

const ALICE = { id: 'user:alice', name: 'Alice Kim' };
const RETURNS = [
  { date: '2024-01-02', value: 0.01 },
  { date: '2024-01-03', value: -0.02 },
];
const definition = definitionFromInput({ name: 'momentum', modelName: 'kr', baseline: { returns: RETURNS }, thresholds: [{ metric: 'sharpe', comparator: '>=', value: 1 }] }, 100);

describe(changedFields.name, () => {
  const sut = changedFields;

  it('names only the fields whose values differ, in definition order', () => {
    const after = { ...definition, thresholds: [{ ...definition.thresholds[0], value: 2 }], description: 'tighter', benchmark: null };
    expect(sut(definition, after)).toEqual(['description', 'thresholds']);
  });

  it('treats an equal value written in another key order, or recomputed from the same input, as unchanged', () => {
    const same = definitionFromInput({ name: 'momentum', modelName: 'kr', baseline: { returns: [...RETURNS].reverse() }, thresholds: [{ comparator: '>=', metric: 'sharpe', value: 1 }] }, 100);
    expect(sut(definition, same)).toEqual([]);
  });

  it('sees a change inside a series', () => {
    const after = { ...definition, baseline: { ...definition.baseline, returns: { dates: ['2024-01-02', '2024-01-03'], values: [0.01, -0.03] } } };
    expect(sut(definition, after)).toEqual(['baseline']);
  });
});

describe('scenario audit drafts', () => {
  it('records a creation with its first revision, name and model, and none of the definition', () => {
    const draft = scenarioCreatedAudit(ALICE, '665f1c2b9d1e8a0012345678', definition);
    expect(draft).toMatchObject({
      actor: ALICE,
      action: 'evaluation.scenario.created',
      resource: { type: 'evaluation-scenario', id: '665f1c2b9d1e8a0012345678' },
      context: { revision: 1 },
      outcome: 'SUCCEEDED',
      before: null,
      after: { revision: 1, name: 'momentum', modelName: 'kr' },
    });
    expect(JSON.stringify(draft)).not.toContain('2024-01-02');
    expect(draft.draftId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('records a revision with the revisions it went between and the fields it changed', () => {
    const draft = scenarioRevisedAudit(ALICE, '665f1c2b9d1e8a0012345678', 3, ['benchmark', 'thresholds']);
    expect(draft).toMatchObject({
      action: 'evaluation.scenario.revised',
      resource: { type: 'evaluation-scenario', id: '665f1c2b9d1e8a0012345678' },
      context: { revision: 4 },
      before: { revision: 3 },
      after: { revision: 4, changedFields: ['benchmark', 'thresholds'] },
    });
  });
});
