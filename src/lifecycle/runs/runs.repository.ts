import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Types, type Model, type mongo, type QueryFilter } from 'mongoose';

import type { RunStatus } from '../../../libs/contracts/src/index.js';
import { isDuplicateKeyError, MongoRepository } from '../../common/database/mongo.repository.js';
import type { Page, PageRequest } from '../../common/pagination/page.js';
import { DEFAULT_PAGE_SIZE } from '../../common/pagination/page-query.dto.js';
import type { MetricPoint } from './metrics/metric-point.js';
import type { NewRun, NewRunArtifact, Run } from './run.js';
import { RunDocument } from './run.schema.js';
import { afterMetricCursor, encodeMetricCursor } from './search/metric-keyset.js';
import type { RunFilterClause } from './search/run-filter.js';
import { toRunQuery } from './search/run-filter.query.js';
import type { RunOrder } from './search/run-order.js';

type RunLean = RunDocument & { _id: Types.ObjectId };

export const MAX_ARTIFACTS_PER_RUN = 1000;

@Injectable()
export class RunsRepository extends MongoRepository<RunDocument> {
  constructor(@InjectModel(RunDocument.name) model: Model<RunDocument>) {
    super(model);
  }

  /** With an idempotency key already used, answers the run created with it instead of a second one. */
  async create(run: NewRun): Promise<Run> {
    const _id = new Types.ObjectId();
    try {
      const created = await this.model.create({
        _id,
        experimentId: new Types.ObjectId(run.experimentId),
        name: run.name ?? `run-${_id.toHexString().slice(-8)}`,
        status: 'RUNNING',
        startTime: run.startTime,
        artifactUri: run.artifactUri,
        params: run.params,
        tags: run.tags,
        ...(run.idempotencyKey !== undefined && { idempotencyKey: run.idempotencyKey }),
      });
      return toRun(created.toObject() as RunLean);
    } catch (error) {
      if (run.idempotencyKey === undefined || !isDuplicateKeyError(error)) throw error;
      const existing = await this.model.findOne({ idempotencyKey: run.idempotencyKey }).lean<RunLean>().exec();
      if (!existing) throw error;
      return toRun(existing);
    }
  }

  async findById(id: string): Promise<Run | null> {
    const doc = await this.model.findById(id).lean<RunLean>().exec();
    return doc ? toRun(doc) : null;
  }

  /** The status alone: the one read on the metric-logging hot path. */
  async findStatus(id: string): Promise<RunStatus | null> {
    const doc = await this.model.collection.findOne({ _id: new Types.ObjectId(id) }, { projection: { status: 1 } });
    return (doc?.status as RunStatus | undefined) ?? null;
  }

  /** Compare-and-set RUNNING → `status`: null when the run is missing, no longer running, or started after `endTime`. */
  async end(id: string, status: RunStatus, endTime: Date): Promise<Run | null> {
    return this.updateOne({ _id: id, status: 'RUNNING', startTime: { $lte: endTime } }, { $set: { status, endTime } });
  }

  /** Writes every param or none: null when the run is missing, not running, or a key holds another value. */
  async addParams(id: string, params: Record<string, string>): Promise<Run | null> {
    const entries = Object.entries(params);
    const unchangedOrNew = entries.map(([key, value]) => ({ $or: [{ [`params.${key}`]: { $exists: false } }, { [`params.${key}`]: value }] }));
    const set = Object.fromEntries(entries.map(([key, value]) => [`params.${key}`, value]));
    return this.updateOne({ _id: id, status: 'RUNNING', $and: unchangedOrNew }, { $set: set });
  }

  async setTag(id: string, key: string, value: string): Promise<Run | null> {
    return this.updateOne({ _id: id }, { $set: { [`tags.${key}`]: value } });
  }

  /** Null when the run is missing or does not carry the tag. */
  async deleteTag(id: string, key: string): Promise<Run | null> {
    return this.updateOne({ _id: id, [`tags.${key}`]: { $exists: true } }, { $unset: { [`tags.${key}`]: 1 } });
  }

  /** Null when the run is missing, not running, already has an artifact of that name, or is full. */
  async addArtifact(id: string, artifact: NewRunArtifact): Promise<Run | null> {
    return this.updateOne(
      { _id: id, status: 'RUNNING', 'artifacts.name': { $ne: artifact.name }, [`artifacts.${MAX_ARTIFACTS_PER_RUN - 1}`]: { $exists: false } },
      { $push: { artifacts: { ...artifact, createdAt: new Date() } } },
    );
  }

  /**
   * Admits a batch's keys under the cap on distinct keys: the keys the run does not know yet are added only if
   * the run then holds at most `cap`, as one conditional update (concurrent batches cannot both squeeze past).
   * Answers the run's key count when the batch does not fit, null when it does (or the run is gone).
   */
  async admitMetricKeys(id: string, keys: readonly string[], cap: number): Promise<number | null> {
    const _id = new Types.ObjectId(id);
    for (let attempt = 0; attempt < 5; attempt++) {
      const doc = await this.model.collection.findOne({ _id }, { projection: { metricKeys: 1, latestMetrics: 1 } });
      if (!doc) return null;
      const known: string[] = doc.metricKeys ?? Object.keys(doc.latestMetrics ?? {});
      const fresh = keys.filter((key) => !known.includes(key));
      if (fresh.length === 0) return null;
      if (known.length + fresh.length > cap) return known.length;
      const roomFor = { [`metricKeys.${cap - fresh.length}`]: { $exists: false } };
      const filter = doc.metricKeys ? { _id, ...roomFor } : { _id, metricKeys: { $exists: false } };
      const update = doc.metricKeys ? { $addToSet: { metricKeys: { $each: fresh } } } : { $set: { metricKeys: [...known, ...fresh] } };
      if ((await this.model.collection.updateOne(filter, update)).modifiedCount === 1) return null;
    }
    const doc = await this.model.collection.findOne({ _id }, { projection: { metricKeys: 1 } });
    return doc?.metricKeys?.length ?? null;
  }

  /**
   * Raises each key's latest value to the given point unless the run already holds a later one, in one
   * round trip. Each update is conditional on the stored position, so concurrent or out-of-order batches
   * end with the point of the highest step, then the latest timestamp.
   */
  async raiseLatestMetrics(id: string, latest: readonly MetricPoint[]): Promise<void> {
    const _id = new Types.ObjectId(id);
    const updatedAt = new Date();
    const operations: mongo.AnyBulkWriteOperation[] = latest.map(({ key, value, step, timestamp }) => {
      const position = `latestMetricPositions.${key}`;
      const set: Record<string, unknown> = { [`latestMetrics.${key}`]: value, [position]: { step, timestamp }, updatedAt };
      const update: Record<string, unknown> = { $set: set };
      if (Number.isNaN(value)) update.$unset = { [`orderableMetrics.${key}`]: 1 };
      else set[`orderableMetrics.${key}`] = value;
      const filter = {
        _id,
        $or: [{ [position]: { $exists: false } }, { [`${position}.step`]: { $lt: step } }, { [`${position}.step`]: step, [`${position}.timestamp`]: { $lte: timestamp } }],
      };
      return { updateOne: { filter, update } };
    });
    await this.model.collection.bulkWrite(operations, { ordered: false });
  }

  async search(experimentIds: readonly string[], clauses: readonly RunFilterClause[], order: RunOrder, page: PageRequest): Promise<Page<Run>> {
    const inExperiments = { experimentId: { $in: experimentIds.map((id) => new Types.ObjectId(id)) } };
    const query = (clauses.length === 0 ? inExperiments : { $and: [inExperiments, toRunQuery(clauses)] }) as QueryFilter<RunDocument>;
    if (order.kind === 'time') {
      const { docs, nextCursor } = await this.findPage(query, { ...page, sortField: order.field, direction: order.direction });
      return { items: (docs as RunLean[]).map(toRun), nextCursor };
    }
    return this.findPageByMetric(query, order.key, order.direction, page);
  }

  private async findPageByMetric(query: QueryFilter<RunDocument>, key: string, direction: 1 | -1, page: PageRequest): Promise<Page<Run>> {
    const field = `orderableMetrics.${key}`;
    const limit = page.limit ?? DEFAULT_PAGE_SIZE;
    const filter = page.cursor ? { $and: [query, afterMetricCursor(field, direction, page.cursor)] } : query;
    const docs = await this.model
      .find(filter as QueryFilter<RunDocument>)
      .sort({ [field]: direction, _id: direction })
      .limit(limit + 1)
      .lean<RunLean[]>()
      .exec();
    const hasMore = docs.length > limit;
    if (hasMore) docs.pop();
    const last = docs.at(-1);
    const nextCursor = hasMore && last ? encodeMetricCursor(last.orderableMetrics?.[key] ?? null, last._id.toHexString()) : null;
    return { items: docs.map(toRun), nextCursor };
  }

  private async updateOne(filter: QueryFilter<RunDocument>, update: object): Promise<Run | null> {
    const doc = await this.model.findOneAndUpdate(filter, update, { returnDocument: 'after' }).lean<RunLean>().exec();
    return doc ? toRun(doc) : null;
  }
}

function toRun(doc: RunLean): Run {
  return {
    id: doc._id.toHexString(),
    experimentId: doc.experimentId.toHexString(),
    name: doc.name,
    status: doc.status,
    startTime: doc.startTime,
    endTime: doc.endTime ?? null,
    artifactUri: doc.artifactUri ?? null,
    params: doc.params ?? {},
    latestMetrics: doc.latestMetrics ?? {},
    tags: doc.tags ?? {},
    artifacts: (doc.artifacts ?? []).map((a) => ({
      name: a.name,
      uri: a.uri,
      type: a.type,
      sizeBytes: a.sizeBytes ?? null,
      checksum: a.checksum ?? null,
      createdAt: a.createdAt,
    })),
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}
