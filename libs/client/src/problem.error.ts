import type { ProblemDocument } from '../../contracts/src/index.js';

/** A 4xx/5xx answer of the platform, carrying its RFC 9457 problem document. */
export class MlopsApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: ProblemDocument,
  ) {
    super(`${status} ${problem.title}: ${problem.detail}`);
    this.name = 'MlopsApiError';
  }

  get isConflict(): boolean {
    return this.status === 409;
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }
}
