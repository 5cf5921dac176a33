import type { ActorRef, PrincipalKind, Role } from '../../common/auth/principal.js';

/** Whom a key belongs to: it acts as that person or service, whoever holds it. */
export interface ApiKeyOwner extends ActorRef {
  kind: PrincipalKind;
}

export interface ApiKey {
  id: string;
  name: string;
  /** The first characters of the secret, enough to recognise a key in a list; the rest is never stored. */
  prefix: string;
  owner: ApiKeyOwner;
  roles: Role[];
  /** For trainer keys: the external retraining queues whose jobs the key may claim. */
  trainerQueues: string[];
  expiresAt: Date | null;
  createdBy: ActorRef;
  createdAt: Date;
  revokedAt: Date | null;
  revokedBy: ActorRef | null;
  lastUsedAt: Date | null;
}

export type NewApiKey = Pick<ApiKey, 'name' | 'prefix' | 'owner' | 'roles' | 'trainerQueues' | 'expiresAt' | 'createdBy'>;

export function isUsable(key: Pick<ApiKey, 'revokedAt' | 'expiresAt'>, now: Date): boolean {
  return key.revokedAt === null && (key.expiresAt === null || key.expiresAt > now);
}
