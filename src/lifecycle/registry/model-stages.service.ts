import { Injectable } from '@nestjs/common';

import type { ModelStage } from '../../../libs/contracts/src/index.js';
import { AuditService } from '../../audit/index.js';
import { actorOf, hasRole, type Principal } from '../../common/auth/principal.js';
import { ConflictError, IllegalTransitionError, NotFoundError } from '../../common/errors/domain.errors.js';
import type { Page, PageRequest } from '../../common/pagination/page.js';
import type { ModelStageTransition } from './model-stage-transition.js';
import { ModelStageTransitionsRepository } from './model-stage-transitions.repository.js';
import type { ModelVersion } from './model-version.js';
import { ModelVersionsRepository } from './model-versions.repository.js';
import { ModelVersionsService } from './model-versions.service.js';
import { ProductionChangesService } from './production-changes.service.js';
import type { RegisteredModel } from './registered-model.js';
import { RegisteredModelsRepository } from './registered-models.repository.js';
import { stageChangeAudit } from './stage-audit.js';
import { isAllowedTransition, STAGE_TRANSITIONS } from './stage-transitions.js';

/** Which version was in production at a moment, and since when. */
export interface ProductionAt {
  modelName: string;
  at: Date;
  version: number | null;
  since: Date | null;
  transitionId: string | null;
}

@Injectable()
export class ModelStagesService {
  constructor(
    private readonly models: RegisteredModelsRepository,
    private readonly versions: ModelVersionsRepository,
    private readonly modelVersions: ModelVersionsService,
    private readonly production: ProductionChangesService,
    private readonly transitions: ModelStageTransitionsRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * Moves a version along the stage table. Before anything else it finishes whatever an interrupted request
   * left behind on this model (a recorded production change, a log entry of the version's last transition).
   * Moving a version into or out of PRODUCTION needs the approver role, and nobody who brought the version
   * about may promote it (four eyes, by identity).
   */
  async changeStage(modelName: string, versionNumber: number, to: ModelStage, principal: Principal, comment: string): Promise<ModelVersion> {
    const model = await this.settledModel(modelName);
    const version = await this.modelVersions.get(modelName, versionNumber);
    if (version.lastTransition) await this.transitions.record(version.lastTransition);
    if (!isAllowedTransition(version.stage, to)) {
      throw new IllegalTransitionError(`Version ${versionNumber} of model '${modelName}'`, version.stage, to, {
        allowed: STAGE_TRANSITIONS[version.stage],
      });
    }
    const actor = actorOf(principal);
    const action = 'model.version.stage-changed';
    if ((to === 'PRODUCTION' || version.stage === 'PRODUCTION') && !hasRole(principal, 'approver')) {
      await this.modelVersions.refuse(version, actor, action, `Moving a version ${to === 'PRODUCTION' ? 'into' : 'out of'} PRODUCTION needs the approver role`, { requiredRoles: ['approver'] });
    }
    if (to === 'PRODUCTION' && version.originators.includes(actor.id)) {
      await this.modelVersions.refuse(version, actor, action, `${actor.name} brought version ${versionNumber} about and may not promote it: another person must (four-eyes rule)`, { rule: 'four-eyes' });
    }
    if (to === 'PRODUCTION') return this.production.promote(model, version, actor, comment);
    if (version.stage === 'PRODUCTION') return this.production.retire(model, version, actor, comment);
    return this.applyTransition(version, to, principal, comment);
  }

  /**
   * Emergency rollback: puts back the version that most recently left PRODUCTION, in one call by one approver
   * (that version passed four-eyes when it was promoted), archiving the current one. Audited as a rollback.
   */
  async rollBack(modelName: string, principal: Principal, comment: string): Promise<ModelVersion> {
    const model = await this.settledModel(modelName);
    const left = await this.transitions.lastLeftProduction(modelName);
    if (!left) throw new ConflictError(`Model '${modelName}' has no earlier production version to roll back to`);
    const version = await this.modelVersions.get(modelName, left.version);
    if (version.stage !== 'ARCHIVED' || model.productionVersion === version.version) {
      throw new ConflictError(`Version ${version.version} of model '${modelName}', the last to leave PRODUCTION, is ${version.stage} now; roll back needs it ARCHIVED`, {
        version: version.version,
        stage: version.stage,
      });
    }
    return this.production.rollBack(model, version, actorOf(principal), comment);
  }

  /** The version in production at `at`, from the stage log; null when there was none. */
  async productionAt(modelName: string, at: Date): Promise<ProductionAt> {
    await this.getModel(modelName);
    const entered = await this.transitions.lastEnteredProduction(modelName, at);
    if (!entered || (await this.transitions.leftProductionBetween(modelName, entered.version, entered.at, at))) {
      return { modelName, at, version: null, since: null, transitionId: null };
    }
    return { modelName, at, version: entered.version, since: entered.at, transitionId: entered.id };
  }

  /**
   * For the retraining pipeline: registers a finished run as a new version and moves it to STAGING, through
   * the same checks as the HTTP API. If the second step fails the version stays in NONE, visible and retryable.
   */
  async registerRunForStaging(
    modelName: string,
    runId: string,
    principal: Principal,
    options: { description?: string; tags?: string[]; comment?: string; idempotencyKey?: string; alsoOriginatedBy?: string[] } = {},
  ): Promise<ModelVersion> {
    const created = await this.modelVersions.create(modelName, {
      runId,
      description: options.description ?? '',
      tags: options.tags ?? [],
      createdBy: actorOf(principal),
      alsoOriginatedBy: options.alsoOriginatedBy,
      idempotencyKey: options.idempotencyKey,
    });
    // A repeated call finds its version already moved (to STAGING, or on by someone since): nothing to redo.
    if (created.stage !== 'NONE') return created;
    try {
      return await this.changeStage(modelName, created.version, 'STAGING', principal, options.comment ?? `Registered from run ${runId}`);
    } catch (error) {
      // A concurrent replay of the same job moved it first.
      const current = error instanceof IllegalTransitionError ? await this.modelVersions.get(modelName, created.version) : null;
      if (current && current.stage !== 'NONE') return current;
      throw error;
    }
  }

  async listTransitions(modelName: string, version: number | null, page: PageRequest): Promise<Page<ModelStageTransition>> {
    if (version === null) await this.getModel(modelName);
    else await this.modelVersions.get(modelName, version);
    return this.transitions.listForModel(modelName, version, page);
  }

  private async applyTransition(version: ModelVersion, to: ModelStage, principal: Principal, comment: string): Promise<ModelVersion> {
    const transition: ModelStageTransition = {
      id: this.transitions.newId(),
      modelName: version.modelName,
      version: version.version,
      from: version.stage,
      to,
      actor: actorOf(principal),
      comment,
      reason: 'REQUESTED',
      at: new Date(),
    };
    const draft = stageChangeAudit(transition);
    const updated = await this.versions.applyTransition({ modelName: version.modelName, version: version.version, stage: version.stage }, transition, draft);
    if (!updated) {
      const current = await this.modelVersions.get(version.modelName, version.version);
      throw new IllegalTransitionError(`Version ${version.version} of model '${version.modelName}' (changed concurrently)`, current.stage, to);
    }
    await this.transitions.record(transition);
    await this.audit.publish(draft, this.versions, updated.id);
    return updated;
  }

  private async settledModel(name: string): Promise<RegisteredModel> {
    const model = await this.getModel(name);
    if (!model.pendingProductionChange) return model;
    await this.production.settle(name, model.pendingProductionChange);
    return this.getModel(name);
  }

  private async getModel(name: string): Promise<RegisteredModel> {
    const model = await this.models.findByName(name);
    if (!model) throw new NotFoundError('Model', name);
    return model;
  }
}
