import { describe, expect, it } from '@jest/globals';

import { runTagsFor as sut } from './run-tags.js';

describe(sut.name, () => {
  const result = { metrics: { auc: 0.9 }, params: {}, artifactUri: 's3://m', tags: { trainer: 'lr', retraining_trigger: 'spoofed' } };

  it('links the run to the job, its trigger and its drift events, over the trainer tags', () => {
    const tags = sut({ id: 'j1', trigger: { kind: 'DRIFT', reason: 'drift event e1 (HIGH)', requestedBy: null }, driftEventIds: ['e1', 'e2'], result });
    expect(tags).toEqual({
      trainer: 'lr',
      retraining_job_id: 'j1',
      retraining_trigger: 'DRIFT',
      retraining_reason: 'drift event e1 (HIGH)',
      drift_event_ids: 'e1,e2',
    });
  });

  it('leaves out drift events for a manual trigger and truncates long values', () => {
    const tags = sut({ id: 'j2', trigger: { kind: 'MANUAL', reason: 'x'.repeat(6000), requestedBy: { id: 'user:kim', name: 'Kim' } }, driftEventIds: [], result: null });
    expect(tags).not.toHaveProperty('drift_event_ids');
    expect(tags.retraining_reason).toHaveLength(5000);
  });
});
