import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, Types } from 'mongoose';

import { isDuplicateKeyError, MongoRepository } from '../../common/database/mongo.repository.js';
import type { Page, PageRequest } from '../../common/pagination/page.js';
import type { AuditCheckpoint } from './audit-checkpoint.js';
import { AuditCheckpointDocument } from './audit-checkpoint.schema.js';

type CheckpointLean = AuditCheckpointDocument & { _id: Types.ObjectId };

@Injectable()
export class AuditCheckpointsRepository extends MongoRepository<AuditCheckpointDocument> {
  constructor(@InjectModel(AuditCheckpointDocument.name) model: Model<AuditCheckpointDocument>) {
    super(model);
  }

  /** False when this key already checkpointed that position (another process got there first). */
  async add(checkpoint: AuditCheckpoint): Promise<boolean> {
    try {
      await this.model.create(checkpoint);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  async latest(): Promise<AuditCheckpoint | null> {
    const doc = await this.model.findOne({}).sort({ seq: -1, _id: -1 }).lean<CheckpointLean>().exec();
    return doc ? toCheckpoint(doc) : null;
  }

  async list(page: PageRequest): Promise<Page<AuditCheckpoint>> {
    const { docs, nextCursor } = await this.findPage({}, { ...page, sortField: 'seq', direction: -1 });
    return { items: (docs as CheckpointLean[]).map(toCheckpoint), nextCursor };
  }

  async *all(): AsyncGenerator<AuditCheckpoint> {
    const cursor = this.model.find({}).sort({ seq: 1 }).lean<CheckpointLean[]>().batchSize(1000).cursor();
    try {
      for await (const doc of cursor) yield toCheckpoint(doc as unknown as CheckpointLean);
    } finally {
      await cursor.close();
    }
  }
}

function toCheckpoint(doc: CheckpointLean): AuditCheckpoint {
  return { seq: doc.seq, hash: doc.hash, at: doc.at, keyId: doc.keyId, jws: doc.jws };
}
