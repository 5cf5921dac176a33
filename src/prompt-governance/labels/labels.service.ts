import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import { actorOf, hasRole, type Principal } from '../../common/auth/principal.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../common/errors/domain.errors.js';
import { promptAudit } from '../shared/prompt-audit.js';
import { AuditService, PROMPT_TEMPLATE_RESOURCE } from '../../audit/index.js';
import type { PromptGovernanceConfigNamespace } from '../prompt-governance.config.js';
import type { PromptLabel, PromptTemplate, PromptVersion } from '../templates/prompt-template.js';
import { PromptTemplatesService } from '../templates/prompt-templates.service.js';
import { PromptVersionsService } from '../templates/prompt-versions.service.js';

export const MAX_LABELS_PER_TEMPLATE = 50;

export interface ResolvedLabel {
  template: PromptTemplate;
  label: PromptLabel;
  version: PromptVersion;
}

/**
 * Labels are movable pointers to approved versions, kept on the template document so that moving one is a
 * single conditional update. A label is never moved onto a retired (deprecated or being deprecated)
 * version, and a version is never retired while a label points at it: both checks are conditions of an
 * update of the same document, so a move and a deprecation racing each other cannot both succeed.
 */
@Injectable()
export class LabelsService {
  private readonly protectedLabels: ReadonlySet<string>;

  constructor(
    private readonly templates: PromptTemplatesService,
    private readonly versions: PromptVersionsService,
    private readonly audit: AuditService,
    config: ConfigService<PromptGovernanceConfigNamespace, true>,
  ) {
    this.protectedLabels = new Set(config.getOrThrow('promptGovernance', { infer: true }).protectedLabels);
  }

  async resolve(templateId: string, name: string): Promise<ResolvedLabel> {
    const template = await this.versions.template(templateId);
    const label = template.labels.find((l) => l.name === name);
    if (!label) throw new NotFoundError('Label', `${template.name}:${name}`);
    return { template, label, version: await this.versions.get(templateId, label.version) };
  }

  async move(templateId: string, name: string, number: number, principal: Principal, comment: string | null): Promise<ResolvedLabel> {
    await this.assertMayMove(templateId, name, principal, 'label.moved');
    const actor = actorOf(principal);
    const template = await this.versions.template(templateId);
    const version = await this.versions.get(templateId, number);
    if (version.status !== 'APPROVED') {
      throw new ConflictError(`Label '${name}' can point only to an approved version; version ${number} is ${version.status}`, { status: version.status });
    }
    const existing = template.labels.find((l) => l.name === name);
    if (existing?.version === number) return { template, label: existing, version };
    if (!existing && template.labels.length >= MAX_LABELS_PER_TEMPLATE) {
      throw new ConflictError(`Template '${template.name}' already has ${MAX_LABELS_PER_TEMPLATE} labels; remove one first`);
    }
    const label: PromptLabel = { name, version: number, versionId: version.id, movedBy: actor, movedAt: new Date() };
    const moved = await this.templates.moveLabel(templateId, label, (previous) =>
      promptAudit({ actor, action: 'label.moved', templateId, version: number, label: name, before: previous ? { version: previous.version } : null, after: { version: number }, comment }, label.movedAt),
    );
    if (!moved) {
      const now = await this.versions.template(templateId);
      throw new ConflictError(`Version ${number} of '${now.name}' is deprecated or being deprecated; label '${name}' cannot point at it`);
    }
    return { template, label, version };
  }

  async remove(templateId: string, name: string, principal: Principal, comment: string | null): Promise<void> {
    await this.assertMayMove(templateId, name, principal, 'label.removed');
    const actor = actorOf(principal);
    const removed = await this.templates.removeLabel(templateId, name, (label) =>
      promptAudit({ actor, action: 'label.removed', templateId, version: label.version, label: name, before: { version: label.version }, after: null, comment }),
    );
    if (removed === undefined) throw new NotFoundError('Prompt template', templateId);
    if (removed === null) throw new NotFoundError('Label', name);
  }

  /** A protected label (production by default) serves live traffic: only an approver moves or removes it. */
  private async assertMayMove(templateId: string, name: string, principal: Principal, action: 'label.moved' | 'label.removed'): Promise<void> {
    if (!this.protectedLabels.has(name) || hasRole(principal, 'approver')) return;
    await this.audit.recordQuietly({
      actor: actorOf(principal),
      action: `prompt.${action}`,
      outcome: 'REFUSED',
      resource: { type: PROMPT_TEMPLATE_RESOURCE, id: templateId },
      context: { version: null, label: name },
      before: null,
      after: null,
      comment: 'protected label: needs the approver role',
    });
    throw new ForbiddenError(`Label '${name}' is protected: only an approver may move or remove it`, { label: name, requiredRoles: ['approver'] });
  }
}
