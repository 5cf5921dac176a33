/**
 * Who is calling. Every request is made by an authenticated principal; every governed change records it
 * as an `ActorRef` (stable id plus display name). Identities are compared by `id` only: two credentials of
 * one person (an OIDC token and that person's API key) are one identity, two display names are not.
 */
export const ROLES = ['viewer', 'editor', 'approver', 'admin', 'trainer'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that only people may hold: a service can never approve. */
export const PERSON_ONLY_ROLES: readonly Role[] = ['approver'];
/** Roles that only services may hold. */
export const SERVICE_ONLY_ROLES: readonly Role[] = ['trainer'];
/** Roles that include reading everything; a trainer reads only what its job needs. */
export const READER_ROLES: readonly Role[] = ['viewer', 'editor', 'approver', 'admin'];

export type PrincipalKind = 'person' | 'service';
/** `system`: the platform acting on its own (the retraining pipeline registering a version, say). */
export type CredentialKind = 'oidc' | 'api-key' | 'job-token' | 'system';

export interface ActorRef {
  id: string;
  name: string;
}

export interface Principal extends ActorRef {
  kind: PrincipalKind;
  roles: Role[];
  credential: CredentialKind;
  /** The API key used, when the credential is one. */
  keyId?: string;
  /** A job token is valid for this one retraining job only. */
  jobId?: string;
  /** Queues whose external retraining jobs a trainer key may claim. */
  trainerQueues?: string[];
}

/** Platform identities that act on their own: they are named in the audit log like anyone else. */
export const SYSTEM_ACTORS = {
  evaluationHarness: { id: 'system:evaluation-harness', name: 'Evaluation harness' },
  retrainingPipeline: { id: 'system:retraining-pipeline', name: 'Retraining pipeline' },
  platform: { id: 'system:platform', name: 'Platform' },
} as const satisfies Record<string, ActorRef>;

/** A platform identity as a principal, for the code paths it shares with requests. */
export function systemPrincipal(actor: ActorRef, roles: Role[]): Principal {
  return { ...actor, kind: 'service', roles, credential: 'system' };
}

export function actorOf(principal: ActorRef): ActorRef {
  return { id: principal.id, name: principal.name };
}

export function hasRole(principal: Pick<Principal, 'roles'>, role: Role): boolean {
  return principal.roles.includes(role);
}

/** Stable ids by kind: people from the identity provider, named services, the trainer of one job. */
export const personId = (subject: string) => `user:${subject}`;
export const serviceId = (name: string) => `service:${name}`;
export const jobTrainerId = (jobId: string) => `trainer-job:${jobId}`;
