import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Types, type Model, type QueryFilter } from 'mongoose';

import { escapeRegex } from '../../common/database/escape-regex.js';
import { AuditedRepository, type PendingAudit } from '../../audit/index.js';
import { isDuplicateKeyError } from '../../common/database/mongo.repository.js';
import { ConflictError, DuplicateError } from '../../common/errors/domain.errors.js';
import type { Page, PageRequest } from '../../common/pagination/page.js';
import type { NewTemplate, PromptLabel, PromptTemplate, TemplateChanges, TemplateFilter } from './prompt-template.js';
import { PromptTemplateDocument } from './prompt-template.schema.js';

type TemplateLean = PromptTemplateDocument & { _id: Types.ObjectId };

/** Compare-and-set attempts of a change that must read the template first to describe it in its audit draft. */
const CHANGE_ATTEMPTS = 10;

@Injectable()
/**
 * Every change that is audited writes its audit draft into `pendingAudit` in the same update (the template
 * is the audit outbox of its metadata, policies and labels); AuditService appends it and settles it here.
 */
export class PromptTemplatesRepository extends AuditedRepository<PromptTemplateDocument> {
  constructor(@InjectModel(PromptTemplateDocument.name) model: Model<PromptTemplateDocument>) {
    super(model);
  }

  /** Stores the template with the audit draft that `audit` makes for its id. */
  async create(template: NewTemplate, audit: (id: string) => PendingAudit): Promise<{ template: PromptTemplate; draft: PendingAudit }> {
    const _id = new Types.ObjectId();
    const draft = audit(_id.toHexString());
    try {
      const created = await this.model.create({ ...template, _id, pendingAudit: [draft] });
      return { template: toTemplate(created.toObject() as TemplateLean), draft };
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

  /**
   * Applies the changes, on the condition that the template has not been written since it was read, so
   * the draft describes exactly the state replaced. Null when the template is missing.
   */
  async update(id: string, changes: TemplateChanges, audit: (before: PromptTemplate) => PendingAudit): Promise<{ before: PromptTemplate; after: PromptTemplate; draft: PendingAudit } | null> {
    for (let attempt = 0; attempt < CHANGE_ATTEMPTS; attempt++) {
      const doc = await this.model.findById(id).lean<TemplateLean>().exec();
      if (!doc) return null;
      const before = toTemplate(doc);
      const draft = audit(before);
      const done = await this.model.updateOne({ _id: id, updatedAt: doc.updatedAt }, { $set: changes, $push: { pendingAudit: draft } }).exec();
      if (done.matchedCount === 1) return { before, after: { ...before, ...changes }, draft };
    }
    throw new ConflictError(`Template ${id} kept changing while it was being updated; retry`);
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
   * never land on a version whose deprecation has begun. The update is also conditional on the label still
   * pointing where it did when read, so the draft names the version it really replaced. Returns that label
   * (or null) with the draft, or undefined when the template is missing or the version retired.
   */
  async moveLabel(id: string, label: PromptLabel, audit: (previous: PromptLabel | null) => PendingAudit): Promise<{ previous: PromptLabel | null; draft: PendingAudit } | undefined> {
    for (let attempt = 0; attempt < CHANGE_ATTEMPTS; attempt++) {
      const current = await this.model.findById(id, { labels: 1, retiredVersions: 1 }).lean<TemplateLean>().exec();
      if (!current || current.retiredVersions.includes(label.version)) return undefined;
      const found = current.labels.find((l) => l.name === label.name);
      const previous = found ? toLabel(found) : null;
      const draft = audit(previous);
      const retired = { retiredVersions: { $ne: label.version } };
      const moved = previous
        ? await this.model
            .updateOne(
              { _id: id, labels: { $elemMatch: { name: label.name, version: previous.version } }, ...retired },
              { $set: { 'labels.$[label]': label }, $push: { pendingAudit: draft } },
              { arrayFilters: [{ 'label.name': label.name }] },
            )
            .exec()
        : await this.model.updateOne({ _id: id, 'labels.name': { $ne: label.name }, ...retired }, { $push: { labels: label, pendingAudit: draft } }).exec();
      if (moved.matchedCount === 1) return { previous, draft };
    }
    throw new ConflictError(`Label '${label.name}' kept changing while it was being moved; retry`);
  }

  /** Removes a label; returns it with its draft, null when the template has no such label, undefined when the template is missing. */
  async removeLabel(id: string, name: string, audit: (removed: PromptLabel) => PendingAudit): Promise<{ removed: PromptLabel; draft: PendingAudit } | null | undefined> {
    for (let attempt = 0; attempt < CHANGE_ATTEMPTS; attempt++) {
      const current = await this.model.findById(id, { labels: 1 }).lean<TemplateLean>().exec();
      if (!current) return undefined;
      const found = current.labels.find((l) => l.name === name);
      if (!found) return null;
      const removed = toLabel(found);
      const draft = audit(removed);
      const done = await this.model.updateOne({ _id: id, labels: { $elemMatch: { name, version: removed.version } } }, { $pull: { labels: { name } }, $push: { pendingAudit: draft } }).exec();
      if (done.matchedCount === 1) return { removed, draft };
    }
    throw new ConflictError(`Label '${name}' kept changing while it was being removed; retry`);
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

function toLabel(l: PromptLabel): PromptLabel {
  return { name: l.name, version: l.version, versionId: String(l.versionId), movedBy: l.movedBy, movedAt: l.movedAt };
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
    labels: (doc.labels ?? []).map(toLabel),
    retiredVersions: doc.retiredVersions ?? [],
    createdBy: doc.createdBy,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}
