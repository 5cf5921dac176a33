import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Types, type Model, type QueryFilter } from 'mongoose';

import type { PromptVersionStatus } from '../../../libs/contracts/src/index.js';
import { AuditedRepository, type PendingAudit } from '../../audit/index.js';
import { isDuplicateKeyError } from '../../common/database/mongo.repository.js';
import { ConflictError } from '../../common/errors/domain.errors.js';
import type { Page, PageRequest } from '../../common/pagination/page.js';
import { boundFindingText, listFindings } from '../screening/finding-bounds.js';
import type { NewVersion, PromptContent, PromptVersion, StoredEvaluation, VersionTransition } from './prompt-template.js';
import { PromptVersionDocument } from './prompt-version.schema.js';

type VersionLean = PromptVersionDocument & { _id: Types.ObjectId };

/** A deleted draft whose audit entry is still pending keeps its document until then; nobody else sees it. */
const NOT_DELETED = { deletedAt: null };

export type DraftChanges = Partial<PromptContent> & { commitMessage?: string; evaluation: StoredEvaluation };

/** Conditions a transition adds to the expected status (for example: the actor is not the author). */
export interface TransitionGuard {
  /** Stable id of the actor, who must not be the author. */
  notAuthor?: string;
  notSubmitter?: string;
  /** The version has not been written since it was read (its content is what was evaluated). */
  unchangedSince?: Date;
}

@Injectable()
/**
 * Every audited change of a version writes its audit draft into `pendingAudit` in the same write (the
 * version is the audit outbox of its own lifecycle); AuditService appends it and settles it here.
 */
export class PromptVersionsRepository extends AuditedRepository<PromptVersionDocument> {
  constructor(@InjectModel(PromptVersionDocument.name) model: Model<PromptVersionDocument>) {
    super(model);
  }

  async create(version: NewVersion, draft: PendingAudit): Promise<PromptVersion> {
    try {
      const created = await this.model.create({ ...version, templateId: new Types.ObjectId(version.templateId), status: 'DRAFT', pendingAudit: [draft] });
      return toVersion(created.toObject() as VersionLean);
    } catch (error) {
      throw isDuplicateKeyError(error) ? new ConflictError(`Version ${version.version} of template '${version.templateId}' already exists`) : error;
    }
  }

  async find(templateId: string, version: number): Promise<PromptVersion | null> {
    const doc = await this.model.findOne({ templateId: new Types.ObjectId(templateId), version, ...NOT_DELETED }).lean<VersionLean>().exec();
    return doc ? toVersion(doc) : null;
  }

  /** Status and id only: what usage ingestion needs, without loading content and evaluation. */
  async findStatus(templateId: string, version: number): Promise<{ id: string; status: PromptVersionStatus } | null> {
    const doc = await this.model.findOne({ templateId: new Types.ObjectId(templateId), version, ...NOT_DELETED }, { status: 1 }).lean<VersionLean>().exec();
    return doc ? { id: doc._id.toHexString(), status: doc.status } : null;
  }

  /** Newest version first. */
  async list(templateId: string, status: PromptVersionStatus | undefined, page: PageRequest): Promise<Page<PromptVersion>> {
    const query: QueryFilter<PromptVersionDocument> = { templateId: new Types.ObjectId(templateId), ...NOT_DELETED };
    if (status) query.status = status;
    const { docs, nextCursor } = await this.findPage(query, { ...page, sortField: 'version', direction: -1 });
    return { items: (docs as VersionLean[]).map(toVersion), nextCursor };
  }

  async templateIdsWithStatus(status: PromptVersionStatus): Promise<string[]> {
    const ids = (await this.model.distinct('templateId', { status, ...NOT_DELETED }).exec()) as Types.ObjectId[];
    return ids.map((id) => id.toHexString());
  }

  /**
   * Edits a draft that has not been written since `unchangedSince` (so the draft describes the content
   * replaced); null when the version is missing, no longer a draft or changed. Returns it before and after.
   */
  async updateDraft(templateId: string, version: number, changes: DraftChanges, unchangedSince: Date, draft: PendingAudit): Promise<{ before: PromptVersion; after: PromptVersion } | null> {
    const filter = { templateId: new Types.ObjectId(templateId), version, status: 'DRAFT' as const, updatedAt: unchangedSince, ...NOT_DELETED };
    const doc = await this.model.findOneAndUpdate(filter, { $set: changes, $push: { pendingAudit: draft } }, { returnDocument: 'before' }).lean<VersionLean>().exec();
    if (!doc) return null;
    const before = toVersion(doc);
    return { before, after: { ...before, ...changes } };
  }

  /**
   * Deletes a draft that has not been written since `unchangedSince`; null when the version is missing, no
   * longer a draft or changed. The deletion is marked with its draft first, and the document goes once the
   * draft is in the audit chain (see settleDraft).
   */
  async deleteDraft(templateId: string, version: number, unchangedSince: Date, draft: PendingAudit): Promise<PromptVersion | null> {
    const filter = { templateId: new Types.ObjectId(templateId), version, status: 'DRAFT' as const, updatedAt: unchangedSince, ...NOT_DELETED };
    const doc = await this.model
      .findOneAndUpdate(filter, { $set: { deletedAt: new Date() }, $push: { pendingAudit: draft } }, { returnDocument: 'before', timestamps: false })
      .lean<VersionLean>()
      .exec();
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
    draft: PendingAudit,
    guard: TransitionGuard = {},
  ): Promise<PromptVersion | null> {
    const filter: QueryFilter<PromptVersionDocument> = { templateId: new Types.ObjectId(templateId), version, status: from, ...NOT_DELETED };
    if (guard.notAuthor) filter['author.id'] = { $ne: guard.notAuthor };
    if (guard.notSubmitter) filter['submittedBy.id'] = { $ne: guard.notSubmitter };
    if (guard.unchangedSince) filter.updatedAt = guard.unchangedSince;
    const doc = await this.model
      .findOneAndUpdate(filter, { $set: { ...set, status: transition.to }, $push: { history: transition, pendingAudit: draft } }, { returnDocument: 'after' })
      .lean<VersionLean>()
      .exec();
    return doc ? toVersion(doc) : null;
  }


  /** Leaves updatedAt alone (submission compares it), and removes a deleted draft once nothing of it is pending. */
  override async settleDraft(documentId: string, draftId: string): Promise<void> {
    await super.settleDraft(documentId, draftId);
    await this.model.deleteOne({ _id: documentId, deletedAt: { $ne: null }, 'pendingAudit.0': { $exists: false } }).exec();
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
    evaluation: boundedEvaluation(doc.evaluation),
    history: doc.history ?? [],
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

/** Evaluations stored before findings were bounded list every finding: they are bounded as they are read. */
function boundedEvaluation(evaluation: StoredEvaluation): StoredEvaluation {
  if (evaluation.findingTotals) return evaluation;
  return { ...evaluation, ...listFindings(evaluation.findings.map(boundFindingText)) };
}
