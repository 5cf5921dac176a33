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

  /** The credential is missing, unknown, revoked or expired. */
  get isUnauthorized(): boolean {
    return this.status === 401;
  }

  /** The caller is known but may not do this (a missing role, or a rule such as four-eyes). */
  get isForbidden(): boolean {
    return this.status === 403;
  }
}
