import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import { SYSTEM_ACTORS, type ActorRef } from '../../common/auth/principal.js';
import { InconsistentInputError, InvalidInputError, NotFoundError, type FieldError } from '../../common/errors/domain.errors.js';
import type { Page, PageRequest } from '../../common/pagination/page.js';
import type { EvaluationConfig, EvaluationConfigNamespace } from '../evaluation.config.js';
import type { RawSeries } from '../metrics/clean-series.js';
import { isStandardMetric } from '../metrics/metric-keys.js';
import type { ReturnPoint } from '../metrics/return-series.js';
import { EvaluationQueue } from '../queue/evaluation.queue.js';
import { ScenariosService } from '../scenarios/scenarios.service.js';
import type { EvaluatedRun, EvaluationRun, RunCompletion, RunCompliance, RunFilter, RunTrigger } from './evaluation-run.js';
import { EvaluationRunsRepository } from './evaluation-runs.repository.js';
import { ModelRegistryGateway } from './model-registry.gateway.js';

export interface CandidateInput {
  modelName?: string;
  version?: number;
  lifecycleRunId?: string;
  label?: string;
  metrics?: Record<string, number>;
  returns?: ReturnPoint[];
}

/** Most scenarios a new model version is evaluated against at once. */
export const MAX_SCENARIOS_PER_MODEL = 100;

@Injectable()
export class EvaluationRunsService {
  private readonly logger = new Logger(EvaluationRunsService.name);
  private readonly config: EvaluationConfig;

  constructor(
    private readonly runs: EvaluationRunsRepository,
    private readonly scenarios: ScenariosService,
    private readonly registry: ModelRegistryGateway,
    private readonly queue: EvaluationQueue,
    config: ConfigService<EvaluationConfigNamespace, true>,
  ) {
    this.config = config.getOrThrow('evaluation', { infer: true });
  }

  /**
   * Records the run as QUEUED against the scenario's current revision, then offers it to the queue. The
   * run is stored first, so a queue that is down delays it (the sweep enqueues it later) but never loses it.
   */
  async request(scenarioId: string, candidate: CandidateInput, actor: ActorRef): Promise<EvaluationRun> {
    this.assertCandidate(candidate);
    const scenario = await this.scenarios.currentRevision(scenarioId);
    if (candidate.modelName !== undefined && candidate.version !== undefined) await this.registry.assertVersionExists(candidate.modelName, candidate.version);
    if (candidate.lifecycleRunId !== undefined) await this.registry.assertLifecycleRunExists(candidate.lifecycleRunId);
    const run = await this.runs.create({
      scenarioId: scenario.id,
      scenarioName: scenario.name,
      scenarioRevision: scenario.revision,
      candidate: candidateOf(candidate),
      candidateReturns: candidate.returns ? { dates: candidate.returns.map((p) => p.date), values: candidate.returns.map((p) => p.value) } : null,
      trigger: 'API',
      requestedBy: actor,
      dedupeKey: null,
    });
    await this.queue.enqueue((run as EvaluationRun).id);
    return run as EvaluationRun;
  }

  /**
   * For the retraining pipeline: one run per scenario attached to the model, judging the new version's
   * metrics, requested in the pipeline's name. Safe to call again for the same version (after a retried
   * job): it returns the runs it made.
   */
  async startForNewModelVersion(modelName: string, version: number, candidateMetrics: Record<string, number>): Promise<string[]> {
    const candidate: CandidateInput = { modelName, version, metrics: candidateMetrics };
    this.assertCandidate(candidate);
    const ids: string[] = [];
    for (const scenarioId of await this.scenarios.idsForModel(modelName, MAX_SCENARIOS_PER_MODEL)) {
      const run = await this.requestOnce(scenarioId, candidate, 'NEW_MODEL_VERSION', SYSTEM_ACTORS.retrainingPipeline, `new-version:${scenarioId}:${modelName}:${version}`);
      if (run) ids.push(run.id);
    }
    this.logger.log(`Started ${ids.length} evaluation run(s) for '${modelName}' v${version}`);
    return ids;
  }

  async get(id: string): Promise<EvaluationRun> {
    const run = await this.runs.findById(id);
    if (!run) throw new NotFoundError('Evaluation run', id);
    return run;
  }

  async getEvaluated(id: string): Promise<EvaluatedRun> {
    const run = await this.runs.findEvaluated(id);
    if (!run) throw new NotFoundError('Evaluation run', id);
    return run;
  }

  list(filter: RunFilter, page: PageRequest): Promise<Page<EvaluationRun>> {
    return this.runs.list(filter, page);
  }

  /** The run, or null when there is none: for the worker, to which a missing run is nothing to do. */
  findById(id: string): Promise<EvaluationRun | null> {
    return this.runs.findById(id);
  }

  findEvaluated(id: string): Promise<EvaluatedRun | null> {
    return this.runs.findEvaluated(id);
  }

  findCandidatePoints(id: string): Promise<RawSeries | null> {
    return this.runs.findCandidatePoints(id);
  }

  /** Counts one more explainability artifact, so that a verdict read over the previous count is not written. */
  bumpExplainability(id: string): Promise<EvaluationRun | null> {
    return this.runs.bumpExplainability(id);
  }

  /** RUNNING → COMPLETED, only if no artifact was counted since `explainabilityVersion` was read; null otherwise. */
  complete(id: string, explainabilityVersion: number, completion: RunCompletion): Promise<EvaluationRun | null> {
    return this.runs.complete(id, explainabilityVersion, completion);
  }

  /** A new verdict for a COMPLETED run, on the same condition as `complete`. */
  updateCompliance(id: string, explainabilityVersion: number, compliance: RunCompliance): Promise<EvaluationRun | null> {
    return this.runs.updateCompliance(id, explainabilityVersion, compliance);
  }

  markVerdictRecorded(id: string, at: Date): Promise<void> {
    return this.runs.markVerdictRecorded(id, at);
  }

  /** Ids of runs left waiting: QUEUED since before `queuedBefore`, or RUNNING since before `runningBefore`. */
  findStale(queuedBefore: Date, runningBefore: Date, limit: number): Promise<string[]> {
    return this.runs.findStale(queuedBefore, runningBefore, limit);
  }

  private async requestOnce(scenarioId: string, candidate: CandidateInput, trigger: RunTrigger, requestedBy: ActorRef, dedupeKey: string): Promise<EvaluationRun | null> {
    let scenario;
    try {
      scenario = await this.scenarios.currentRevision(scenarioId);
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
    const created = await this.runs.create({
      scenarioId,
      scenarioName: scenario.name,
      scenarioRevision: scenario.revision,
      candidate: candidateOf(candidate),
      candidateReturns: null,
      trigger,
      requestedBy,
      dedupeKey,
    });
    const run = created ?? (await this.runs.findByDedupeKey(dedupeKey));
    if (run?.status === 'QUEUED') await this.queue.enqueue(run.id);
    return run;
  }

  /** The rules of the candidate's schema (CandidateDto), then the deployment's limit on a series (422). */
  private assertCandidate(candidate: CandidateInput): void {
    const errors: FieldError[] = [];
    const hasModel = candidate.modelName !== undefined || candidate.version !== undefined;
    if (hasModel && (candidate.modelName === undefined || candidate.version === undefined)) {
      errors.push({ field: 'candidate', message: 'candidate.modelName and candidate.version go together' });
    }
    if (hasModel === (candidate.lifecycleRunId !== undefined)) {
      errors.push({ field: 'candidate', message: 'the candidate is either a model version (modelName and version) or a lifecycle run (lifecycleRunId)' });
    }
    const metrics = candidate.metrics ?? {};
    if (Object.keys(metrics).length === 0 && !candidate.returns) {
      errors.push({ field: 'candidate', message: 'the candidate brings its backtest: metrics, returns, or both' });
    }
    const computed = candidate.returns ? Object.keys(metrics).filter(isStandardMetric) : [];
    if (computed.length > 0) {
      errors.push({ field: 'candidate.metrics', message: `candidate.metrics repeats ${computed.join(', ')}, which the harness computes from the returns; leave them out` });
    }
    if (errors.length > 0) throw new InvalidInputError(`The candidate is invalid: ${errors.map((e) => e.message).join('; ')}`, errors);
    if (candidate.returns && candidate.returns.length > this.config.maxSeriesPoints) {
      const message = `candidate.returns has ${candidate.returns.length} points; at most ${this.config.maxSeriesPoints} are accepted`;
      throw new InconsistentInputError(`The candidate is too long for this deployment: ${message}`, [{ field: 'candidate.returns', message }]);
    }
  }

}

function candidateOf(input: CandidateInput): Omit<EvaluationRun['candidate'], 'returns'> {
  const label = input.label ?? (input.modelName !== undefined ? `${input.modelName} v${input.version}` : `lifecycle run ${input.lifecycleRunId}`);
  return {
    modelName: input.modelName ?? null,
    version: input.version ?? null,
    lifecycleRunId: input.lifecycleRunId ?? null,
    label,
    metrics: input.metrics ?? null,
  };
}
