import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Types, type Model } from 'mongoose';

import { MongoRepository } from '../../../common/database/mongo.repository.js';
import type { Page, PageRequest } from '../../../common/pagination/page.js';
import { DEFAULT_PAGE_SIZE } from '../../../common/pagination/page-query.dto.js';
import { decodeHistoryCursor, encodeHistoryCursor } from './metric-history-cursor.js';
import type { MetricPoint } from './metric-point.js';
import { RunMetricDocument } from './run-metric.schema.js';

type RunMetricLean = RunMetricDocument & { _id: Types.ObjectId };

@Injectable()
export class RunMetricsRepository extends MongoRepository<RunMetricDocument> {
  constructor(@InjectModel(RunMetricDocument.name) model: Model<RunMetricDocument>) {
    super(model);
  }

  /** One unordered bulk insert of plain documents: no Mongoose casting, validation or hydration per point. */
  async insertMany(runId: string, points: readonly MetricPoint[]): Promise<void> {
    const run = new Types.ObjectId(runId);
    const docs = points.map((p) => ({ runId: run, key: p.key, value: p.value, step: p.step, timestamp: p.timestamp }));
    await this.model.collection.insertMany(docs, { ordered: false });
  }

  /** A key's history ordered by step, then timestamp, then insertion (keyset on all three). */
  async history(runId: string, key: string, page: PageRequest): Promise<Page<MetricPoint>> {
    const limit = page.limit ?? DEFAULT_PAGE_SIZE;
    const filter: Record<string, unknown> = { runId: new Types.ObjectId(runId), key };
    if (page.cursor) filter.$or = afterPosition(page.cursor);
    const docs = await this.model.collection
      .find(filter, { projection: { runId: 0 } })
      .sort({ step: 1, timestamp: 1, _id: 1 })
      .limit(limit + 1)
      .toArray();
    const hasMore = docs.length > limit;
    if (hasMore) docs.pop();
    const last = docs.at(-1) as RunMetricLean | undefined;
    const nextCursor = hasMore && last ? encodeHistoryCursor({ step: last.step, timestamp: last.timestamp, id: last._id.toHexString() }) : null;
    return { items: (docs as RunMetricLean[]).map(({ key: k, value, step, timestamp }) => ({ key: k, value, step, timestamp })), nextCursor };
  }
}

function afterPosition(cursor: string): object[] {
  const { step, timestamp, id } = decodeHistoryCursor(cursor);
  const _id = new Types.ObjectId(id);
  return [{ step: { $gt: step } }, { step, timestamp: { $gt: timestamp } }, { step, timestamp, _id: { $gt: _id } }];
}
