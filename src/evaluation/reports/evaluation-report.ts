import type { ComplianceStatus, EvaluationRunStatus } from '../../../libs/contracts/src/index.js';
import type { ActorRef } from '../../common/auth/principal.js';
import type { CheckResult } from '../compliance/check-result.js';
import type { SeriesFindings } from '../metrics/clean-series.js';
import type { MetricComparison } from '../metrics/compare-metrics.js';
import type { SharpeDifferenceTest } from '../metrics/sharpe-significance.js';
import type { ExplainabilitySummary } from '../explainability/explainability-summary.js';
import type { Candidate, EvaluatedRun, RunTrigger } from '../runs/evaluation-run.js';
import type { Conventions, SideMetrics, StressWindowResult } from '../runs/run-evaluator.js';
import type { ScenarioDefinition, ScenarioRevision, SeriesSummary } from '../scenarios/scenario.js';

export const REPORT_VERSION = 1;

/** Everything a risk committee needs about one run, in one document. */
export interface EvaluationReport {
  reportVersion: number;
  generatedAt: Date;
  run: { id: string; status: EvaluationRunStatus; trigger: RunTrigger; requestedBy: ActorRef | null; attempts: number };
  candidate: Candidate;
  scenario: ScenarioDefinition<SeriesSummary> & { id: string; revision: number; revisedBy: ActorRef | null; revisedAt: Date };
  conventions: Conventions;
  metrics: { candidate: SideMetrics; baseline: SideMetrics };
  hygiene: SeriesFindings | null;
  comparison: MetricComparison[];
  significance: SharpeDifferenceTest | null;
  significanceNote: string | null;
  stressWindows: StressWindowResult[];
  compliance: { status: ComplianceStatus; evaluatedAt: Date; passed: number; warned: number; failed: number; checks: CheckResult[] };
  explainability: ExplainabilitySummary;
  verdict: { modelVersion: { modelName: string; version: number } | null; recordedAt: Date | null };
  timings: {
    queuedAt: Date;
    startedAt: Date | null;
    completedAt: Date | null;
    /** From queued to the start of the last attempt. */
    queueWaitMs: number | null;
    /** From the start of the last attempt to completion. */
    processingMs: number | null;
    computeMs: number | null;
  };
}

/** Assembles the report of a COMPLETED run from the run, the revision it was judged against and its artifacts. */
export function buildReport(run: EvaluatedRun, revision: ScenarioRevision<SeriesSummary>, explainability: ExplainabilitySummary, now: Date): EvaluationReport {
  const outcome = run.outcome;
  const compliance = run.compliance;
  if (!outcome || !compliance) throw new Error(`Run ${run.id} has no outcome to report`);
  const { scenarioId, revision: number, createdBy, createdAt, ...definition } = revision;
  const count = (outcome: CheckResult['outcome']) => compliance.checks.filter((c) => c.outcome === outcome).length;
  const { modelName, version } = run.candidate;
  return {
    reportVersion: REPORT_VERSION,
    generatedAt: now,
    run: { id: run.id, status: run.status, trigger: run.trigger, requestedBy: run.requestedBy, attempts: run.attempts },
    candidate: run.candidate,
    scenario: { id: scenarioId, revision: number, revisedBy: createdBy, revisedAt: createdAt, ...definition },
    conventions: outcome.conventions,
    metrics: { candidate: outcome.candidate, baseline: outcome.baseline },
    hygiene: outcome.hygiene,
    comparison: outcome.comparison,
    significance: outcome.significance,
    significanceNote: outcome.significanceNote,
    stressWindows: outcome.stressWindows,
    compliance: { status: compliance.status, evaluatedAt: compliance.evaluatedAt, passed: count('PASS'), warned: count('WARN'), failed: count('FAIL'), checks: compliance.checks },
    explainability,
    verdict: { modelVersion: modelName && version !== null ? { modelName, version } : null, recordedAt: run.verdictRecordedAt },
    timings: {
      queuedAt: run.createdAt,
      startedAt: run.startedAt,
      completedAt: run.completedAt,
      queueWaitMs: run.startedAt ? run.startedAt.getTime() - run.createdAt.getTime() : null,
      processingMs: run.startedAt && run.completedAt ? run.completedAt.getTime() - run.startedAt.getTime() : null,
      computeMs: run.computeMs,
    },
  };
}
