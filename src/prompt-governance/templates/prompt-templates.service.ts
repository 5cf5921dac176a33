import { Injectable } from '@nestjs/common';

import type { ActorRef } from '../../common/auth/principal.js';
import type { PromptVersionStatus } from '../../../libs/contracts/src/index.js';
import { NotFoundError } from '../../common/errors/domain.errors.js';
import type { Page, PageRequest } from '../../common/pagination/page.js';
import { type AuditEntry, AuditService, type PendingAudit, PROMPT_TEMPLATE_RESOURCE } from '../../audit/index.js';
import { promptAudit } from '../shared/prompt-audit.js';
import { checkPolicies } from '../screening/policy-refs.js';
import { checkContent } from './prompt-content.js';
import type { NewTemplate, PromptContent, PromptLabel, PromptTemplate, PromptVersion, TemplateChanges, TemplateFilter } from './prompt-template.js';
import { PromptTemplatesRepository } from './prompt-templates.repository.js';
import { PromptVersionsRepository } from './prompt-versions.repository.js';
import { PromptVersionsService, type StoredVersion } from './prompt-versions.service.js';
import { templateSnapshot } from './version-snapshot.js';

export interface TemplateListFilter extends Omit<TemplateFilter, 'ids'> {
  status?: PromptVersionStatus;
}

@Injectable()
export class PromptTemplatesService {
  constructor(
    private readonly templates: PromptTemplatesRepository,
    private readonly versionRecords: PromptVersionsRepository,
    private readonly versions: PromptVersionsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Creates the template and its first version. The content is checked before anything is written, and a
   * template whose first version cannot be stored is removed again, so a refused request leaves nothing.
   */
  async create(template: Omit<NewTemplate, 'createdBy'>, firstVersion: PromptContent, commitMessage: string, actor: ActorRef): Promise<{ template: PromptTemplate; version: PromptVersion }> {
    const policies = checkPolicies(template.policies);
    checkContent(firstVersion);
    const after = templateSnapshot({ ...template, policies });
    const { template: created, draft } = await this.templates.create({ ...template, policies, createdBy: actor }, (templateId) =>
      promptAudit({ actor, action: 'template.created', templateId, before: null, after }),
    );
    let stored: StoredVersion;
    try {
      stored = await this.versions.store(created, firstVersion, commitMessage, actor);
    } catch (error) {
      await this.templates.delete(created.id);
      throw error;
    }
    await this.audit.publish(draft, this.templates, created.id);
    await this.versions.publishCreated(stored);
    return { template: await this.get(created.id), version: stored.version };
  }

  async get(id: string): Promise<PromptTemplate> {
    const template = await this.templates.findById(id);
    if (!template) throw new NotFoundError('Prompt template', id);
    return template;
  }

  async list(filter: TemplateListFilter, page: PageRequest): Promise<Page<PromptTemplate>> {
    const { status, ...rest } = filter;
    const ids = status ? await this.versionRecords.templateIdsWithStatus(status) : undefined;
    return this.templates.list({ ...rest, ids }, page);
  }

  /**
   * Points a label at a version, unless the version is retired (deprecated or being deprecated), and sends the
   * audit entry to the chain. False when the version is retired or the template is gone.
   */
  async moveLabel(templateId: string, label: PromptLabel, audit: (previous: PromptLabel | null) => PendingAudit): Promise<boolean> {
    const moved = await this.templates.moveLabel(templateId, label, audit);
    if (!moved) return false;
    await this.audit.publish(moved.draft, this.templates, templateId);
    return true;
  }

  /** Removes a label and sends the audit entry to the chain: the label removed, null without such a label, undefined without the template. */
  async removeLabel(templateId: string, name: string, audit: (removed: PromptLabel) => PendingAudit): Promise<PromptLabel | null | undefined> {
    const removed = await this.templates.removeLabel(templateId, name, audit);
    if (!removed) return removed;
    await this.audit.publish(removed.draft, this.templates, templateId);
    return removed.removed;
  }

  /** The template's audit entries, oldest first. */
  async history(id: string, page: PageRequest): Promise<Page<AuditEntry>> {
    await this.get(id);
    return this.audit.list({ resourceType: PROMPT_TEMPLATE_RESOURCE, resourceId: id }, page, 1);
  }

  /** Changes metadata or policies; the audit log records the changed fields before and after. */
  async update(id: string, changes: TemplateChanges, actor: ActorRef): Promise<PromptTemplate> {
    const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as TemplateChanges;
    if (Object.keys(defined).length === 0) return this.get(id);
    if (defined.policies) defined.policies = checkPolicies(defined.policies);
    const fields = Object.keys(defined) as (keyof TemplateChanges)[];
    const pick = (t: PromptTemplate) => Object.fromEntries(fields.map((f) => [f, t[f]]));
    const updated = await this.templates.update(id, defined, (before) =>
      promptAudit({ actor, action: 'template.updated', templateId: id, before: pick(before), after: pick({ ...before, ...defined }) }),
    );
    if (!updated) throw new NotFoundError('Prompt template', id);
    await this.audit.publish(updated.draft, this.templates, id);
    return this.get(id);
  }
}
