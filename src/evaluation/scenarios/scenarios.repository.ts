import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, QueryFilter, Types } from 'mongoose';

import { escapeRegex } from '../../common/database/escape-regex.js';
import { isDuplicateKeyError, MongoRepository, type PageRequest } from '../../common/database/mongo.repository.js';
import { DuplicateError } from '../../common/errors/domain.errors.js';
import type { Page } from '../../common/pagination/page.js';
import type { Scenario, ScenarioDefinition, ScenarioFilter, SeriesSummary } from './scenario.js';
import { EvaluationScenarioDocument, SERIES_POINTS } from './scenario.schema.js';
import { fullDefinition, summaryDefinition, toPersisted, type PersistedDefinition } from './scenario-persistence.js';

type ScenarioLean = EvaluationScenarioDocument & { _id: Types.ObjectId };

@Injectable()
export class ScenariosRepository extends MongoRepository<EvaluationScenarioDocument> {
  constructor(@InjectModel(EvaluationScenarioDocument.name) model: Model<EvaluationScenarioDocument>) {
    super(model);
  }

  async create(definition: ScenarioDefinition, actor: string | null): Promise<Scenario> {
    try {
      const created = await this.model.create({ ...toPersisted(definition), revision: 1, createdBy: actor, updatedBy: actor });
      return toScenario(created.toObject() as ScenarioLean);
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

  /** Compare-and-set on the revision: null when the scenario is missing or another change got there first. */
  async replace(id: string, expectedRevision: number, definition: ScenarioDefinition, actor: string | null): Promise<Scenario | null> {
    try {
      const doc = await this.model
        .findOneAndUpdate({ _id: id, revision: expectedRevision }, { $set: { ...toPersisted(definition), revision: expectedRevision + 1, updatedBy: actor } }, { returnDocument: 'after' })
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
    createdBy: doc.createdBy ?? null,
    updatedBy: doc.updatedBy ?? null,
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
