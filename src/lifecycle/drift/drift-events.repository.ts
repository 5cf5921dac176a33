import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, QueryFilter, Types } from 'mongoose';

import type { DriftStatus } from '../../../libs/contracts/src/index.js';
import { AuditedRepository, type PendingAudit } from '../../audit/index.js';
import type { Page, PageRequest } from '../../common/pagination/page.js';
import { statusesThatMayMoveTo, type DriftEvent, type DriftEventFilter, type DriftNote, type DriftRetrainingStatus, type NewDriftEvent } from './drift-event.js';
import { DriftEventDocument } from './drift-event.schema.js';
import { storedActor } from '../../common/auth/stored-actor.js';

type DriftEventLean = DriftEventDocument & { _id: Types.ObjectId };

@Injectable()
export class DriftEventsRepository extends AuditedRepository<DriftEventDocument> {
  constructor(@InjectModel(DriftEventDocument.name) model: Model<DriftEventDocument>) {
    super(model);
  }

  /** Stores the event with its pending "recorded" notice, in one insert: no crash can keep one without the other. */
  async create(event: NewDriftEvent): Promise<DriftEvent> {
    const created = await this.model.create({ ...event, status: 'OPEN', notes: [], noticePendingSince: new Date() });
    return toDriftEvent(created.toObject() as DriftEventLean);
  }

  async findById(id: string): Promise<DriftEvent | null> {
    const doc = await this.model.findById(id).lean<DriftEventLean>().exec();
    return doc ? toDriftEvent(doc) : null;
  }

  async list(filter: DriftEventFilter, page: PageRequest): Promise<Page<DriftEvent>> {
    const query: QueryFilter<DriftEventDocument> = {};
    if (filter.modelName) query.modelName = filter.modelName;
    if (filter.modelVersion !== undefined) query.modelVersion = filter.modelVersion;
    if (filter.severity) query.severity = filter.severity;
    if (filter.status) query.status = filter.status;
    if (filter.from || filter.to) {
      query.detectedAt = { ...(filter.from && { $gte: filter.from }), ...(filter.to && { $lte: filter.to }) };
    }
    const { docs, nextCursor } = await this.findPage(query, { ...page, sortField: 'detectedAt', direction: -1 });
    return { items: (docs as DriftEventLean[]).map(toDriftEvent), nextCursor };
  }

  /** Events whose notice has been pending since before `before`, oldest first. */
  async pendingNotices(before: Date, limit: number): Promise<DriftEvent[]> {
    const docs = await this.model
      .find({ noticePendingSince: { $ne: null, $lt: before } })
      .sort({ noticePendingSince: 1, _id: 1 })
      .limit(limit)
      .lean<DriftEventLean[]>()
      .exec();
    return docs.map(toDriftEvent);
  }

  /**
   * Clears the notice, storing the subscriber's answer unless a newer retraining status is already there;
   * answers the event as it stands, null when it is missing.
   */
  async settleNotice(id: string, retraining: DriftRetrainingStatus): Promise<DriftEvent | null> {
    const options = { returnDocument: 'after' as const, timestamps: false };
    const stored = await this.model
      .findOneAndUpdate({ _id: id, ...notNewerThan(retraining) }, { $set: { retraining, noticePendingSince: null } }, options)
      .lean<DriftEventLean>()
      .exec();
    const doc = stored ?? (await this.model.findOneAndUpdate({ _id: id }, { $set: { noticePendingSince: null } }, options).lean<DriftEventLean>().exec());
    return doc ? toDriftEvent(doc) : null;
  }

  /** Overwrites the retraining status of the events unless a newer one is already there (updates may arrive out of order). */
  async setRetraining(ids: readonly string[], retraining: DriftRetrainingStatus): Promise<void> {
    await this.model
      .updateMany({ _id: { $in: [...ids] }, ...notNewerThan(retraining) }, { $set: { retraining } }, { timestamps: false })
      .exec();
  }

  /** Compare-and-set on status: null when the event is missing or its status does not allow the move. */
  async transition(id: string, note: DriftNote, draft: PendingAudit): Promise<DriftEvent | null> {
    const from: DriftStatus[] = statusesThatMayMoveTo(note.status);
    const doc = await this.model
      .findOneAndUpdate({ _id: id, status: { $in: from } }, { $set: { status: note.status }, $push: { notes: note, pendingAudit: draft } }, { returnDocument: 'after' })
      .lean<DriftEventLean>()
      .exec();
    return doc ? toDriftEvent(doc) : null;
  }
}

/** Events whose stored retraining status is not newer than `retraining` (updates may arrive out of order). */
function notNewerThan(retraining: DriftRetrainingStatus): QueryFilter<DriftEventDocument> {
  return { $or: [{ retraining: null }, { 'retraining.updatedAt': { $lte: retraining.updatedAt } }] };
}

function toDriftEvent(doc: DriftEventLean): DriftEvent {
  return {
    id: doc._id.toHexString(),
    modelName: doc.modelName,
    modelVersion: doc.modelVersion ?? null,
    features: doc.features ?? [],
    statistic: doc.statistic,
    statisticName: doc.statisticName ?? null,
    value: doc.value,
    threshold: doc.threshold,
    direction: doc.direction,
    bands: doc.bands,
    severity: doc.severity,
    severitySource: doc.severitySource,
    detectedAt: doc.detectedAt,
    responsePlan: doc.responsePlan ?? '',
    status: doc.status,
    notes: (doc.notes ?? []).map((note) => ({ ...note, by: storedActor(note.by)! })),
    recordedBy: storedActor(doc.recordedBy),
    retraining: doc.retraining ?? null,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}
