import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Types, type Model, type QueryFilter } from 'mongoose';

import { catalogQuery } from '../../common/database/catalog-filter.js';
import { isDuplicateKeyError, MongoRepository } from '../../common/database/mongo.repository.js';
import { DuplicateError } from '../../common/errors/domain.errors.js';
import type { Page, PageRequest } from '../../common/pagination/page.js';
import type { Experiment, ExperimentChanges, ExperimentFilter, NewExperiment } from './experiment.js';
import { ExperimentDocument } from './experiment.schema.js';

type ExperimentLean = ExperimentDocument & { _id: Types.ObjectId };

@Injectable()
export class ExperimentsRepository extends MongoRepository<ExperimentDocument> {
  constructor(@InjectModel(ExperimentDocument.name) model: Model<ExperimentDocument>) {
    super(model);
  }

  async create(experiment: NewExperiment): Promise<Experiment> {
    try {
      const created = await this.model.create(experiment);
      return toExperiment(created.toObject() as ExperimentLean);
    } catch (error) {
      throw this.translate(error, experiment.name);
    }
  }

  async findById(id: string): Promise<Experiment | null> {
    const doc = await this.model.findById(id).lean<ExperimentLean>().exec();
    return doc ? toExperiment(doc) : null;
  }

  async findByName(name: string): Promise<Experiment | null> {
    const doc = await this.model.findOne({ name }).lean<ExperimentLean>().exec();
    return doc ? toExperiment(doc) : null;
  }

  async list(filter: ExperimentFilter, page: PageRequest): Promise<Page<Experiment>> {
    const query: QueryFilter<ExperimentDocument> = { ...(filter.includeArchived ? {} : { archived: false }), ...catalogQuery(filter) };
    const { docs, nextCursor } = await this.findPage(query, { ...page, sortField: 'createdAt', direction: -1 });
    return { items: (docs as ExperimentLean[]).map(toExperiment), nextCursor };
  }

  async update(id: string, changes: ExperimentChanges): Promise<Experiment | null> {
    try {
      const doc = await this.model.findByIdAndUpdate(id, { $set: changes }, { returnDocument: 'after' }).lean<ExperimentLean>().exec();
      return doc ? toExperiment(doc) : null;
    } catch (error) {
      throw this.translate(error, changes.name);
    }
  }

  /** Compare-and-set on `archived`: null when the experiment is missing or already in the target state. */
  async setArchived(id: string, archived: boolean): Promise<Experiment | null> {
    const doc = await this.model
      .findOneAndUpdate({ _id: id, archived: !archived }, { $set: { archived, archivedAt: archived ? new Date() : null } }, { returnDocument: 'after' })
      .lean<ExperimentLean>()
      .exec();
    return doc ? toExperiment(doc) : null;
  }

  private translate(error: unknown, name: string | undefined): unknown {
    return isDuplicateKeyError(error) ? new DuplicateError(`An experiment named '${name}' already exists`, { field: 'name' }) : error;
  }
}

function toExperiment(doc: ExperimentLean): Experiment {
  return {
    id: doc._id.toHexString(),
    name: doc.name,
    description: doc.description ?? '',
    tags: doc.tags ?? [],
    owner: doc.owner ?? null,
    archived: doc.archived,
    archivedAt: doc.archivedAt ?? null,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}
