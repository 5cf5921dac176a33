import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Types, type Model, type QueryFilter } from 'mongoose';

import { isDuplicateKeyError, MongoRepository } from '../../common/database/mongo.repository.js';
import type { Page, PageRequest } from '../../common/pagination/page.js';
import type { NewUsageEntry, UsageEntry, UsageFilter } from './usage-entry.js';
import { UsageEntryDocument } from './usage-entry.schema.js';
import type { UsageGroupWithPercentiles } from './usage-stats.js';

type UsageLean = UsageEntryDocument & { _id: Types.ObjectId };
interface BulkWriteFailure {
  writeErrors?: { index: number; code: number }[] | { index: number; code: number };
}

@Injectable()
export class UsageLogRepository extends MongoRepository<UsageEntryDocument> {
  constructor(@InjectModel(UsageEntryDocument.name) model: Model<UsageEntryDocument>) {
    super(model);
  }

  /**
   * One unordered bulk insert without hydration, validation or defaults: every entry that can be written
   * is. Returns the positions that were already recorded (duplicate client ids); any other failure throws.
   */
  async insertMany(entries: NewUsageEntry[]): Promise<Set<number>> {
    if (entries.length === 0) return new Set();
    const docs = entries.map((e) => ({ ...e, templateId: new Types.ObjectId(e.templateId) }));
    try {
      await this.model.insertMany(docs, { ordered: false, lean: true });
      return new Set();
    } catch (error) {
      const raw = (error as BulkWriteFailure).writeErrors;
      const writeErrors = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
      if (writeErrors.length === 0 && isDuplicateKeyError(error) && entries.length === 1) return new Set([0]);
      if (writeErrors.length === 0 || writeErrors.some((w) => w.code !== 11000)) throw error;
      return new Set(writeErrors.map((w) => w.index));
    }
  }

  /** Newest first. */
  async list(templateId: string, version: number, filter: UsageFilter, page: PageRequest): Promise<Page<UsageEntry>> {
    const query: QueryFilter<UsageEntryDocument> = { templateId: new Types.ObjectId(templateId), version };
    if (filter.caller) query.caller = filter.caller;
    if (filter.outcome) query.outcome = filter.outcome;
    if (filter.flagged !== undefined) query.flagged = filter.flagged;
    if (filter.from || filter.to) query.timestamp = { ...(filter.from && { $gte: filter.from }), ...(filter.to && { $lt: filter.to }) };
    const { docs, nextCursor } = await this.findPage(query, { ...page, sortField: 'timestamp', direction: -1 });
    return { items: (docs as UsageLean[]).map(toEntry), nextCursor };
  }

  /**
   * Totals per version and UTC day in one pass, with p50 and p95 latency by the nearest-rank method: the
   * matched entries are sorted by latency, each group collects its latencies in that order ($push keeps
   * input order), and the value at rank ceil(p·n/100) is picked with integer arithmetic. Portable to
   * MongoDB 6 (no $percentile, which needs 7.0); the sort and the groups may spill to disk.
   */
  async groups(templateId: string, fromDay: string, toDay: string, version: number | undefined, limit: number): Promise<UsageGroupWithPercentiles[]> {
    const match: Record<string, unknown> = { templateId: new Types.ObjectId(templateId), day: { $gte: fromDay, $lte: toDay } };
    if (version !== undefined) match.version = version;
    const atRank = (p: number) => ({ $arrayElemAt: ['$latencies', { $subtract: [{ $floor: { $divide: [{ $add: [{ $multiply: [p, '$count'] }, 99] }, 100] } }, 1] }] });
    const rows = await this.model
      .aggregate<{ _id: { version: number; day: string } } & Omit<UsageGroupWithPercentiles, 'version' | 'day'>>([
        { $match: match },
        // Only the fields the groups need travel through the sort (outputs can be 32,000 characters).
        { $project: { _id: 0, version: 1, day: 1, latencyMs: 1, outcome: 1, flagged: 1, approved: 1, tokensIn: 1, tokensOut: 1, cost: 1 } },
        { $sort: { latencyMs: 1 } },
        {
          $group: {
            _id: { version: '$version', day: '$day' },
            count: { $sum: 1 },
            errorCount: { $sum: { $cond: [{ $eq: ['$outcome', 'error'] }, 1, 0] } },
            flaggedCount: { $sum: { $cond: [{ $eq: ['$flagged', true] }, 1, 0] } },
            unapprovedCount: { $sum: { $cond: [{ $eq: ['$approved', true] }, 0, 1] } },
            tokensIn: { $sum: '$tokensIn' },
            tokensOut: { $sum: '$tokensOut' },
            cost: { $sum: '$cost' },
            latencyAvg: { $avg: '$latencyMs' },
            latencyMax: { $max: '$latencyMs' },
            latencies: { $push: '$latencyMs' },
          },
        },
        {
          $project: {
            count: 1,
            errorCount: 1,
            flaggedCount: 1,
            unapprovedCount: 1,
            tokensIn: 1,
            tokensOut: 1,
            cost: 1,
            latencyAvg: 1,
            latencyMax: 1,
            p50: atRank(50),
            p95: atRank(95),
          },
        },
        { $sort: { '_id.version': 1, '_id.day': 1 } },
        { $limit: limit },
      ])
      .allowDiskUse(true)
      .exec();
    return rows.map(({ _id, ...totals }) => ({ version: _id.version, day: _id.day, ...totals }));
  }
}

function toEntry(doc: UsageLean): UsageEntry {
  return {
    id: doc._id.toHexString(),
    entryId: doc.entryId,
    templateId: doc.templateId.toHexString(),
    version: doc.version,
    caller: doc.caller,
    timestamp: doc.timestamp,
    day: doc.day,
    latencyMs: doc.latencyMs,
    tokensIn: doc.tokensIn,
    tokensOut: doc.tokensOut,
    cost: doc.cost,
    outcome: doc.outcome,
    errorCode: doc.errorCode ?? null,
    variablesHash: doc.variablesHash ?? null,
    variables: doc.variables ?? null,
    output: doc.output ?? null,
    flags: doc.flags ?? [],
    flagged: doc.flagged,
    approved: doc.approved,
    receivedAt: doc.receivedAt,
  };
}
