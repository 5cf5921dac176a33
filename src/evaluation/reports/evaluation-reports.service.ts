import { Injectable } from '@nestjs/common';

import { ConflictError } from '../../common/errors/domain.errors.js';
import { ExplainabilityService } from '../explainability/explainability.service.js';
import { cleanSeries } from '../metrics/clean-series.js';
import type { EvaluatedRun } from '../runs/evaluation-run.js';
import { EvaluationRunsService } from '../runs/evaluation-runs.service.js';
import type { StoredSeries } from '../scenarios/scenario.js';
import { ScenariosService } from '../scenarios/scenarios.service.js';
import { buildReport, type EvaluationReport } from './evaluation-report.js';
import { renderReportHtml } from './report-html.js';
import { cumulativePath } from './svg-charts.js';

@Injectable()
export class EvaluationReportsService {
  constructor(
    private readonly runs: EvaluationRunsService,
    private readonly scenarios: ScenariosService,
    private readonly explainability: ExplainabilityService,
  ) {}

  async report(runId: string): Promise<EvaluationReport> {
    const run = await this.completedRun(runId);
    return this.assemble(run);
  }

  /** The same report as a page, with the cumulative-return and drawdown paths drawn from the series. */
  async html(runId: string): Promise<string> {
    const run = await this.completedRun(runId);
    const report = await this.assemble(run);
    const revision = await this.scenarios.getRevision(run.scenarioId, run.scenarioRevision);
    const period = report.conventions.period;
    const within = (series: StoredSeries | null) => (series ? cumulativePath(period ? cleanSeries(series, { maxGapDays: Infinity, period }).series : series) : null);
    const raw = run.candidate.returns ? await this.runs.findCandidatePoints(run.id) : null;
    const candidate = raw ? cleanSeries(raw, { maxGapDays: Infinity, period }).series : null;
    return renderReportHtml(report, {
      candidate: candidate ? cumulativePath(candidate) : null,
      baseline: within(revision.baseline.returns),
      benchmark: within(revision.benchmark?.returns ?? null),
    });
  }

  private async completedRun(runId: string): Promise<EvaluatedRun> {
    const run = await this.runs.getEvaluated(runId);
    if (run.status !== 'COMPLETED') {
      const hint = run.status === 'FAILED' ? `it failed: ${run.failure ?? 'no reason recorded'}` : 'poll the run until it is COMPLETED';
      throw new ConflictError(`Evaluation run '${runId}' is ${run.status}; its report exists once it is COMPLETED (${hint})`, { status: run.status });
    }
    return run;
  }

  private async assemble(run: EvaluatedRun): Promise<EvaluationReport> {
    const [revision, explainability] = await Promise.all([
      this.scenarios.getRevisionSummary(run.scenarioId, run.scenarioRevision),
      this.explainability.summaryOf(run.id),
    ]);
    return buildReport(run, revision, explainability, new Date());
  }
}
