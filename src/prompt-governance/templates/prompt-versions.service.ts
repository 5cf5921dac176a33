import { Injectable } from '@nestjs/common';

import type { ActorRef } from '../../common/auth/principal.js';
import type { PromptVersionStatus } from '../../../libs/contracts/src/index.js';
import { ConflictError, NotFoundError } from '../../common/errors/domain.errors.js';
import type { Page, PageRequest } from '../../common/pagination/page.js';
import { AuditService, type PendingAudit } from '../../audit/index.js';
import { promptAudit } from '../shared/prompt-audit.js';
import { PromptScreeningService } from '../screening/prompt-screening.service.js';
import { checkContent, contentParts, renderContent, type RenderedContent } from './prompt-content.js';
import type { EvaluationTrigger, PromptContent, PromptTemplate, PromptVersion, StoredEvaluation, VersionTransition } from './prompt-template.js';
import { PromptTemplatesRepository } from './prompt-templates.repository.js';
import { PromptVersionsRepository, type TransitionGuard } from './prompt-versions.repository.js';
import { diffVersions, type VersionDiff } from './version-diff.js';
import { versionSnapshot } from './version-snapshot.js';

export type { TransitionGuard };

/** What a status change sets besides the status (who reviewed, when, ...). */
export type VersionTransitionChanges = Parameters<PromptVersionsRepository['transition']>[4];

export interface DraftEdit extends Partial<PromptContent> {
  commitMessage?: string;
}

/** A version just stored, with the audit draft of its creation that still has to reach the chain. */
export interface StoredVersion {
  version: PromptVersion;
  draft: PendingAudit;
}

@Injectable()
export class PromptVersionsService {
  constructor(
    private readonly templates: PromptTemplatesRepository,
    private readonly versions: PromptVersionsRepository,
    private readonly evaluation: PromptScreeningService,
    private readonly audit: AuditService,
  ) {}

  async add(templateId: string, content: PromptContent, commitMessage: string, actor: ActorRef): Promise<PromptVersion> {
    const template = await this.template(templateId);
    return this.create(template, content, commitMessage, actor);
  }

  async create(template: PromptTemplate, content: PromptContent, commitMessage: string, actor: ActorRef): Promise<PromptVersion> {
    const stored = await this.store(template, content, commitMessage, actor);
    await this.publishCreated(stored);
    return stored.version;
  }

  /** Checks and evaluates the content, then stores it as a new draft under the next version number, with its audit draft. */
  async store(template: PromptTemplate, content: PromptContent, commitMessage: string, actor: ActorRef): Promise<StoredVersion> {
    checkContent(content);
    const evaluation = await this.evaluate(template, content, 'created');
    const number = await this.templates.nextVersionNumber(template.id);
    if (number === null) throw new NotFoundError('Prompt template', template.id);
    const created = { ...content, templateId: template.id, version: number, commitMessage, author: actor, evaluation };
    const draft = promptAudit({
      actor,
      action: 'version.created',
      templateId: template.id,
      version: number,
      before: null,
      after: versionSnapshot({ ...created, status: 'DRAFT' }),
      comment: commitMessage || null,
    });
    return { version: await this.versions.create(created, draft), draft };
  }

  async publishCreated(stored: StoredVersion): Promise<void> {
    await this.audit.publish(stored.draft, this.versions, stored.version.id);
  }

  async get(templateId: string, version: number): Promise<PromptVersion> {
    const found = await this.versions.find(templateId, version);
    if (found) return found;
    await this.template(templateId);
    throw new NotFoundError('Prompt template version', `${templateId}/${version}`);
  }

  async list(templateId: string, status: PromptVersionStatus | undefined, page: PageRequest): Promise<Page<PromptVersion>> {
    await this.template(templateId);
    return this.versions.list(templateId, status, page);
  }

  /** Changes a draft and evaluates it again; a version that has been submitted cannot change. */
  async editDraft(templateId: string, version: number, edit: DraftEdit, actor: ActorRef): Promise<PromptVersion> {
    const [template, current] = await Promise.all([this.template(templateId), this.get(templateId, version)]);
    this.assertDraft(current, 'edited');
    const content: PromptContent = {
      template: edit.template !== undefined ? edit.template : edit.messages !== undefined ? null : current.template,
      messages: edit.messages !== undefined ? edit.messages : edit.template !== undefined ? null : current.messages,
      variables: edit.variables ?? current.variables,
      modelSettings: edit.modelSettings ?? current.modelSettings,
    };
    checkContent(content);
    const evaluation = await this.evaluate(template, content, 'edited');
    const changes = { ...content, commitMessage: edit.commitMessage ?? current.commitMessage, evaluation };
    const draft = promptAudit({ actor, action: 'version.edited', templateId, version, before: versionSnapshot(current), after: versionSnapshot({ ...current, ...changes }) });
    const changed = await this.versions.updateDraft(templateId, version, changes, current.updatedAt, draft);
    if (!changed) return this.refuseDraftChange(templateId, version, 'edited');
    await this.audit.publish(draft, this.versions, current.id);
    return changed.after;
  }

  async deleteDraft(templateId: string, version: number, actor: ActorRef): Promise<void> {
    const current = await this.get(templateId, version);
    this.assertDraft(current, 'deleted');
    const draft = promptAudit({ actor, action: 'version.deleted', templateId, version, before: versionSnapshot(current), after: null });
    const deleted = await this.versions.deleteDraft(templateId, version, current.updatedAt, draft);
    if (!deleted) return this.refuseDraftChange(templateId, version, 'deleted');
    await this.audit.publish(draft, this.versions, current.id);
  }

  async render(templateId: string, version: number, values: Record<string, string>): Promise<RenderedContent> {
    return renderContent(await this.get(templateId, version), values);
  }

  async diff(templateId: string, from: number, to: number): Promise<VersionDiff> {
    const [a, b] = await Promise.all([this.get(templateId, from), this.get(templateId, to)]);
    return diffVersions(a, b);
  }

  /** Runs the evaluator on a version's content with the template's current policies and declared level. */
  async evaluate(template: PromptTemplate, content: PromptContent, trigger: EvaluationTrigger): Promise<StoredEvaluation> {
    const outcome = await this.evaluation.evaluate({
      parts: contentParts(content),
      variables: content.variables.map((v) => v.name),
      policies: template.policies,
      declaredRiskLevel: template.declaredRiskLevel,
    });
    return { ...outcome, trigger, evaluatedAt: new Date(), policies: template.policies, declaredRiskLevel: template.declaredRiskLevel };
  }

  /**
   * Moves a version from one status to another if it is still in `from` (and the guard holds), then sends its
   * audit entry to the chain. Null when the version moved meanwhile or the guard refused.
   */
  async transition(
    current: PromptVersion,
    from: PromptVersionStatus,
    transition: VersionTransition,
    set: VersionTransitionChanges,
    draft: PendingAudit,
    guard: TransitionGuard = {},
  ): Promise<PromptVersion | null> {
    const moved = await this.versions.transition(current.templateId, current.version, from, transition, set, draft, guard);
    if (moved) await this.audit.publish(draft, this.versions, moved.id);
    return moved;
  }

  /** Marks the version retired on its template, so no label can be moved onto it; false while a label points at it. */
  async retire(templateId: string, version: number): Promise<boolean> {
    return this.templates.retireVersion(templateId, version);
  }

  /** The status of a version, read without the rest of it (the usage ingestion path); null when there is none. */
  async findStatus(templateId: string, version: number): Promise<{ id: string; status: PromptVersionStatus } | null> {
    return this.versions.findStatus(templateId, version);
  }

  async template(templateId: string): Promise<PromptTemplate> {
    const template = await this.templates.findById(templateId);
    if (!template) throw new NotFoundError('Prompt template', templateId);
    return template;
  }

  private assertDraft(version: PromptVersion, change: 'edited' | 'deleted'): void {
    if (version.status !== 'DRAFT') {
      throw new ConflictError(`Version ${version.version} is ${version.status} and cannot be ${change}: a version is immutable once submitted; create a new version instead`, {
        status: version.status,
      });
    }
  }

  private async refuseDraftChange(templateId: string, version: number, change: 'edited' | 'deleted'): Promise<never> {
    const current = await this.get(templateId, version);
    this.assertDraft(current, change);
    throw new ConflictError(`Version ${version} changed while it was being ${change}; retry`);
  }
}
