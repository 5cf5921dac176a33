import { Injectable, Logger, Optional } from '@nestjs/common';

import { SYSTEM_ACTORS, systemPrincipal } from '../../common/auth/principal.js';
import { ConflictError, DuplicateError } from '../../common/errors/domain.errors.js';
import { ExperimentsService, ModelStagesService, type Run, RunMetricsService, RunsService } from '../../lifecycle/index.js';
import type { RetrainingJob } from '../jobs/retraining-job.js';
import { jobAudit } from '../jobs/job-audit.js';
import { RetrainingJobStates } from '../jobs/retraining-job-states.js';
import { NewVersionEvaluation } from './new-version-evaluation.js';
import { runTagsFor } from './run-tags.js';

/** Who the registry records as having registered and staged a retrained version. */
const PIPELINE = systemPrincipal(SYSTEM_ACTORS.retrainingPipeline, ['editor']);

/**
 * Closes the loop from a stored trainer result: a finished run in the model's experiment, a new version in
 * STAGING, an evaluation when the harness is present, the job SUCCEEDED and its drift events handled. Each
 * step is keyed by the job (idempotency keys, compare-and-set of its outcome on the job), so an execution
 * replayed after a crash finds what the previous one did and creates nothing twice.
 */
@Injectable()
export class RetrainingCloser {
  private readonly logger = new Logger(RetrainingCloser.name);

  constructor(
    private readonly experiments: ExperimentsService,
    private readonly runs: RunsService,
    private readonly metrics: RunMetricsService,
    private readonly stages: ModelStagesService,
    private readonly states: RetrainingJobStates,
    @Optional() private readonly evaluation?: NewVersionEvaluation,
  ) {}

  async close(job: RetrainingJob): Promise<RetrainingJob> {
    if (!job.result) throw new Error(`Retraining job ${job.id} has no result to close with`);
    let current = await this.recordRun(job);
    current = await this.registerVersion(current);
    current = await this.startEvaluation(current);
    const draft = jobAudit(current, SYSTEM_ACTORS.retrainingPipeline, 'succeeded', { state: 'SUCCEEDED', modelVersion: current.modelVersion, runId: current.runId });
    const succeeded = await this.states.change((jobs) => jobs.succeed(current.id, draft));
    if (!succeeded) {
      const latest = await this.states.find(current.id);
      if (latest?.state === 'SUCCEEDED') return latest;
      throw new ConflictError(`Retraining job ${current.id} is ${latest?.state ?? 'gone'} and cannot succeed`);
    }
    await this.states.publishAudit(draft, current.id);
    return succeeded;
  }

  private async recordRun(job: RetrainingJob): Promise<RetrainingJob> {
    const result = job.result!;
    const experimentId = await this.experimentId(job.experimentName);
    const run = await this.runs.create({
      experimentId,
      name: `retraining-${job.id}`,
      startTime: job.startedAt ?? job.createdAt,
      artifactUri: result.artifactUri,
      params: result.params,
      tags: runTagsFor(job),
      idempotencyKey: `retraining-job:${job.id}`,
    });
    const withRun = (await this.states.setRun(job.id, run.id)) ?? (await this.reread(job));
    if (run.status === 'RUNNING') await this.finishRun(run, result.metrics);
    return withRun;
  }

  /** Logs the metrics unless a previous execution already did, then ends the run FINISHED (once). */
  private async finishRun(run: Run, metrics: Record<string, number>): Promise<void> {
    const missing = Object.keys(metrics).some((key) => !(key in run.latestMetrics));
    if (missing) {
      const timestamp = new Date();
      await this.metrics.log(run.id, Object.entries(metrics).map(([key, value]) => ({ key, value, step: 0, timestamp })));
    }
    const endTime = new Date(Math.max(Date.now(), run.startTime.getTime()));
    await this.runs.end(run.id, 'FINISHED', endTime).catch(async (error: unknown) => {
      if ((await this.runs.get(run.id)).status !== 'FINISHED') throw error;
    });
  }

  private async registerVersion(job: RetrainingJob): Promise<RetrainingJob> {
    if (job.modelVersion !== null) return job;
    // Whoever trained it and whoever asked for it brought the version about: neither may approve it.
    const alsoOriginatedBy = [job.resultReportedBy?.id, job.trigger.requestedBy?.id].filter((id): id is string => id !== undefined);
    const version = await this.stages.registerRunForStaging(job.modelName, job.runId!, PIPELINE, {
      description: `Retrained (${job.trigger.kind.toLowerCase()}): ${job.trigger.reason}`.slice(0, 5000),
      tags: ['retraining'],
      comment: `Retraining job ${job.id}`,
      idempotencyKey: `retraining-job:${job.id}`,
      alsoOriginatedBy,
    });
    return (await this.states.setVersion(job.id, version.version)) ?? (await this.reread(job));
  }

  /** The evaluation is a follow-up of the new version: when it cannot start, the version stands and the log says why. */
  private async startEvaluation(job: RetrainingJob): Promise<RetrainingJob> {
    if (!this.evaluation || job.evaluationRunIds !== null) return job;
    try {
      const runIds = await this.evaluation.startForNewModelVersion(job.modelName, job.modelVersion!, job.result!.metrics);
      return (await this.states.setEvaluation(job.id, runIds)) ?? (await this.reread(job));
    } catch (error) {
      this.logger.warn(`Could not start the evaluation of '${job.modelName}' v${job.modelVersion}: ${(error as Error).message}`);
      return job;
    }
  }

  private async experimentId(name: string): Promise<string> {
    const existing = await this.experiments.findByName(name);
    if (existing) return existing.id;
    try {
      return (await this.experiments.create({ name, description: 'Runs of automatic retraining', tags: ['retraining'], owner: null })).id;
    } catch (error) {
      if (!(error instanceof DuplicateError)) throw error;
      return (await this.experiments.findByName(name))!.id;
    }
  }

  private async reread(job: RetrainingJob): Promise<RetrainingJob> {
    return (await this.states.find(job.id)) ?? job;
  }
}
