import { Injectable, Logger } from '@nestjs/common';

import { AuditService } from '../../audit/index.js';
import type { ActorRef } from '../../common/auth/principal.js';
import { ConflictError, IllegalTransitionError } from '../../common/errors/domain.errors.js';
import type { ModelStageTransition } from './model-stage-transition.js';
import { ModelStageTransitionsRepository } from './model-stage-transitions.repository.js';
import { unmetChecklistItems, type ModelVersion } from './model-version.js';
import { ModelVersionsRepository } from './model-versions.repository.js';
import type { PendingProductionChange, RegisteredModel } from './registered-model.js';
import { RegisteredModelsRepository } from './registered-models.repository.js';
import { ChecklistIncompleteError } from './registry.errors.js';
import { stageChangeAudit } from './stage-audit.js';

type Outcome = 'APPLIED' | 'ABORTED';

/**
 * Changes of a model's production version, without transactions. The model's `productionVersion` pointer is
 * the truth and the commit point: one conditional update moves it *and* records the whole change on the
 * model (`pendingProductionChange`), only if the pointer is where the caller saw it and no other change is
 * under way. So of concurrent promotions exactly one commits; the others get 409.
 *
 * After the commit the change is settled in idempotent steps: the promoted version goes STAGING→PRODUCTION
 * (only at the revision whose checklist was verified), the previous one PRODUCTION→ARCHIVED (only if it is
 * still the same production tenure), both log entries are written under ids chosen in advance, and the record
 * is cleared. Anyone may settle a recorded change (the request that made it, or the next stage change of the
 * model after a crash); if the promoted version changed in between, the pointer is put back instead.
 */
@Injectable()
export class ProductionChangesService {
  private readonly logger = new Logger(ProductionChangesService.name);

  constructor(
    private readonly models: RegisteredModelsRepository,
    private readonly versions: ModelVersionsRepository,
    private readonly transitions: ModelStageTransitionsRepository,
    private readonly audit: AuditService,
  ) {}

  /** STAGING→PRODUCTION for a version whose required checklist items are all checked; archives the previous production version. */
  async promote(model: RegisteredModel, version: ModelVersion, actor: ActorRef, comment: string): Promise<ModelVersion> {
    const unmet = unmetChecklistItems(version.checklist);
    if (unmet.length > 0) throw new ChecklistIncompleteError(describe(version), version.stage, 'PRODUCTION', unmet);
    const hasPrevious = model.productionVersion !== null;
    const change = this.newChange(actor, comment, {
      toVersion: version.version,
      toRevision: version.revision,
      toTransitionId: this.transitions.newId(),
      fromVersion: model.productionVersion,
      fromProductionTransitionId: model.productionTransitionId,
      fromTransitionId: hasPrevious ? this.transitions.newId() : null,
    });
    await this.begin(model, change, `version ${version.version} was being promoted`);
    if ((await this.settle(model.name, change)) === 'ABORTED') await this.explainAbortedPromotion(model.name, version.version);
    return this.reread(model.name, version.version);
  }

  /**
   * ARCHIVED→PRODUCTION in one call: an emergency rollback to a version that was in production before (and so
   * passed four-eyes then); archives the current production version. Recorded with the reason ROLLBACK.
   */
  async rollBack(model: RegisteredModel, version: ModelVersion, actor: ActorRef, comment: string): Promise<ModelVersion> {
    const hasPrevious = model.productionVersion !== null;
    const change = this.newChange(actor, comment, {
      toVersion: version.version,
      toRevision: version.revision,
      toTransitionId: this.transitions.newId(),
      toFromStage: 'ARCHIVED',
      fromVersion: model.productionVersion,
      fromProductionTransitionId: model.productionTransitionId,
      fromTransitionId: hasPrevious ? this.transitions.newId() : null,
    });
    await this.begin(model, change, `version ${version.version} was being rolled back to`);
    if ((await this.settle(model.name, change)) === 'ABORTED') {
      throw new ConflictError(`${describe(version)} changed while it was being rolled back to; read it again and retry`);
    }
    return this.reread(model.name, version.version);
  }

  /** PRODUCTION→ARCHIVED without a successor: the model is left with no production version. */
  async retire(model: RegisteredModel, version: ModelVersion, actor: ActorRef, comment: string): Promise<ModelVersion> {
    if (model.productionVersion !== version.version) {
      throw new ConflictError(`${describe(version)} is not the production version of model '${model.name}'; read the model again`);
    }
    const change = this.newChange(actor, comment, {
      toVersion: null,
      toRevision: null,
      toTransitionId: null,
      fromVersion: version.version,
      fromProductionTransitionId: model.productionTransitionId,
      fromTransitionId: this.transitions.newId(),
    });
    await this.begin(model, change, `version ${version.version} was being archived`);
    await this.settle(model.name, change);
    return this.reread(model.name, version.version);
  }

  /** Brings versions and log in line with a recorded change, then clears it. Safe to run any number of times, concurrently. */
  async settle(modelName: string, change: PendingProductionChange): Promise<Outcome> {
    if (change.toVersion !== null && !(await this.applyPromotion(modelName, change))) {
      if (await this.models.revertProductionChange(modelName, change)) return 'ABORTED';
      // Someone else settled it first: the log says whether they completed it or put the pointer back.
      return (await this.transitions.exists(change.toTransitionId!)) ? 'APPLIED' : 'ABORTED';
    }
    const archived = change.fromVersion !== null && (await this.applyArchive(modelName, change));
    if (change.toVersion !== null) await this.transitions.record(promotionOf(modelName, change));
    if (archived) await this.transitions.record(archiveOf(modelName, change));
    await this.models.finishProductionChange(modelName, change.id);
    return 'APPLIED';
  }

  private async begin(model: RegisteredModel, change: PendingProductionChange, what: string): Promise<void> {
    if (!(await this.models.beginProductionChange(model.name, model.productionVersion, change))) {
      throw new ConflictError(
        `The production version of model '${model.name}' changed while ${what} (another promotion or archive won); read the model again and retry`,
      );
    }
  }

  /** True once the promoted version is in PRODUCTION through this change, whoever applied it. */
  private async applyPromotion(modelName: string, change: PendingProductionChange): Promise<boolean> {
    const expected = { modelName, version: change.toVersion!, stage: change.toFromStage ?? ('STAGING' as const), revision: change.toRevision! };
    const transition = promotionOf(modelName, change);
    const draft = stageChangeAudit(transition);
    const applied = await this.versions.applyTransition(expected, transition, draft);
    if (applied) {
      await this.audit.publish(draft, this.versions, applied.id);
      return true;
    }
    return (await this.versions.find(modelName, change.toVersion!))?.lastTransition?.id === change.toTransitionId;
  }

  private async applyArchive(modelName: string, change: PendingProductionChange): Promise<boolean> {
    const expected = { modelName, version: change.fromVersion!, stage: 'PRODUCTION' as const, lastTransitionId: change.fromProductionTransitionId };
    const transition = archiveOf(modelName, change);
    const draft = stageChangeAudit(transition);
    const applied = await this.versions.applyTransition(expected, transition, draft);
    if (applied) {
      await this.audit.publish(draft, this.versions, applied.id);
      return true;
    }
    const current = await this.versions.find(modelName, change.fromVersion!);
    if (current?.lastTransition?.id === change.fromTransitionId) return true;
    this.logger.warn(`Version ${change.fromVersion} of '${modelName}' was not in its expected production tenure; change ${change.id} left it as ${current?.stage}`);
    return false;
  }

  /** Says why a committed promotion had to be put back: the version moved or its checklist changed after it was verified. */
  private async explainAbortedPromotion(modelName: string, version: number): Promise<never> {
    const current = await this.reread(modelName, version);
    if (current.stage !== 'STAGING') throw new IllegalTransitionError(describe(current), current.stage, 'PRODUCTION');
    const unmet = unmetChecklistItems(current.checklist);
    if (unmet.length > 0) throw new ChecklistIncompleteError(describe(current), current.stage, 'PRODUCTION', unmet);
    throw new ConflictError(`${describe(current)} changed while it was being promoted (its checklist or evaluation was updated); retry`);
  }

  private async reread(modelName: string, version: number): Promise<ModelVersion> {
    const current = await this.versions.find(modelName, version);
    if (!current) throw new ConflictError(`Version ${version} of model '${modelName}' disappeared during a stage change`);
    return current;
  }

  private newChange(actor: ActorRef, comment: string, versions: Omit<PendingProductionChange, 'id' | 'actor' | 'comment' | 'requestedAt'>): PendingProductionChange {
    return { id: this.transitions.newId(), ...versions, actor, comment, requestedAt: new Date() };
  }
}

function describe(version: Pick<ModelVersion, 'modelName' | 'version'>): string {
  return `Version ${version.version} of model '${version.modelName}'`;
}

function promotionOf(modelName: string, change: PendingProductionChange): ModelStageTransition {
  return {
    id: change.toTransitionId!,
    modelName,
    version: change.toVersion!,
    from: change.toFromStage ?? 'STAGING',
    to: 'PRODUCTION',
    actor: change.actor,
    comment: change.comment,
    reason: change.toFromStage === 'ARCHIVED' ? 'ROLLBACK' : 'REQUESTED',
    at: change.requestedAt,
  };
}

function archiveOf(modelName: string, change: PendingProductionChange): ModelStageTransition {
  const replaced = change.toVersion !== null;
  return {
    id: change.fromTransitionId!,
    modelName,
    version: change.fromVersion!,
    from: 'PRODUCTION',
    to: 'ARCHIVED',
    actor: change.actor,
    comment: replaced ? `Replaced in production by version ${change.toVersion}` : change.comment,
    reason: replaced ? 'REPLACED' : 'REQUESTED',
    at: change.requestedAt,
  };
}
