import { Injectable, Logger } from '@nestjs/common';

import { NotFoundError } from '../../common/errors/domain.errors.js';
import type { ExplainabilitySummary } from '../explainability/explainability-summary.js';
import type { EvaluationRun, RunCompliance } from '../runs/evaluation-run.js';
import { EvaluationRunsService } from '../runs/evaluation-runs.service.js';
import { ModelRegistryGateway } from '../runs/model-registry.gateway.js';
import type { EvaluationOutcome } from '../runs/run-evaluator.js';
import type { ComplianceRules } from '../scenarios/scenario.js';
import { complianceStatusOf, type CheckResult } from './check-result.js';
import { checkExplainability } from './explainability-checks.js';

const MAX_SETTLE_ATTEMPTS = 10;

/**
 * Reads a run's explainability summary as it is now, again on every attempt. Passed in by the caller, because
 * the explainability service itself asks for verdicts when an artifact is attached.
 */
export type ExplainabilityReader = (runId: string) => Promise<ExplainabilitySummary>;

/**
 * Writes a run's compliance verdict: the metric checks of its outcome plus the explainability checks over
 * the artifacts attached so far, then reports the verdict onto the model version when the candidate is one.
 * A verdict is only written over the artifact count it read (compare-and-set), so an artifact attached
 * meanwhile makes it read again rather than be left out.
 */
@Injectable()
export class ComplianceVerdictService {
  private readonly logger = new Logger(ComplianceVerdictService.name);

  constructor(
    private readonly runs: EvaluationRunsService,
    private readonly registry: ModelRegistryGateway,
  ) {}

  /** RUNNING → COMPLETED with the outcome and its verdict. Null when the run is no longer RUNNING. */
  async complete(
    runId: string,
    outcome: EvaluationOutcome,
    rules: ComplianceRules['explainability'],
    computeMs: number,
    explainability: ExplainabilityReader,
  ): Promise<EvaluationRun | null> {
    for (let attempt = 0; attempt < MAX_SETTLE_ATTEMPTS; attempt++) {
      const current = await this.runs.findById(runId);
      if (!current || current.status !== 'RUNNING') return null;
      const compliance = await this.verdict(runId, outcome.checks, rules, explainability);
      const completed = await this.runs.complete(runId, current.explainabilityVersion, { outcome, compliance, computeMs });
      if (completed) return completed;
    }
    throw new Error(`Run ${runId}: explainability artifacts keep arriving; the verdict will be written on the next attempt`);
  }

  /** A COMPLETED run's verdict again, after its artifacts changed. */
  async refresh(runId: string, rules: ComplianceRules['explainability'], explainability: ExplainabilityReader): Promise<EvaluationRun | null> {
    for (let attempt = 0; attempt < MAX_SETTLE_ATTEMPTS; attempt++) {
      const current = await this.runs.findEvaluated(runId);
      if (!current || current.status !== 'COMPLETED' || !current.outcome) return null;
      const compliance = await this.verdict(runId, current.outcome.checks, rules, explainability);
      const updated = await this.runs.updateCompliance(runId, current.explainabilityVersion, compliance);
      if (updated) return updated;
    }
    throw new Error(`Run ${runId}: explainability artifacts keep arriving; retry`);
  }

  /**
   * Writes the run's current verdict onto its model version (nothing for other candidates). A version
   * removed since the run was requested is logged, not retried: there is nothing left to write to.
   */
  async recordOnModelVersion(run: EvaluationRun): Promise<void> {
    const { modelName, version } = run.candidate;
    if (!modelName || version === null || !run.compliance) return;
    try {
      await this.registry.recordVerdict(modelName, version, {
        evaluationRunId: run.id,
        scenarioId: run.scenarioId,
        scenarioRevision: run.scenarioRevision,
        status: run.compliance.status,
        evaluatedAt: run.compliance.evaluatedAt,
        summary: verdictSummary(run.scenarioName, run.scenarioRevision, run.compliance.checks),
      });
      await this.runs.markVerdictRecorded(run.id, new Date());
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      this.logger.warn(`Run ${run.id}: verdict not recorded, ${error.message}`);
    }
  }

  private async verdict(runId: string, metricChecks: CheckResult[], rules: ComplianceRules['explainability'], explainability: ExplainabilityReader): Promise<RunCompliance> {
    const summary = await explainability(runId);
    const checks = [...metricChecks, ...checkExplainability(rules, summary)];
    return { status: complianceStatusOf(checks), checks, evaluatedAt: new Date() };
  }
}

/** One sentence for the model version: the verdict, what broke it and against which scenario revision. */
export function verdictSummary(scenarioName: string, revision: number, checks: readonly CheckResult[]): string {
  const failed = checks.filter((c) => c.outcome === 'FAIL');
  const warned = checks.filter((c) => c.outcome === 'WARN');
  const names = (list: CheckResult[]) => list.slice(0, 5).map((c) => (c.window ? `${c.window}: ${c.name}` : c.name)).join('; ') + (list.length > 5 ? '; …' : '');
  const parts = [`${checks.length - failed.length - warned.length} of ${checks.length} checks passed against scenario '${scenarioName}' r${revision}`];
  if (failed.length > 0) parts.push(`failed: ${names(failed)}`);
  if (warned.length > 0) parts.push(`warned: ${names(warned)}`);
  return `${parts.join('; ')}.`;
}
