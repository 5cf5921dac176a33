import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Types, type Model } from 'mongoose';

import { AuditedRepository, type PendingAudit, withAudit } from '../../audit/index.js';
import type { ActorRef } from '../../common/auth/principal.js';
import { isDuplicateKeyError } from '../../common/database/mongo.repository.js';
import type { Page, PageRequest } from '../../common/pagination/page.js';
import type { ApiKey, NewApiKey } from './api-key.js';
import { ApiKeyDocument } from './api-key.schema.js';

type ApiKeyLean = ApiKeyDocument & { _id: Types.ObjectId };

/** A key's last use is written at most this often: a busy key must not cost a write per request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

@Injectable()
export class ApiKeysRepository extends AuditedRepository<ApiKeyDocument> {
  constructor(@InjectModel(ApiKeyDocument.name) model: Model<ApiKeyDocument>) {
    super(model);
  }

  newId(): string {
    return new Types.ObjectId().toHexString();
  }

  async create(id: string, key: NewApiKey, secretHash: string, draft: PendingAudit): Promise<ApiKey> {
    const created = await this.model.create({ ...key, _id: new Types.ObjectId(id), secretHash, pendingAudit: [draft] });
    return toApiKey(created.toObject() as ApiKeyLean);
  }

  /** The bootstrap key, once per deployment: false when it (or another bootstrap key) already exists. */
  async createBootstrap(id: string, key: NewApiKey, secretHash: string, draft: PendingAudit): Promise<boolean> {
    try {
      await this.model.create({ ...key, _id: new Types.ObjectId(id), secretHash, bootstrap: 'admin', pendingAudit: [draft] });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  async hasUsableAdminKey(now: Date): Promise<boolean> {
    const found = await this.model.exists({ roles: 'admin', revokedAt: null, $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }] }).exec();
    return found !== null;
  }

  async findBySecretHash(secretHash: string): Promise<ApiKey | null> {
    const doc = await this.model.findOne({ secretHash }).lean<ApiKeyLean>().exec();
    return doc ? toApiKey(doc) : null;
  }

  async findById(id: string): Promise<ApiKey | null> {
    const doc = await this.model.findById(id).lean<ApiKeyLean>().exec();
    return doc ? toApiKey(doc) : null;
  }

  async list(filter: { ownerId?: string; includeRevoked: boolean }, page: PageRequest): Promise<Page<ApiKey>> {
    const query: Record<string, unknown> = {};
    if (filter.ownerId) query['owner.id'] = filter.ownerId;
    if (!filter.includeRevoked) query.revokedAt = null;
    const { docs, nextCursor } = await this.findPage(query, { ...page, sortField: 'createdAt', direction: -1 });
    return { items: (docs as ApiKeyLean[]).map(toApiKey), nextCursor };
  }

  /** Revokes a key that is not revoked yet; null when it already was (or does not exist). */
  async revoke(id: string, by: ActorRef, draft: PendingAudit): Promise<ApiKey | null> {
    const doc = await this.model
      .findOneAndUpdate({ _id: id, revokedAt: null }, { $set: { revokedAt: draft.at, revokedBy: by }, ...withAudit(draft) }, { returnDocument: 'after' })
      .lean<ApiKeyLean>()
      .exec();
    return doc ? toApiKey(doc) : null;
  }

  /** Records a use, unless one was recorded within the last minute. Never awaited by a request. */
  async touch(id: string, now: Date): Promise<void> {
    await this.model
      .updateOne({ _id: id, $or: [{ lastUsedAt: null }, { lastUsedAt: { $lt: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } }] }, { $set: { lastUsedAt: now } })
      .exec();
  }
}

function toApiKey(doc: ApiKeyLean): ApiKey {
  return {
    id: doc._id.toHexString(),
    name: doc.name,
    prefix: doc.prefix,
    owner: doc.owner,
    roles: doc.roles,
    trainerQueues: doc.trainerQueues ?? [],
    expiresAt: doc.expiresAt ?? null,
    createdBy: doc.createdBy,
    createdAt: doc.createdAt,
    revokedAt: doc.revokedAt ?? null,
    revokedBy: doc.revokedBy ?? null,
    lastUsedAt: doc.lastUsedAt ?? null,
  };
}
