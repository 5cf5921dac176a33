import { Injectable } from '@nestjs/common';

import type { ActorRef } from '../../common/auth/principal.js';
import { IllegalTransitionError, NotFoundError } from '../../common/errors/domain.errors.js';
import type { Page, PageRequest } from '../../common/pagination/page.js';
import { ComplianceVerdictService } from '../compliance/compliance-verdict.service.js';
import { EvaluationRunsService } from '../runs/evaluation-runs.service.js';
import { ScenariosService } from '../scenarios/scenarios.service.js';
import type { ExplainabilityArtifact } from './explainability-artifact.js';
import { ExplainabilityArtifactsRepository } from './explainability-artifacts.repository.js';
import { summarizeExplainability, type ExplainabilitySummary } from './explainability-summary.js';
import { validateArtifact, type ExplainabilityInput } from './explainability-input.js';

@Injectable()
export class ExplainabilityService {
  constructor(
    private readonly artifacts: ExplainabilityArtifactsRepository,
    private readonly runs: EvaluationRunsService,
    private readonly scenarios: ScenariosService,
    private readonly verdicts: ComplianceVerdictService,
  ) {}

  /**
   * Attaches an artifact to a run. A completed run's verdict is judged again at once (the scenario may
   * require explanations, or cap the share of one feature) and written onto its model version; a run still
   * in progress takes the artifact into the verdict it is about to write.
   */
  async attach(runId: string, input: ExplainabilityInput, actor: ActorRef): Promise<ExplainabilityArtifact> {
    const run = await this.runs.get(runId);
    if (run.status === 'FAILED') {
      throw new IllegalTransitionError(`Evaluation run '${runId}' failed and`, 'FAILED', 'an explained run', { hint: 'start a new run and attach the artifact to it' });
    }
    const { importance, ...payload } = validateArtifact(input);
    const artifact = await this.artifacts.create(
      { runId, type: input.type, name: input.name ?? input.type.toLowerCase().replace('_', ' '), description: input.description ?? '', createdBy: actor, ...payload },
      importance,
    );
    const counted = await this.runs.bumpExplainability(runId);
    if (counted?.status === 'COMPLETED') {
      const revision = await this.scenarios.getRevisionSummary(run.scenarioId, run.scenarioRevision);
      const refreshed = await this.verdicts.refresh(runId, revision.compliance.explainability, (id) => this.summaryOf(id));
      if (refreshed) await this.verdicts.recordOnModelVersion(refreshed);
    }
    return artifact;
  }

  async list(runId: string, page: PageRequest): Promise<Page<ExplainabilityArtifact>> {
    await this.runs.get(runId);
    return this.artifacts.list(runId, page);
  }

  /** What the run's artifacts say about feature importance, as its verdict and report use it. */
  async summaryOf(runId: string): Promise<ExplainabilitySummary> {
    return summarizeExplainability(await this.artifacts.importanceOf(runId));
  }

  async get(runId: string, artifactId: string): Promise<ExplainabilityArtifact> {
    const artifact = await this.artifacts.findById(runId, artifactId);
    if (!artifact) throw new NotFoundError('Explainability artifact', artifactId);
    return artifact;
  }
}
