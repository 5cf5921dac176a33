import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Types, type Model, type QueryFilter } from 'mongoose';

import { escapeRegex } from '../../common/database/escape-regex.js';
import { isDuplicateKeyError, MongoRepository, type PageRequest } from '../../common/database/mongo.repository.js';
import { DuplicateError } from '../../common/errors/domain.errors.js';
import type { Page } from '../../common/pagination/page.js';
import type { NewTemplate, PromptLabel, PromptTemplate, TemplateChanges, TemplateFilter } from './prompt-template.js';
import { PromptTemplateDocument } from './prompt-template.schema.js';

type TemplateLean = PromptTemplateDocument & { _id: Types.ObjectId };

@Injectable()
export class PromptTemplatesRepository extends MongoRepository<PromptTemplateDocument> {
  constructor(@InjectModel(PromptTemplateDocument.name) model: Model<PromptTemplateDocument>) {
    super(model);
  }

  async create(template: NewTemplate): Promise<PromptTemplate> {
    try {
      const created = await this.model.create(template);
      return toTemplate(created.toObject() as TemplateLean);
    } catch (error) {
      throw isDuplicateKeyError(error) ? new DuplicateError(`A prompt template named '${template.name}' already exists`, { field: 'name' }) : error;
    }
  }

  async findById(id: string): Promise<PromptTemplate | null> {
    const doc = await this.model.findById(id).lean<TemplateLean>().exec();
    return doc ? toTemplate(doc) : null;
  }

  async list(filter: TemplateFilter, page: PageRequest): Promise<Page<PromptTemplate>> {
    const query: QueryFilter<PromptTemplateDocument> = {};
    if (filter.namePrefix) query.name = { $regex: `^${escapeRegex(filter.namePrefix)}` };
    if (filter.tag) query.tags = filter.tag;
    if (filter.owner) query.owner = filter.owner;
    if (filter.label) query['labels.name'] = filter.label;
    if (filter.ids) query._id = { $in: filter.ids.map((id) => new Types.ObjectId(id)) };
    const { docs, nextCursor } = await this.findPage(query, { ...page, sortField: 'createdAt', direction: -1 });
    return { items: (docs as TemplateLean[]).map(toTemplate), nextCursor };
  }

  /** Applies the changes and returns the template as it was before and after, or null when it is missing. */
  async update(id: string, changes: TemplateChanges): Promise<{ before: PromptTemplate; after: PromptTemplate } | null> {
    const doc = await this.model.findByIdAndUpdate(id, { $set: changes }, { returnDocument: 'before' }).lean<TemplateLean>().exec();
    if (!doc) return null;
    const before = toTemplate(doc);
    return { before, after: { ...before, ...changes } };
  }

  /** Hands out the next version number atomically; null when the template is missing. */
  async nextVersionNumber(id: string): Promise<number | null> {
    const doc = await this.model.findByIdAndUpdate(id, { $inc: { lastVersion: 1 } }, { returnDocument: 'after', projection: { lastVersion: 1 } }).lean<TemplateLean>().exec();
    return doc ? doc.lastVersion : null;
  }

  async delete(id: string): Promise<void> {
    await this.model.deleteOne({ _id: id }).exec();
  }

  /**
   * Points a label at a version unless that version is retired: one conditional update, so a label can
   * never land on a version whose deprecation has begun. Returns the label it replaced (or null), or
   * undefined when the template is missing or the version retired.
   */
  async moveLabel(id: string, label: PromptLabel): Promise<{ previous: PromptLabel | null } | undefined> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const replaced = await this.model
        .findOneAndUpdate(
          { _id: id, 'labels.name': label.name, retiredVersions: { $ne: label.version } },
          { $set: { 'labels.$[label]': label } },
          { arrayFilters: [{ 'label.name': label.name }], returnDocument: 'before' },
        )
        .lean<TemplateLean>()
        .exec();
      if (replaced) return { previous: replaced.labels.find((l) => l.name === label.name) ?? null };
      const added = await this.model
        .findOneAndUpdate({ _id: id, 'labels.name': { $ne: label.name }, retiredVersions: { $ne: label.version } }, { $push: { labels: label } }, { returnDocument: 'before' })
        .lean<TemplateLean>()
        .exec();
      if (added) return { previous: null };
      // Neither matched: the template is missing, the version retired, or the label appeared or vanished in between.
      const current = await this.model.findById(id, { labels: 1, retiredVersions: 1 }).lean<TemplateLean>().exec();
      if (!current || current.retiredVersions.includes(label.version)) return undefined;
    }
    return undefined;
  }

  /** Removes a label; returns it, null when the template has no such label, undefined when the template is missing. */
  async removeLabel(id: string, name: string): Promise<PromptLabel | null | undefined> {
    const doc = await this.model.findOneAndUpdate({ _id: id }, { $pull: { labels: { name } } }, { returnDocument: 'before' }).lean<TemplateLean>().exec();
    if (!doc) return undefined;
    return doc.labels.find((l) => l.name === name) ?? null;
  }

  /**
   * First step of a deprecation: marks the version retired unless a label points at it. Idempotent, so a
   * deprecation interrupted after this step can simply be retried. False when a label points at it.
   */
  async retireVersion(id: string, version: number): Promise<boolean> {
    const doc = await this.model
      .findOneAndUpdate({ _id: id, 'labels.version': { $ne: version } }, { $addToSet: { retiredVersions: version } }, { returnDocument: 'after', projection: { _id: 1 } })
      .lean<TemplateLean>()
      .exec();
    return doc !== null;
  }
}

function toTemplate(doc: TemplateLean): PromptTemplate {
  return {
    id: doc._id.toHexString(),
    name: doc.name,
    description: doc.description ?? '',
    owner: doc.owner,
    tags: doc.tags ?? [],
    declaredRiskLevel: doc.declaredRiskLevel,
    policies: doc.policies ?? [],
    logRawVariables: doc.logRawVariables ?? false,
    lastVersion: doc.lastVersion ?? 0,
    labels: (doc.labels ?? []).map((l) => ({ name: l.name, version: l.version, versionId: String(l.versionId), movedBy: l.movedBy, movedAt: l.movedAt })),
    retiredVersions: doc.retiredVersions ?? [],
    createdBy: doc.createdBy,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}
