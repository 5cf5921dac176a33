import { Injectable } from '@nestjs/common';

import type { ModelStage } from '../../../libs/contracts/src/index.js';
import type { PageRequest } from '../../common/database/mongo.repository.js';
import { IllegalTransitionError, NotFoundError } from '../../common/errors/domain.errors.js';
import type { Page } from '../../common/pagination/page.js';
import type { ModelStageTransition } from './model-stage-transition.js';
import { ModelStageTransitionsRepository } from './model-stage-transitions.repository.js';
import type { ModelVersion } from './model-version.js';
import { ModelVersionsRepository } from './model-versions.repository.js';
import { ModelVersionsService } from './model-versions.service.js';
import { ProductionChangesService } from './production-changes.service.js';
import type { RegisteredModel } from './registered-model.js';
import { RegisteredModelsRepository } from './registered-models.repository.js';
import { isAllowedTransition, STAGE_TRANSITIONS } from './stage-transitions.js';

@Injectable()
export class ModelStagesService {
  constructor(
    private readonly models: RegisteredModelsRepository,
    private readonly versions: ModelVersionsRepository,
    private readonly modelVersions: ModelVersionsService,
    private readonly production: ProductionChangesService,
    private readonly transitions: ModelStageTransitionsRepository,
  ) {}

  /**
   * Moves a version along the stage table. Before anything else it finishes whatever an interrupted request
   * left behind on this model (a recorded production change, a log entry of the version's last transition).
   */
  async changeStage(modelName: string, versionNumber: number, to: ModelStage, actor: string, comment: string): Promise<ModelVersion> {
    const model = await this.settledModel(modelName);
    const version = await this.modelVersions.get(modelName, versionNumber);
    if (version.lastTransition) await this.transitions.record(version.lastTransition);
    if (!isAllowedTransition(version.stage, to)) {
      throw new IllegalTransitionError(`Version ${versionNumber} of model '${modelName}'`, version.stage, to, {
        allowed: STAGE_TRANSITIONS[version.stage],
      });
    }
    if (to === 'PRODUCTION') return this.production.promote(model, version, actor, comment);
    if (version.stage === 'PRODUCTION') return this.production.retire(model, version, actor, comment);
    return this.applyTransition(version, to, actor, comment);
  }

  /**
   * For the retraining pipeline: registers a finished run as a new version and moves it to STAGING, through
   * the same checks as the HTTP API. If the second step fails the version stays in NONE, visible and retryable.
   */
  async registerRunForStaging(
    modelName: string,
    runId: string,
    actor: string,
    options: { description?: string; tags?: string[]; comment?: string; idempotencyKey?: string } = {},
  ): Promise<ModelVersion> {
    const created = await this.modelVersions.create(modelName, {
      runId,
      description: options.description ?? '',
      tags: options.tags ?? [],
      createdBy: actor,
      idempotencyKey: options.idempotencyKey,
    });
    // A repeated call finds its version already moved (to STAGING, or on by someone since): nothing to redo.
    if (created.stage !== 'NONE') return created;
    try {
      return await this.changeStage(modelName, created.version, 'STAGING', actor, options.comment ?? `Registered from run ${runId}`);
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

  private async applyTransition(version: ModelVersion, to: ModelStage, actor: string, comment: string): Promise<ModelVersion> {
    const transition: ModelStageTransition = {
      id: this.transitions.newId(),
      modelName: version.modelName,
      version: version.version,
      from: version.stage,
      to,
      actor,
      comment,
      reason: 'REQUESTED',
      at: new Date(),
    };
    const updated = await this.versions.applyTransition({ modelName: version.modelName, version: version.version, stage: version.stage }, transition);
    if (!updated) {
      const current = await this.modelVersions.get(version.modelName, version.version);
      throw new IllegalTransitionError(`Version ${version.version} of model '${version.modelName}' (changed concurrently)`, current.stage, to);
    }
    await this.transitions.record(transition);
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
