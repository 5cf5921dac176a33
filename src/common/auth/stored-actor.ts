import type { ActorRef } from './principal.js';

/** Prefix of the ids given to names recorded before sign-in: a self-declared name, never a principal's id. */
export const UNVERIFIED_ACTOR_PREFIX = 'unverified:';

/**
 * An actor as a document holds it: an `ActorRef`, or, on documents written before changes were
 * authenticated, the name the caller declared, kept as the name under an id that no principal can have.
 */
export function storedActor(value: ActorRef | string | null | undefined): ActorRef | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return { id: `${UNVERIFIED_ACTOR_PREFIX}${value}`, name: value };
  return { id: value.id, name: value.name };
}
