import { Injectable } from '@nestjs/common';

import type { ActorRef } from '../../common/auth/principal.js';
import type { PromptVersionStatus } from '../../../libs/contracts/src/index.js';
import { ConflictError, ForbiddenError, IllegalTransitionError, InvalidInputError } from '../../common/errors/domain.errors.js';
import { AuditService, PROMPT_TEMPLATE_RESOURCE } from '../../audit/index.js';
import { promptAudit, type PromptAuditAction } from '../shared/prompt-audit.js';
import type { PromptVersion, VersionTransition } from '../templates/prompt-template.js';
import { PromptVersionsService, type TransitionGuard, type VersionTransitionChanges } from '../templates/prompt-versions.service.js';

export interface ApprovalDecision {
  comment: string | null;
  acknowledgeHighRisk: boolean;
}

/**
 * DRAFT → IN_REVIEW → APPROVED | REJECTED, and APPROVED → DEPRECATED. Every transition is a compare-and-set
 * on the status the version was read in, so of two reviewers acting at once exactly one succeeds and the
 * other gets a 409. The reviewer of a version is never its author nor its submitter (four eyes).
 */
@Injectable()
export class ApprovalsService {
  constructor(
    private readonly versions: PromptVersionsService,
    private readonly audit: AuditService,
  ) {}

  /** Evaluates the draft again with the template's current policies and sends it for review. */
  async submit(templateId: string, number: number, actor: ActorRef, comment: string | null): Promise<PromptVersion> {
    const template = await this.versions.template(templateId);
    const current = await this.versions.get(templateId, number);
    this.expect(current, 'DRAFT', 'IN_REVIEW');
    const evaluation = await this.versions.evaluate(template, current, 'submitted');
    const now = new Date();
    return this.move(current, 'DRAFT', 'version.submitted', { from: 'DRAFT', to: 'IN_REVIEW', actor, at: now, comment }, { submittedBy: actor, submittedAt: now, evaluation }, {
      unchangedSince: current.updatedAt,
    });
  }

  async approve(templateId: string, number: number, actor: ActorRef, decision: ApprovalDecision): Promise<PromptVersion> {
    const current = await this.versions.get(templateId, number);
    this.expect(current, 'IN_REVIEW', 'APPROVED');
    await this.assertFourEyes(current, actor, 'approve');
    const { grade, reasons } = current.evaluation;
    if (grade === 'CRITICAL') {
      throw new ConflictError(`Version ${number} is graded CRITICAL and can never be approved; fix the findings in a new version (${reasons.join('; ')})`, { rule: 'critical-risk', grade, reasons });
    }
    if (grade === 'HIGH' && !decision.acknowledgeHighRisk) {
      throw new InvalidInputError(`Version ${number} is graded HIGH: approving it needs acknowledgeHighRisk: true (reasons: ${reasons.join('; ')})`, [
        { field: 'acknowledgeHighRisk', message: 'must be true to approve a version graded HIGH' },
      ]);
    }
    const transition: VersionTransition = { from: 'IN_REVIEW', to: 'APPROVED', actor, at: new Date(), comment: decision.comment };
    return this.move(
      current,
      'IN_REVIEW',
      'version.approved',
      transition,
      { reviewedBy: actor, reviewedAt: transition.at, reviewComment: decision.comment, highRiskAcknowledged: grade === 'HIGH' },
      { notAuthor: actor.id, notSubmitter: actor.id },
    );
  }

  async reject(templateId: string, number: number, actor: ActorRef, comment: string): Promise<PromptVersion> {
    const current = await this.versions.get(templateId, number);
    this.expect(current, 'IN_REVIEW', 'REJECTED');
    await this.assertFourEyes(current, actor, 'reject');
    const transition: VersionTransition = { from: 'IN_REVIEW', to: 'REJECTED', actor, at: new Date(), comment };
    return this.move(current, 'IN_REVIEW', 'version.rejected', transition, { reviewedBy: actor, reviewedAt: transition.at, reviewComment: comment }, { notAuthor: actor.id, notSubmitter: actor.id });
  }

  /**
   * Retires the version on its template first (refused while a label points at it; a label can never be
   * moved onto a retired version), then moves it to DEPRECATED. Both steps are idempotent, so a
   * deprecation interrupted between them completes when retried.
   */
  async deprecate(templateId: string, number: number, actor: ActorRef, comment: string | null): Promise<PromptVersion> {
    const template = await this.versions.template(templateId);
    const current = await this.versions.get(templateId, number);
    this.expect(current, 'APPROVED', 'DEPRECATED');
    if (!(await this.versions.retire(templateId, number))) {
      const labels = (await this.versions.template(templateId)).labels.filter((l) => l.version === number).map((l) => l.name);
      throw new ConflictError(`Version ${number} of '${template.name}' cannot be deprecated while labels point at it (${labels.join(', ')}): move them first`, { labels });
    }
    return this.move(current, 'APPROVED', 'version.deprecated', { from: 'APPROVED', to: 'DEPRECATED', actor, at: new Date(), comment }, {});
  }

  private async move(
    current: PromptVersion,
    from: PromptVersionStatus,
    action: PromptAuditAction,
    transition: VersionTransition,
    set: VersionTransitionChanges,
    guard: TransitionGuard = {},
  ): Promise<PromptVersion> {
    // The update is conditional on the state read, so the version after it is `current` with `set` applied.
    const after = { ...current, ...set, status: transition.to };
    const draft = promptAudit(
      {
        actor: transition.actor,
        action,
        templateId: current.templateId,
        version: current.version,
        before: { status: from, grade: current.evaluation.grade },
        after: { status: after.status, grade: after.evaluation.grade, ruleSetVersion: after.evaluation.ruleSetVersion, highRiskAcknowledged: after.highRiskAcknowledged },
        comment: transition.comment,
      },
      transition.at,
    );
    const moved = await this.versions.transition(current, from, transition, set, draft, guard);
    if (!moved) {
      const now = await this.versions.get(current.templateId, current.version);
      this.expect(now, from, transition.to);
      throw new ConflictError(`Version ${current.version} changed while it was being moved to ${transition.to}; read it again and retry`);
    }
    return moved;
  }

  private expect(version: PromptVersion, status: PromptVersionStatus, to: PromptVersionStatus): void {
    if (version.status !== status) throw new IllegalTransitionError(`Version ${version.version}`, version.status, to);
  }

  /** Four eyes by identity: the stable id decides, so no second name or credential of the same person gets through. */
  private async assertFourEyes(version: PromptVersion, actor: ActorRef, decision: 'approve' | 'reject'): Promise<void> {
    const role = actor.id === version.author.id ? 'author' : actor.id === version.submittedBy?.id ? 'submitter' : null;
    if (!role) return;
    await this.audit.recordQuietly({
      actor,
      action: `prompt.version.${decision === 'approve' ? 'approved' : 'rejected'}`,
      outcome: 'REFUSED',
      resource: { type: PROMPT_TEMPLATE_RESOURCE, id: version.templateId },
      context: { version: version.version, label: null },
      before: { status: version.status },
      after: null,
      comment: `four-eyes: the ${role} may not ${decision}`,
    });
    throw new ForbiddenError(`${actor.name} is the ${role} of version ${version.version} and may not ${decision} it: another person must review it (four-eyes rule)`, { rule: 'four-eyes', role });
  }
}
