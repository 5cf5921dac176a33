import type { RunStatus } from '../../../libs/contracts/src/index.js';
import { ConflictError } from '../../common/errors/domain.errors.js';
import type { Run } from './run.js';

/**
 * A run moves exactly once, from RUNNING to one of FINISHED, FAILED or KILLED; an ended run is never
 * re-opened and never moves between end states, so its metrics and params are final.
 */
export function canTransition(from: RunStatus, to: RunStatus): boolean {
  return from === 'RUNNING' && to !== 'RUNNING';
}

/** Params, metrics and artifacts describe what a run did; once it has ended they are final (409). */
export function assertRunning(run: Pick<Run, 'name' | 'status'>, what: string): void {
  if (run.status !== 'RUNNING') {
    throw new ConflictError(`Run '${run.name}' is ${run.status}; ${what} can only be logged while a run is RUNNING`, { runStatus: run.status });
  }
}
