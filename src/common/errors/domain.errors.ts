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
  /** Response headers the answer must carry (for example WWW-Authenticate on a 401). */
  readonly headers: Record<string, string> = {};

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

/**
 * A request that fits its documented schema but whose values break a rule the schema language cannot
 * state: a relation between values (a start after its end, a name used twice in a list, a placeholder that
 * is not declared), or one with the present or with a signature (an expiry already past, a checkpoint that
 * does not verify). A 422, so that 400 always means "outside the schema" and the document is the whole
 * contract of the 400s.
 */
export class InconsistentInputError extends InvalidInputError {
  override readonly title: string = 'Inconsistent request';
  override readonly code: string = 'inconsistent-input';
}

export class ServiceUnavailableError extends DomainError {
  readonly title: string = 'Dependency unavailable';
  readonly code: string = 'service-unavailable';
}

/** No credential, or one that is not valid (unknown, revoked, expired, wrong issuer or audience, bad signature). */
export class UnauthenticatedError extends DomainError {
  readonly title: string = 'Authentication required';
  readonly code: string = 'unauthenticated';
  override readonly headers: Record<string, string>;

  constructor(message: string, error: 'invalid_request' | 'invalid_token' | null = 'invalid_token') {
    super(message);
    const description = message.replace(/["\\]/g, "'");
    this.headers = { 'WWW-Authenticate': error ? `Bearer realm="mlops", error="${error}", error_description="${description}"` : 'Bearer realm="mlops"' };
  }
}

/** An authenticated principal that may not do this: a missing role, or a rule such as four-eyes. */
export class ForbiddenError extends DomainError {
  readonly title: string = 'Forbidden';
  readonly code: string = 'forbidden';
}
