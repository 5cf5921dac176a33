import { describe, expect, it } from '@jest/globals';

import { RUN_STATUSES } from '../../../libs/contracts/src/index.js';
import { ConflictError } from '../../common/errors/domain.errors.js';
import { assertRunning, canTransition } from './run-status.js';

describe(canTransition.name, () => {
  const sut = canTransition;

  it.each(['FINISHED', 'FAILED', 'KILLED'] as const)('lets a running run end as %s', (to) => {
    expect(sut('RUNNING', to)).toBe(true);
  });

  it('refuses to move a running run to RUNNING again', () => {
    expect(sut('RUNNING', 'RUNNING')).toBe(false);
  });

  it.each(['FINISHED', 'FAILED', 'KILLED'] as const)('never re-opens or re-ends a %s run', (from) => {
    for (const to of RUN_STATUSES) expect(sut(from, to)).toBe(false);
  });
});

describe(assertRunning.name, () => {
  const sut = assertRunning;

  it('lets a running run take new data', () => {
    expect(() => sut({ name: 'r1', status: 'RUNNING' }, 'params')).not.toThrow();
  });

  it.each(['FINISHED', 'FAILED', 'KILLED'] as const)('refuses new data for a %s run with a conflict naming the status', (status) => {
    expect(() => sut({ name: 'r1', status }, 'metrics')).toThrow(new ConflictError(`Run 'r1' is ${status}; metrics can only be logged while a run is RUNNING`));
  });
});
