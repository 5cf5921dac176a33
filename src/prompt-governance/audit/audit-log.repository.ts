import { setTimeout as sleep } from 'node:timers/promises';

import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, Types } from 'mongoose';

import { isDuplicateKeyError, MongoRepository, type PageRequest } from '../../common/database/mongo.repository.js';
import { ServiceUnavailableError } from '../../common/errors/domain.errors.js';
import type { Page } from '../../common/pagination/page.js';
import { canonicalValue } from '../shared/canonical-json.js';
import { GENESIS_HASH, hashEntry, linkProblem, type AuditEntry, type AuditEntryBody, type PendingAudit } from './audit-entry.js';
import { AuditChainDocument, AuditEntryDocument } from './audit-entry.schema.js';

type EntryLean = AuditEntryDocument & { _id: Types.ObjectId };
interface ChainHead {
  seq: number;
  lastHash: string;
}

const HEAD_ID = 'prompt-governance';
const MAX_APPEND_ATTEMPTS = 200;
const VERIFY_BATCH = 1000;

export interface ChainBreak {
  seq: number;
  entryId: string | null;
  reason: string;
}

export interface ChainVerification {
  intact: boolean;
  entriesChecked: number;
  headSeq: number;
  /** Entries the head had not caught up with (an appender stopped between its two writes), now linked in. */
  healed: number;
  firstBreak: ChainBreak | null;
}

/**
 * The hash-chained audit log without transactions. An append inserts the entry at position head+1
 * (a unique index on `seq` lets exactly one of several racing appenders take a position), then moves the
 * head forward with a compare-and-set on the position it read. An appender that finds its position taken
 * first helps the head forward to the entry that took it, then retries; so an appender that stopped
 * between its two writes is healed by the next append (or by verify), and the chain can never fork.
 */
@Injectable()
export class AuditLogRepository extends MongoRepository<AuditEntryDocument> {
  constructor(
    @InjectModel(AuditEntryDocument.name) model: Model<AuditEntryDocument>,
    @InjectModel(AuditChainDocument.name) private readonly chain: Model<AuditChainDocument>,
  ) {
    super(model);
  }

  override async onModuleInit(): Promise<void> {
    await Promise.all([super.onModuleInit(), this.chain.init()]);
  }

  /**
   * Appends a pending draft exactly once: an entry that already records its draftId is returned as it is,
   * and a duplicate key that turns out to be on the draftId (someone else appended it meanwhile) ends the
   * append with that entry rather than a second one.
   */
  async append(draft: PendingAudit): Promise<AuditEntry> {
    const appended = await this.findByDraftId(draft.draftId);
    if (appended) return appended;
    const before = canonicalValue(draft.before);
    const after = canonicalValue(draft.after);
    for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt++) {
      const head = await this.readHead();
      const body: AuditEntryBody = {
        seq: head.seq + 1,
        prevHash: head.lastHash,
        at: draft.at,
        actor: draft.actor,
        action: draft.action,
        templateId: draft.templateId,
        version: draft.version ?? null,
        label: draft.label ?? null,
        before,
        after,
        comment: draft.comment ?? null,
      };
      const hash = hashEntry(body);
      try {
        const { insertedId } = await this.model.collection.insertOne({ ...body, hash, draftId: draft.draftId });
        await this.advanceHead(head, { seq: body.seq, lastHash: hash });
        return { ...body, hash, id: String(insertedId) };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        const byOther = await this.findByDraftId(draft.draftId);
        if (byOther) return byOther;
        await this.catchUp(head);
        await sleep(Math.random() * Math.min(20, 1 + attempt));
      }
    }
    throw new ServiceUnavailableError('The audit log is too busy to record this change; retry the request');
  }

  private async findByDraftId(draftId: string): Promise<AuditEntry | null> {
    const doc = await this.model.findOne({ draftId }).lean<EntryLean>().exec();
    return doc ? toEntry(doc) : null;
  }

  async listForTemplate(templateId: string, page: PageRequest): Promise<Page<AuditEntry>> {
    const { docs, nextCursor } = await this.findPage({ templateId }, { ...page, sortField: 'seq', direction: 1 });
    return { items: (docs as EntryLean[]).map(toEntry), nextCursor };
  }

  /** Walks the whole chain in order, recomputing every hash and link, and reports the first break. */
  async verify(): Promise<ChainVerification> {
    let head = await this.readHead();
    let healed = 0;
    while (healed < MAX_APPEND_ATTEMPTS && (await this.catchUp(head))) {
      healed++;
      head = await this.readHead();
    }
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let checked = 0;
    const cursor = this.model.find({}).sort({ seq: 1 }).lean<EntryLean[]>().batchSize(VERIFY_BATCH).cursor();
    for await (const doc of cursor) {
      const entry = doc as unknown as EntryLean;
      checked++;
      const problem = linkProblem(entry, expectedSeq, prevHash);
      if (problem) {
        await cursor.close();
        const seq = Math.min(entry.seq, expectedSeq);
        return { intact: false, entriesChecked: checked, headSeq: head.seq, healed, firstBreak: { seq, entryId: seq === entry.seq ? entry._id.toHexString() : null, reason: problem } };
      }
      prevHash = entry.hash;
      expectedSeq++;
    }
    const last = expectedSeq - 1;
    if (head.seq > last) {
      return { intact: false, entriesChecked: checked, headSeq: head.seq, healed, firstBreak: { seq: last + 1, entryId: null, reason: `entries ${last + 1} to ${head.seq} are missing: the head records ${head.seq} entries` } };
    }
    if (head.seq === last && head.lastHash !== prevHash) {
      return { intact: false, entriesChecked: checked, headSeq: head.seq, healed, firstBreak: { seq: last, entryId: null, reason: `the head's hash does not match entry ${last}` } };
    }
    return { intact: true, entriesChecked: checked, headSeq: head.seq, healed, firstBreak: null };
  }

  private async readHead(): Promise<ChainHead> {
    const head = await this.chain
      .findOneAndUpdate({ _id: HEAD_ID }, { $setOnInsert: { seq: 0, lastHash: GENESIS_HASH } }, { upsert: true, returnDocument: 'after' })
      .lean<ChainHead>()
      .exec();
    return { seq: head!.seq, lastHash: head!.lastHash };
  }

  /** Compare-and-set on the position read: if it fails, another appender has already moved the head on. */
  private async advanceHead(from: ChainHead, to: ChainHead): Promise<void> {
    await this.chain.updateOne({ _id: HEAD_ID, seq: from.seq, lastHash: from.lastHash }, { $set: to }).exec();
  }

  /** Moves the head onto an entry written past it by an appender that has not (yet) moved it. */
  private async catchUp(head: ChainHead): Promise<boolean> {
    const next = await this.model.findOne({ seq: head.seq + 1 }, { seq: 1, hash: 1 }).lean<EntryLean>().exec();
    if (!next) return false;
    await this.advanceHead(head, { seq: next.seq, lastHash: next.hash });
    return true;
  }
}

function toEntry(doc: EntryLean): AuditEntry {
  return {
    id: doc._id.toHexString(),
    seq: doc.seq,
    prevHash: doc.prevHash,
    hash: doc.hash,
    at: doc.at,
    actor: doc.actor,
    action: doc.action,
    templateId: doc.templateId,
    version: doc.version ?? null,
    label: doc.label ?? null,
    before: doc.before ?? null,
    after: doc.after ?? null,
    comment: doc.comment ?? null,
  };
}
