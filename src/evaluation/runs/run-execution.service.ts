import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import { NotFoundError } from '../../common/errors/domain.errors.js';
import { ComplianceVerdictService } from '../compliance/compliance-verdict.service.js';
import type { EvaluationConfig, EvaluationConfigNamespace } from '../evaluation.config.js';
import { ExplainabilityService } from '../explainability/explainability.service.js';
import { ScenariosService } from '../scenarios/scenarios.service.js';
import type { EvaluationRun } from './evaluation-run.js';
import { EvaluationRunsRepository } from './evaluation-runs.repository.js';
import { evaluateCandidate, type EvaluationOutcome } from './run-evaluator.js';

/**
 * Evaluates one run in the worker. Idempotent, because a job can run more than once (a retry, a stalled
 * job taken over after a worker crash, the sweep): a QUEUED run is claimed by compare-and-set, a RUNNING one
 * is recomputed from scratch and overwritten, a finished one is left alone.
 */
@Injectable()
export class RunExecutionService {
  private readonly logger = new Logger(RunExecutionService.name);
  private readonly config: EvaluationConfig;

  constructor(
    private readonly runs: EvaluationRunsRepository,
    private readonly scenarios: ScenariosService,
    private readonly verdicts: ComplianceVerdictService,
    private readonly explainability: ExplainabilityService,
    config: ConfigService<EvaluationConfigNamespace, true>,
  ) {
    this.config = config.getOrThrow('evaluation', { infer: true });
  }

  /**
   * Infrastructure errors (MongoDB, the registry) propagate so the job is retried. A problem with the
   * run itself fails the run with a reason, at once; so does an infrastructure error on the last attempt,
   * so that a run never stays RUNNING with nobody working on it.
   */
  async execute(runId: string, options: { lastAttempt: boolean }): Promise<void> {
    const run = (await this.runs.claim(runId)) ?? (await this.runs.resume(runId));
    if (!run) {
      await this.finishRecording(runId);
      return;
    }
    try {
      await this.evaluate(run);
    } catch (error) {
      if (!options.lastAttempt) throw error;
      this.logger.error(`Run ${runId} failed on its last attempt`, (error as Error).stack);
      await this.runs.fail(runId, `The evaluation could not be completed: ${(error as Error).message}`);
    }
  }

  private async evaluate(run: EvaluationRun): Promise<void> {
    let revision;
    try {
      revision = await this.scenarios.getRevision(run.scenarioId, run.scenarioRevision);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      await this.runs.fail(run.id, `Scenario ${run.scenarioId} revision ${run.scenarioRevision} no longer exists`);
      return;
    }
    const returns = run.candidate.returns ? await this.runs.findCandidatePoints(run.id) : null;
    const started = performance.now();
    let outcome: EvaluationOutcome;
    try {
      outcome = evaluateCandidate(
        revision,
        { metrics: run.candidate.metrics, returns },
        { riskFreeRate: revision.riskFreeRate ?? this.config.riskFreeRate, significanceLevel: this.config.significanceLevel },
      );
    } catch (error) {
      // The maths is pure: the same input would fail again, so retrying is pointless.
      this.logger.error(`Run ${run.id} could not be evaluated`, (error as Error).stack);
      await this.runs.fail(run.id, `The evaluation failed: ${(error as Error).message}`);
      return;
    }
    const computeMs = Math.round((performance.now() - started) * 10) / 10;
    const completed = await this.verdicts.complete(run.id, outcome, revision.compliance.explainability, computeMs, (id) => this.explainability.summaryOf(id));
    if (completed) await this.verdicts.recordOnModelVersion(completed);
  }

  /** A finished run whose verdict did not reach the model version (the registry failed last time) gets it now. */
  private async finishRecording(runId: string): Promise<void> {
    const run = await this.runs.findById(runId);
    if (!run) {
      this.logger.warn(`Job for unknown run ${runId} ignored`);
      return;
    }
    if (run.status === 'COMPLETED' && run.compliance && (!run.verdictRecordedAt || run.verdictRecordedAt < run.compliance.evaluatedAt)) {
      await this.verdicts.recordOnModelVersion(run);
    }
  }
}
