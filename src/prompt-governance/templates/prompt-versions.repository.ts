import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Types, type Model, type QueryFilter } from 'mongoose';

import type { PromptVersionStatus } from '../../../libs/contracts/src/index.js';
import { isDuplicateKeyError, MongoRepository, type PageRequest } from '../../common/database/mongo.repository.js';
import { ConflictError } from '../../common/errors/domain.errors.js';
import type { Page } from '../../common/pagination/page.js';
import type { NewVersion, PromptContent, PromptVersion, StoredEvaluation, VersionTransition } from './prompt-template.js';
import { PromptVersionDocument } from './prompt-version.schema.js';

type VersionLean = PromptVersionDocument & { _id: Types.ObjectId };

export type DraftChanges = Partial<PromptContent> & { commitMessage?: string; evaluation: StoredEvaluation };

/** Conditions a transition adds to the expected status (for example: the actor is not the author). */
export interface TransitionGuard {
  notAuthor?: string;
  notSubmitter?: string;
  /** The version has not been written since it was read (its content is what was evaluated). */
  unchangedSince?: Date;
}

@Injectable()
export class PromptVersionsRepository extends MongoRepository<PromptVersionDocument> {
  constructor(@InjectModel(PromptVersionDocument.name) model: Model<PromptVersionDocument>) {
    super(model);
  }

  async create(version: NewVersion): Promise<PromptVersion> {
    try {
      const created = await this.model.create({ ...version, templateId: new Types.ObjectId(version.templateId), status: 'DRAFT' });
      return toVersion(created.toObject() as VersionLean);
    } catch (error) {
      throw isDuplicateKeyError(error) ? new ConflictError(`Version ${version.version} of template '${version.templateId}' already exists`) : error;
    }
  }

  async find(templateId: string, version: number): Promise<PromptVersion | null> {
    const doc = await this.model.findOne({ templateId: new Types.ObjectId(templateId), version }).lean<VersionLean>().exec();
    return doc ? toVersion(doc) : null;
  }

  /** Status and id only: what usage ingestion needs, without loading content and evaluation. */
  async findStatus(templateId: string, version: number): Promise<{ id: string; status: PromptVersionStatus } | null> {
    const doc = await this.model.findOne({ templateId: new Types.ObjectId(templateId), version }, { status: 1 }).lean<VersionLean>().exec();
    return doc ? { id: doc._id.toHexString(), status: doc.status } : null;
  }

  /** Newest version first. */
  async list(templateId: string, status: PromptVersionStatus | undefined, page: PageRequest): Promise<Page<PromptVersion>> {
    const query: QueryFilter<PromptVersionDocument> = { templateId: new Types.ObjectId(templateId) };
    if (status) query.status = status;
    const { docs, nextCursor } = await this.findPage(query, { ...page, sortField: 'version', direction: -1 });
    return { items: (docs as VersionLean[]).map(toVersion), nextCursor };
  }

  async templateIdsWithStatus(status: PromptVersionStatus): Promise<string[]> {
    const ids = (await this.model.distinct('templateId', { status }).exec()) as Types.ObjectId[];
    return ids.map((id) => id.toHexString());
  }

  /** Edits a draft; null when the version is missing or no longer a draft. Returns it before and after. */
  async updateDraft(templateId: string, version: number, changes: DraftChanges): Promise<{ before: PromptVersion; after: PromptVersion } | null> {
    const filter = { templateId: new Types.ObjectId(templateId), version, status: 'DRAFT' as const };
    const doc = await this.model.findOneAndUpdate(filter, { $set: changes }, { returnDocument: 'before' }).lean<VersionLean>().exec();
    if (!doc) return null;
    const before = toVersion(doc);
    return { before, after: { ...before, ...changes } };
  }

  /** Deletes a draft; null when the version is missing or no longer a draft. */
  async deleteDraft(templateId: string, version: number): Promise<PromptVersion | null> {
    const doc = await this.model.findOneAndDelete({ templateId: new Types.ObjectId(templateId), version, status: 'DRAFT' }).lean<VersionLean>().exec();
    return doc ? toVersion(doc) : null;
  }

  /**
   * Compare-and-set on the status (and the guard): of two reviewers acting at once, exactly one matches.
   * The transition is appended to the version's history in the same update. Null when nothing matched.
   */
  async transition(
    templateId: string,
    version: number,
    from: PromptVersionStatus,
    transition: VersionTransition,
    set: Partial<Omit<PromptVersion, 'id' | 'templateId' | 'version' | 'history' | 'status'>>,
    guard: TransitionGuard = {},
  ): Promise<PromptVersion | null> {
    const filter: QueryFilter<PromptVersionDocument> = { templateId: new Types.ObjectId(templateId), version, status: from };
    if (guard.notAuthor) filter.author = { $ne: guard.notAuthor };
    if (guard.notSubmitter) filter.submittedBy = { $ne: guard.notSubmitter };
    if (guard.unchangedSince) filter.updatedAt = guard.unchangedSince;
    const doc = await this.model
      .findOneAndUpdate(filter, { $set: { ...set, status: transition.to }, $push: { history: transition } }, { returnDocument: 'after' })
      .lean<VersionLean>()
      .exec();
    return doc ? toVersion(doc) : null;
  }
}

function toVersion(doc: VersionLean): PromptVersion {
  return {
    id: doc._id.toHexString(),
    templateId: doc.templateId.toHexString(),
    version: doc.version,
    status: doc.status,
    template: doc.template ?? null,
    messages: doc.messages ?? null,
    variables: doc.variables ?? [],
    modelSettings: doc.modelSettings,
    commitMessage: doc.commitMessage ?? '',
    author: doc.author,
    submittedBy: doc.submittedBy ?? null,
    submittedAt: doc.submittedAt ?? null,
    reviewedBy: doc.reviewedBy ?? null,
    reviewedAt: doc.reviewedAt ?? null,
    reviewComment: doc.reviewComment ?? null,
    highRiskAcknowledged: doc.highRiskAcknowledged ?? false,
    evaluation: doc.evaluation,
    history: doc.history ?? [],
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}
