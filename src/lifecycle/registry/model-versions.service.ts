import { Injectable, Logger } from '@nestjs/common';

import type { ModelStage } from '../../../libs/contracts/src/index.js';
import { AuditService, pendingAudit } from '../../audit/index.js';
import { SYSTEM_ACTORS, type ActorRef } from '../../common/auth/principal.js';
import { ConflictError, ForbiddenError, InconsistentInputError, InvalidInputError, NotFoundError } from '../../common/errors/domain.errors.js';
import type { Page, PageRequest } from '../../common/pagination/page.js';
import { RunsService } from '../runs/runs.service.js';
import { parseCompareRequest } from './comparison/compare-request.js';
import { compareVersions, type VersionComparison } from './comparison/version-comparison.js';
import {
  EVALUATION_CHECKLIST_KEY,
  isSystemChecked,
  type ChecklistItem,
  type ModelVersion,
  type NewModelVersion,
  type VersionEvaluation,
} from './model-version.js';
import { ModelVersionsRepository } from './model-versions.repository.js';
import type { RegisteredModel } from './registered-model.js';
import { RegisteredModelsRepository } from './registered-models.repository.js';

/** A new version: from a run (`runId`) or given directly (`artifactUri` and `metrics`). */
export interface VersionRequest {
  runId?: string;
  artifactUri?: string;
  metrics?: Record<string, number>;
  params?: Record<string, string>;
  description: string;
  tags: string[];
  createdBy: ActorRef;
  /** Others who brought the version about (a retraining's trainer and trigger): they may not approve it either. */
  alsoOriginatedBy?: string[];
  /** The same key yields the same version: a repeated request creates nothing. */
  idempotencyKey?: string;
}

type VersionContent = Pick<NewModelVersion, 'source' | 'runId' | 'experimentId' | 'artifactUri' | 'metrics' | 'params'>;

@Injectable()
export class ModelVersionsService {
  private readonly logger = new Logger(ModelVersionsService.name);

  constructor(
    private readonly models: RegisteredModelsRepository,
    private readonly versions: ModelVersionsRepository,
    private readonly runs: RunsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Everything that can refuse the request (the model, the run, the input) is checked before a number is
   * taken, so refusals leave no gap; the number then comes from one atomic increment on the model.
   */
  async create(modelName: string, request: VersionRequest): Promise<ModelVersion> {
    await this.getModel(modelName);
    const repeated = await this.findRepeat(modelName, request.idempotencyKey);
    if (repeated) return repeated;
    const content = await this.resolveContent(request);
    const taken = await this.models.takeNextVersion(modelName);
    if (!taken) throw new NotFoundError('Model', modelName);
    try {
      return await this.versions.create({
        ...content,
        modelName,
        version: taken.version,
        description: request.description,
        tags: request.tags,
        checklist: startingChecklist(taken.model),
        createdBy: request.createdBy,
        originators: [...new Set([request.createdBy.id, ...(request.alsoOriginatedBy ?? [])])],
        ...(request.idempotencyKey !== undefined && { idempotencyKey: request.idempotencyKey }),
      });
    } catch (error) {
      await this.models.releaseVersion(modelName, taken.version).catch(() => false);
      // A concurrent request with the same key won the race: its version is the answer.
      const winner = await this.findRepeat(modelName, request.idempotencyKey);
      if (winner) return winner;
      throw error;
    }
  }

  async get(modelName: string, version: number): Promise<ModelVersion> {
    const found = await this.versions.find(modelName, version);
    if (found) return found;
    await this.getModel(modelName);
    throw new NotFoundError('Model version', `${modelName} v${version}`);
  }

  async list(modelName: string, stage: ModelStage | undefined, page: PageRequest): Promise<Page<ModelVersion>> {
    await this.getModel(modelName);
    return this.versions.list(modelName, stage, page);
  }

  /**
   * Checks or unchecks one approval item; the actor and the moment are kept on the item. A system-checked item
   * (the evaluation verdict) is never ticked by a person, and whoever brought the version about never ticks
   * its required items (four eyes, by identity).
   */
  async setChecklistItem(modelName: string, number: number, key: string, checked: boolean, actor: ActorRef, comment: string): Promise<ModelVersion> {
    const current = await this.get(modelName, number);
    const item = current.checklist.find((i) => i.key === key);
    if (!item) throw new NotFoundError('Checklist item', `${key}' of '${modelName} v${number}`);
    if (item.systemChecked) await this.refuse(current, actor, 'model.version.checklist-changed', `item '${key}' is checked by the evaluation harness, never by a person`, { key });
    if (item.required && current.originators.includes(actor.id)) {
      await this.refuse(current, actor, 'model.version.checklist-changed', `${actor.name} brought version ${number} about and may not tick its required item '${key}': another person must (four-eyes rule)`, { key, rule: 'four-eyes' });
    }
    const at = new Date();
    const draft = pendingAudit(
      { actor, action: 'model.version.checklist-changed', resource: { type: 'model', id: modelName }, context: { version: number, key }, before: { checked: item.checked }, after: { checked }, comment: comment || null },
      at,
    );
    const updated = await this.versions.setChecklistItem(modelName, number, key, { checked, actor, comment, at }, draft);
    if (!updated) throw new NotFoundError('Checklist item', `${key}' of '${modelName} v${number}`);
    await this.audit.publish(draft, this.versions, updated.id);
    return updated;
  }

  /** Records a refused attempt at a governed action on a version in the audit log, then refuses it. */
  async refuse(version: ModelVersion, actor: ActorRef, action: string, reason: string, extensions: Record<string, unknown> = {}): Promise<never> {
    await this.audit.recordQuietly({ actor, action, outcome: 'REFUSED', resource: { type: 'model', id: version.modelName }, context: { version: version.version }, before: null, after: null, comment: reason });
    throw new ForbiddenError(reason, extensions);
  }

  /**
   * The evaluation harness reports its verdict here. It becomes the version's latest evaluation (an older
   * report arriving late is ignored) and, when the checklist has an `evaluation` item, checks it unless the
   * verdict is FAILED, which unchecks it. Throws NotFoundError for an unknown model or version.
   */
  async recordEvaluation(
    modelName: string,
    version: number,
    evaluation: {
      evaluationRunId: string;
      scenarioId: string;
      scenarioRevision: number;
      status: 'PASSED' | 'PASSED_WITH_WARNINGS' | 'FAILED';
      evaluatedAt: Date;
      summary: string;
    },
  ): Promise<void> {
    const stored: VersionEvaluation = { ...evaluation };
    const actor = SYSTEM_ACTORS.evaluationHarness;
    const change = {
      checked: evaluation.status !== 'FAILED',
      actor,
      comment: `Evaluation ${evaluation.evaluationRunId} ${evaluation.status}: ${evaluation.summary}`.slice(0, 2000),
      at: new Date(),
    };
    const draft = pendingAudit(
      {
        actor,
        action: 'model.version.evaluation-recorded',
        resource: { type: 'model', id: modelName },
        context: { version, key: EVALUATION_CHECKLIST_KEY },
        before: null,
        after: { status: evaluation.status, evaluationRunId: evaluation.evaluationRunId, scenarioId: evaluation.scenarioId, scenarioRevision: evaluation.scenarioRevision },
        comment: evaluation.summary.slice(0, 500),
      },
      change.at,
    );
    if (await this.versions.recordEvaluation(modelName, version, stored, EVALUATION_CHECKLIST_KEY, change, draft)) {
      const recorded = await this.versions.find(modelName, version);
      if (recorded) await this.audit.publish(draft, this.versions, recorded.id);
      return;
    }
    await this.get(modelName, version);
    this.logger.warn(`Ignored evaluation ${evaluation.evaluationRunId} of '${modelName}' v${version}: a later evaluation is already recorded`);
  }

  async compare(modelName: string, versions: string, baseline?: string): Promise<VersionComparison & { modelName: string }> {
    const request = parseCompareRequest(versions, baseline);
    const model = await this.getModel(modelName);
    const found = await this.versions.findMany(modelName, request.versions);
    const byNumber = new Map(found.map((v) => [v.version, v]));
    const missing = request.versions.find((n) => !byNumber.has(n));
    if (missing !== undefined) throw new NotFoundError('Model version', `${modelName} v${missing}`);
    const compared = request.versions.map((n) => ({ version: n, metrics: byNumber.get(n)!.metrics }));
    return { modelName, ...compareVersions(compared, request.baseline, model.metricDirections) };
  }

  /** The version an earlier request with the same key created; the key is global, so it must be for the same model. */
  private async findRepeat(modelName: string, idempotencyKey: string | undefined): Promise<ModelVersion | null> {
    if (idempotencyKey === undefined) return null;
    const found = await this.versions.findByIdempotencyKey(idempotencyKey);
    if (found && found.modelName !== modelName) {
      throw new ConflictError(`Idempotency key '${idempotencyKey}' already created version ${found.version} of model '${found.modelName}'`, {
        field: 'idempotencyKey',
      });
    }
    return found;
  }

  private async getModel(name: string): Promise<RegisteredModel> {
    const model = await this.models.findByName(name);
    if (!model) throw new NotFoundError('Model', name);
    return model;
  }

  private async resolveContent(request: VersionRequest): Promise<VersionContent> {
    if (request.runId === undefined) {
      if (request.artifactUri === undefined || request.metrics === undefined) {
        const missing = ['artifactUri', 'metrics'].filter((field) => request[field as 'artifactUri' | 'metrics'] === undefined);
        throw new InvalidInputError(
          `The request is invalid: give either runId, or artifactUri and metrics; ${missing.join(' and ')} missing`,
          missing.map((field) => ({ field, message: `${field} is required when no runId is given` })),
        );
      }
      return { source: 'DIRECT', runId: null, experimentId: null, artifactUri: request.artifactUri, metrics: request.metrics, params: request.params ?? {} };
    }
    const extra = (['metrics', 'params'] as const).filter((field) => request[field] !== undefined);
    if (extra.length > 0) {
      throw new InvalidInputError(
        `The request is invalid: with runId, metrics and params are taken from the run; remove ${extra.join(' and ')}`,
        extra.map((field) => ({ field, message: `${field} must not be given with runId` })),
      );
    }
    const run = await this.runs.get(request.runId);
    if (run.status !== 'FINISHED') {
      throw new ConflictError(`Run '${run.id}' is ${run.status}; only a FINISHED run can be registered as a model version`, { runStatus: run.status });
    }
    const artifactUri = request.artifactUri ?? run.artifactUri;
    if (!artifactUri) {
      throw new InconsistentInputError(`The request is inconsistent: run '${run.id}' declares no artifactUri; give artifactUri`, [
        { field: 'artifactUri', message: 'artifactUri is required when the run declares none' },
      ]);
    }
    return { source: 'RUN', runId: run.id, experimentId: run.experimentId, artifactUri, metrics: { ...run.latestMetrics }, params: { ...run.params } };
  }
}

function startingChecklist(model: RegisteredModel): ChecklistItem[] {
  return model.defaultChecklist.map(({ key, description, required }) => ({
    key,
    description,
    required,
    systemChecked: isSystemChecked(key),
    checked: false,
    checkedBy: null,
    checkedAt: null,
    comment: '',
  }));
}
