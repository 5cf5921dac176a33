import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Types, type Model, type QueryFilter } from 'mongoose';

import { AuditedRepository, type PendingAudit, withAudit } from '../../audit/index.js';
import type { ActorRef } from '../../common/auth/principal.js';
import { escapeRegex } from '../../common/database/escape-regex.js';
import { isDuplicateKeyError } from '../../common/database/mongo.repository.js';
import { DuplicateError } from '../../common/errors/domain.errors.js';
import type { Page, PageRequest } from '../../common/pagination/page.js';
import { storedActor } from '../../common/auth/stored-actor.js';
import type { Scenario, ScenarioDefinition, ScenarioFilter, SeriesSummary } from './scenario.js';
import { EvaluationScenarioDocument, SERIES_POINTS } from './scenario.schema.js';
import { fullDefinition, summaryDefinition, toPersisted, type PersistedDefinition } from './scenario-persistence.js';

type ScenarioLean = EvaluationScenarioDocument & { _id: Types.ObjectId };

/**
 * A scenario is the audit outbox of its own changes: each create and revision writes its audit draft into
 * `pendingAudit` in the same write, and AuditService appends it and settles it here.
 */
@Injectable()
export class ScenariosRepository extends AuditedRepository<EvaluationScenarioDocument> {
  constructor(@InjectModel(EvaluationScenarioDocument.name) model: Model<EvaluationScenarioDocument>) {
    super(model);
  }

  /** Stores the scenario at revision 1 with the audit draft that `audit` makes for its id. */
  async create(definition: ScenarioDefinition, actor: ActorRef, audit: (id: string) => PendingAudit): Promise<{ scenario: Scenario; draft: PendingAudit }> {
    const _id = new Types.ObjectId();
    const draft = audit(_id.toHexString());
    try {
      const created = await this.model.create({ ...toPersisted(definition), _id, revision: 1, createdBy: actor, updatedBy: actor, pendingAudit: [draft] });
      return { scenario: toScenario(created.toObject() as ScenarioLean), draft };
    } catch (error) {
      throw this.translate(error, definition.name);
    }
  }

  /** With the series points: what a run or a change needs. */
  async findById(id: string): Promise<Scenario | null> {
    const doc = await this.model.findById(id).select(SERIES_POINTS).lean<ScenarioLean>().exec();
    return doc ? toScenario(doc) : null;
  }

  /** Without the series points: what a response shows. */
  async findSummaryById(id: string): Promise<Scenario<SeriesSummary> | null> {
    const doc = await this.model.findById(id).lean<ScenarioLean>().exec();
    return doc ? toScenarioSummary(doc) : null;
  }

  async list(filter: ScenarioFilter, page: PageRequest): Promise<Page<Scenario<SeriesSummary>>> {
    const query: QueryFilter<EvaluationScenarioDocument> = {};
    if (filter.modelName) query.modelName = filter.modelName;
    if (filter.namePrefix) query.name = { $regex: `^${escapeRegex(filter.namePrefix)}` };
    const { docs, nextCursor } = await this.findPage(query, { ...page, sortField: 'createdAt', direction: -1 });
    return { items: (docs as ScenarioLean[]).map(toScenarioSummary), nextCursor };
  }

  /** Every scenario attached to a model, oldest first, bounded. */
  async findIdsByModel(modelName: string, limit: number): Promise<string[]> {
    const docs = await this.model.find({ modelName }, { _id: 1 }).sort({ createdAt: 1, _id: 1 }).limit(limit).lean<{ _id: Types.ObjectId }[]>().exec();
    return docs.map((d) => d._id.toHexString());
  }

  /**
   * Compare-and-set on the revision, with the change's audit draft in the same update: null when the
   * scenario is missing or another change got there first (and then the draft is not written either).
   */
  async replace(id: string, expectedRevision: number, definition: ScenarioDefinition, actor: ActorRef, draft: PendingAudit): Promise<Scenario | null> {
    try {
      const doc = await this.model
        .findOneAndUpdate(
          { _id: id, revision: expectedRevision },
          { $set: { ...toPersisted(definition), revision: expectedRevision + 1, updatedBy: actor }, ...withAudit(draft) },
          { returnDocument: 'after' },
        )
        .select(SERIES_POINTS)
        .lean<ScenarioLean>()
        .exec();
      return doc ? toScenario(doc) : null;
    } catch (error) {
      throw this.translate(error, definition.name);
    }
  }

  private translate(error: unknown, name: string): unknown {
    return isDuplicateKeyError(error) ? new DuplicateError(`A scenario named '${name}' already exists`, { field: 'name' }) : error;
  }
}

function meta(doc: ScenarioLean) {
  return {
    id: doc._id.toHexString(),
    revision: doc.revision,
    createdBy: storedActor(doc.createdBy),
    updatedBy: storedActor(doc.updatedBy),
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

function toScenario(doc: ScenarioLean): Scenario {
  return { ...fullDefinition(doc as unknown as PersistedDefinition), ...meta(doc) };
}

function toScenarioSummary(doc: ScenarioLean): Scenario<SeriesSummary> {
  return { ...summaryDefinition(doc), ...meta(doc) };
}
