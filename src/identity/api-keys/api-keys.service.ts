import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';

import { AuditService, pendingAudit } from '../../audit/index.js';
import {
  actorOf,
  PERSON_ONLY_ROLES,
  serviceId,
  SERVICE_ONLY_ROLES,
  SYSTEM_ACTORS,
  type Principal,
  type Role,
} from '../../common/auth/principal.js';
import { ConflictError, ForbiddenError, InconsistentInputError, InvalidInputError, NotFoundError, type FieldError } from '../../common/errors/domain.errors.js';
import type { Page, PageRequest } from '../../common/pagination/page.js';
import { CredentialResolvers } from '../authentication/credential-resolvers.js';
import { isUsable, type ApiKey, type ApiKeyOwner, type NewApiKey } from './api-key.js';
import { API_KEY_PREFIX, displayPrefix, hashApiKey, newApiKeySecret } from './api-key-secret.js';
import { ApiKeysRepository, LAST_USED_RESOLUTION_MS } from './api-keys.repository.js';

export interface ApiKeyRequest {
  name: string;
  /** A named service the key belongs to; without it the key belongs to the caller. */
  service?: string;
  roles: Role[];
  trainerQueues?: string[];
  expiresAt?: Date;
}

const RESOURCE = 'api-key';
export const BOOTSTRAP_OWNER: ApiKeyOwner = { id: 'bootstrap:admin', name: 'Bootstrap administrator', kind: 'person' };
export const BOOTSTRAP_ROLES: Role[] = ['admin', 'editor'];

/**
 * API keys for services and for people who script against the platform. A key acts as whom it belongs to:
 * a key a person mints for themselves is that person for four-eyes, and may hold only roles the person holds
 * at that moment; a service's key never holds the approver role. Keys are checked against the database on
 * every request, so a revocation takes effect at once.
 */
@Injectable()
export class ApiKeysService implements OnModuleInit {
  private readonly logger = new Logger(ApiKeysService.name);

  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly audit: AuditService,
    private readonly resolvers: CredentialResolvers,
  ) {}

  onModuleInit(): void {
    this.resolvers.register(API_KEY_PREFIX, (secret) => this.resolve(secret));
  }

  async create(caller: Principal, request: ApiKeyRequest): Promise<{ key: ApiKey; secret: string }> {
    const owner: ApiKeyOwner = request.service ? { id: serviceId(request.service), name: request.service, kind: 'service' } : { id: caller.id, name: caller.name, kind: caller.kind };
    this.checkRoles(caller, owner, request);
    const secret = newApiKeySecret();
    const key: NewApiKey = {
      name: request.name,
      prefix: displayPrefix(secret),
      owner,
      roles: [...new Set(request.roles)],
      trainerQueues: request.trainerQueues ?? [],
      expiresAt: request.expiresAt ?? null,
      createdBy: actorOf(caller),
    };
    const id = this.keys.newId();
    const draft = pendingAudit({ actor: actorOf(caller), action: 'identity.api-key.created', resource: { type: RESOURCE, id }, before: null, after: summary(key) });
    const created = await this.keys.create(id, key, hashApiKey(secret), draft);
    await this.audit.publish(draft, this.keys, id);
    return { key: created, secret };
  }

  async revoke(caller: Principal, id: string): Promise<ApiKey> {
    const draft = pendingAudit({ actor: actorOf(caller), action: 'identity.api-key.revoked', resource: { type: RESOURCE, id }, before: { revoked: false }, after: { revoked: true } });
    const revoked = await this.keys.revoke(id, actorOf(caller), draft);
    if (!revoked) {
      const current = await this.get(id);
      throw new ConflictError(`API key ${id} was already revoked at ${current.revokedAt?.toISOString()}`);
    }
    await this.audit.publish(draft, this.keys, id);
    return revoked;
  }

  async get(id: string): Promise<ApiKey> {
    const key = await this.keys.findById(id);
    if (!key) throw new NotFoundError('API key', id);
    return key;
  }

  list(filter: { ownerId?: string; includeRevoked: boolean }, page: PageRequest): Promise<Page<ApiKey>> {
    return this.keys.list(filter, page);
  }

  /** The principal a key stands for, or null for an unknown, revoked or expired key. */
  async resolve(secret: string): Promise<Principal | null> {
    const key = await this.keys.findBySecretHash(hashApiKey(secret));
    const now = new Date();
    if (!key || !isUsable(key, now)) return null;
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      void this.keys.touch(key.id, now).catch((error: Error) => this.logger.warn(`Could not record the use of API key ${key.id}: ${error.message}`));
    }
    return {
      id: key.owner.id,
      name: key.owner.name,
      kind: key.owner.kind,
      roles: key.roles,
      credential: 'api-key',
      keyId: key.id,
      ...(key.trainerQueues.length > 0 && { trainerQueues: key.trainerQueues }),
    };
  }

  /**
   * Makes the key of BOOTSTRAP_ADMIN_KEY when the deployment has no usable admin key, once: a restart with
   * the variable still set neither duplicates it nor brings back a revoked one.
   */
  async bootstrap(secret: string): Promise<'created' | 'skipped'> {
    if (await this.keys.hasUsableAdminKey(new Date())) return 'skipped';
    const key: NewApiKey = { name: 'bootstrap administrator', prefix: displayPrefix(secret), owner: BOOTSTRAP_OWNER, roles: BOOTSTRAP_ROLES, trainerQueues: [], expiresAt: null, createdBy: SYSTEM_ACTORS.platform };
    const id = this.keys.newId();
    const draft = pendingAudit({ actor: SYSTEM_ACTORS.platform, action: 'identity.api-key.created', resource: { type: RESOURCE, id }, before: null, after: summary(key) });
    if (!(await this.keys.createBootstrap(id, key, hashApiKey(secret), draft))) return 'skipped';
    await this.audit.publish(draft, this.keys, id);
    return 'created';
  }

  private checkRoles(caller: Principal, owner: ApiKeyOwner, request: ApiKeyRequest): void {
    const errors: FieldError[] = [];
    const roles = request.roles;
    const queues = request.trainerQueues ?? [];
    if (owner.kind === 'service') {
      for (const role of roles.filter((r) => PERSON_ONLY_ROLES.includes(r))) errors.push({ field: 'roles', message: `a service never holds the ${role} role: only people approve` });
    } else {
      for (const role of roles.filter((r) => SERVICE_ONLY_ROLES.includes(r))) errors.push({ field: 'roles', message: `the ${role} role is for services: give service to mint a trainer key` });
    }
    if (roles.includes('trainer') && queues.length === 0) errors.push({ field: 'trainerQueues', message: 'a trainer key names the external retraining queues it may claim from' });
    if (!roles.includes('trainer') && queues.length > 0) errors.push({ field: 'trainerQueues', message: 'trainerQueues apply to trainer keys only' });
    if (errors.length > 0) throw new InvalidInputError(`The key cannot be made: ${errors.map((e) => e.message).join('; ')}`, errors);
    if (request.expiresAt && request.expiresAt <= new Date()) {
      throw new InconsistentInputError('The key cannot be made: expiresAt must be in the future', [{ field: 'expiresAt', message: 'expiresAt must be in the future' }]);
    }
    const beyond = owner.kind === 'person' ? roles.filter((role) => !caller.roles.includes(role)) : [];
    if (beyond.length > 0) {
      throw new ForbiddenError(`A key you mint for yourself may hold only roles you hold; you do not hold ${beyond.join(', ')}`, { roles: beyond });
    }
  }
}

function summary(key: NewApiKey): Record<string, unknown> {
  return { name: key.name, prefix: key.prefix, owner: key.owner, roles: key.roles, trainerQueues: key.trainerQueues, expiresAt: key.expiresAt };
}

