/**
 * Errors that services throw to say why a request cannot be honoured. The one global filter maps each
 * kind to an HTTP status and an RFC 9457 problem document; services never think in HTTP terms.
 */
export interface FieldError {
  field: string;
  message: string;
}

export abstract class DomainError extends Error {
  /** Short, stable, human-readable summary used as the problem `title`. */
  abstract readonly title: string;
  /** Stable slug used to build the problem `type` URI. */
  abstract readonly code: string;
  /** Extra members added to the problem document (for example the unmet checklist items). */
  readonly extensions: Record<string, unknown>;

  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.extensions = extensions;
  }
}

export class NotFoundError extends DomainError {
  readonly title: string = 'Resource not found';
  readonly code: string = 'not-found';

  constructor(resource: string, key: string | number) {
    super(`${resource} '${key}' does not exist`, { resource });
  }
}

export class DuplicateError extends DomainError {
  readonly title: string = 'Resource already exists';
  readonly code: string = 'duplicate';
}

export class ConflictError extends DomainError {
  readonly title: string = 'Conflict with the current state';
  readonly code: string = 'conflict';
}

export class IllegalTransitionError extends DomainError {
  readonly title: string = 'Illegal state transition';
  readonly code: string = 'illegal-transition';

  constructor(what: string, from: string, to: string, extensions: Record<string, unknown> = {}) {
    super(`${what} cannot move from ${from} to ${to}`, { from, to, ...extensions });
  }
}

export class InvalidInputError extends DomainError {
  readonly title: string = 'Invalid request';
  readonly code: string = 'invalid-input';

  constructor(message: string, readonly errors: FieldError[] = []) {
    super(message);
  }
}

export class ServiceUnavailableError extends DomainError {
  readonly title: string = 'Dependency unavailable';
  readonly code: string = 'service-unavailable';
}
