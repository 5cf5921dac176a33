import { setTimeout as sleep } from 'node:timers/promises';

import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, QueryFilter, Types } from 'mongoose';

import { isDuplicateKeyError, MongoRepository } from '../common/database/mongo.repository.js';
import { ServiceUnavailableError } from '../common/errors/domain.errors.js';
import type { Page, PageRequest } from '../common/pagination/page.js';
import { GENESIS_HASH, hashEntry, type AuditEntry, type AuditEntryBody, type PendingAudit } from './audit-entry.js';
import { AuditChainDocument, AuditEntryDocument } from './audit-entry.schema.js';
import { commonFieldsOf, hashLegacyEntry, type LegacyPromptAuditEntry } from './legacy/prompt-audit-entry.js';

type EntryLean = AuditEntryDocument & { _id: Types.ObjectId };

export interface ChainHead {
  seq: number;
  lastHash: string;
}

export interface AuditFilter {
  actorId?: string;
  action?: string;
  resourceType?: string;
  resourceId?: string;
  outcome?: string;
  from?: Date;
  to?: Date;
  afterSeq?: number;
}

const HEAD_ID = 'platform';
const MAX_APPEND_ATTEMPTS = 200;
const STREAM_BATCH = 1000;

/**
 * The hash-chained audit log without transactions. An append inserts the entry at position head+1 (a unique
 * index on `seq` lets exactly one of several racing appenders take a position), then moves the head forward
 * with a compare-and-set on the position it read. An appender that finds its position taken first helps the
 * head forward to the entry that took it, then retries; so an appender that stopped between its two writes
 * is healed by the next append (or by verify), and the chain can never fork.
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
    for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt++) {
      const head = await this.readHead();
      const body: AuditEntryBody = {
        seq: head.seq + 1,
        prevHash: head.lastHash,
        at: draft.at,
        actor: draft.actor,
        action: draft.action,
        resource: draft.resource,
        context: draft.context,
        outcome: draft.outcome,
        before: draft.before,
        after: draft.after,
        comment: draft.comment,
      };
      const hash = hashEntry(body);
      try {
        const { insertedId } = await this.model.collection.insertOne({ ...body, format: 2, hash, draftId: draft.draftId });
        await this.advanceHead(head, { seq: body.seq, lastHash: hash });
        return { ...body, hash, format: 2, id: String(insertedId) };
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

  /**
   * Puts a format-1 entry at its own position, exactly as it was hashed. 'present' when that position already
   * holds the same entry (a repeated migration); 'conflict' when it holds another one.
   */
  async importLegacy(entry: LegacyPromptAuditEntry & { draftId?: string }): Promise<'imported' | 'present' | 'conflict'> {
    const { actor, action, templateId, version, label, draftId, ...chained } = entry;
    const legacy = { actor, action, templateId, version: version ?? null, label: label ?? null };
    try {
      await this.model.collection.insertOne({ ...chained, ...commonFieldsOf(legacy), format: 1, legacy, ...(draftId && { draftId }) });
      return 'imported';
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const existing = await this.model.findOne({ seq: entry.seq }, { hash: 1 }).lean<EntryLean>().exec();
      return existing?.hash === entry.hash ? 'present' : 'conflict';
    }
  }

  /** Prompt entries not yet copied into the seed's `prompt_audit_logs`, in chain order. */
  async *uncopiedPromptEntries(resourceType: string, limit: number): AsyncGenerator<AuditEntry> {
    const docs = await this.model.find({ 'resource.type': resourceType, format: 2, promptCopied: { $ne: true } }).sort({ seq: 1 }).limit(limit).lean<EntryLean[]>().exec();
    for (const doc of docs) yield toEntry(doc);
  }

  /** Notes that an entry's copy exists (a field outside the hash, like draftId). */
  async markPromptCopied(seq: number): Promise<void> {
    await this.model.updateOne({ seq }, { $set: { promptCopied: true } }).exec();
  }

  async findByDraftId(draftId: string): Promise<AuditEntry | null> {
    const doc = await this.model.findOne({ draftId }).lean<EntryLean>().exec();
    return doc ? toEntry(doc) : null;
  }

  async isEmpty(): Promise<boolean> {
    return (await this.model.exists({}).exec()) === null;
  }

  /** Newest first by default; `direction: 1` reads in chain order. */
  async list(filter: AuditFilter, page: PageRequest & { direction?: 1 | -1 }): Promise<Page<AuditEntry>> {
    const { docs, nextCursor } = await this.findPage(toQuery(filter), { ...page, sortField: 'seq', direction: page.direction ?? -1 });
    return { items: (docs as EntryLean[]).map(toEntry), nextCursor };
  }

  /** Every matching entry in chain order, read in batches: for verification and export. */
  async *stream(filter: AuditFilter = {}): AsyncGenerator<AuditEntry & { legacy?: LegacyPromptAuditEntry }> {
    const cursor = this.model.find(toQuery(filter)).sort({ seq: 1 }).lean<EntryLean[]>().batchSize(STREAM_BATCH).cursor();
    try {
      for await (const doc of cursor) yield toEntry(doc as unknown as EntryLean);
    } finally {
      await cursor.close();
    }
  }

  async entryAt(seq: number): Promise<AuditEntry | null> {
    const doc = await this.model.findOne({ seq }).lean<EntryLean>().exec();
    return doc ? toEntry(doc) : null;
  }

  async readHead(): Promise<ChainHead> {
    const head = await this.chain
      .findOneAndUpdate({ _id: HEAD_ID }, { $setOnInsert: { seq: 0, lastHash: GENESIS_HASH } }, { upsert: true, returnDocument: 'after' })
      .lean<ChainHead>()
      .exec();
    return { seq: head!.seq, lastHash: head!.lastHash };
  }

  /** Moves the head over entries written past it by appenders that stopped (or by a migration); answers how many. */
  async catchUpAll(limit = Number.MAX_SAFE_INTEGER): Promise<number> {
    let healed = 0;
    while (healed < limit && (await this.catchUp(await this.readHead()))) healed++;
    return healed;
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

/** The hash an entry should have by its own content and format; a format-1 entry's derived fields must still match its hashed ones. */
export function contentHashOf(entry: AuditEntry & { legacy?: LegacyPromptAuditEntry }): string {
  if (entry.format === 2) return hashEntry(entry);
  const legacy = entry.legacy;
  if (!legacy) return '';
  const derived = commonFieldsOf(legacy);
  const consistent = JSON.stringify([derived.actor, derived.action, derived.resource, derived.context]) === JSON.stringify([entry.actor, entry.action, entry.resource, entry.context]);
  if (!consistent) return '';
  return hashLegacyEntry({ ...legacy, seq: entry.seq, prevHash: entry.prevHash, at: entry.at, before: entry.before, after: entry.after, comment: entry.comment });
}

function toQuery(filter: AuditFilter): QueryFilter<AuditEntryDocument> {
  const query: Record<string, unknown> = {};
  if (filter.actorId) query['actor.id'] = filter.actorId;
  if (filter.action) query.action = filter.action;
  if (filter.resourceType) query['resource.type'] = filter.resourceType;
  if (filter.resourceId) query['resource.id'] = filter.resourceId;
  if (filter.outcome) query.outcome = filter.outcome;
  if (filter.from || filter.to) query.at = { ...(filter.from && { $gte: filter.from }), ...(filter.to && { $lt: filter.to }) };
  if (filter.afterSeq !== undefined) query.seq = { $gt: filter.afterSeq };
  return query as QueryFilter<AuditEntryDocument>;
}

function toEntry(doc: EntryLean): AuditEntry & { legacy?: LegacyPromptAuditEntry } {
  return {
    id: doc._id.toHexString(),
    seq: doc.seq,
    format: doc.format ?? 2,
    prevHash: doc.prevHash,
    hash: doc.hash,
    at: doc.at,
    actor: doc.actor,
    action: doc.action,
    resource: doc.resource,
    context: doc.context ?? null,
    outcome: doc.outcome,
    before: doc.before ?? null,
    after: doc.after ?? null,
    comment: doc.comment ?? null,
    ...(doc.legacy && { legacy: { ...doc.legacy, seq: doc.seq, prevHash: doc.prevHash, hash: doc.hash, at: doc.at, before: doc.before ?? null, after: doc.after ?? null, comment: doc.comment ?? null } }),
  };
}
