import { Injectable } from '@nestjs/common';

import type { ComplianceStatus } from '../../../libs/contracts/src/index.js';
import { ModelVersionsService, RunsService } from '../../lifecycle/index.js';

export interface VersionVerdict {
  evaluationRunId: string;
  scenarioId: string;
  scenarioRevision: number;
  status: ComplianceStatus;
  evaluatedAt: Date;
  summary: string;
}

/** The evaluation harness's only contact with the lifecycle domain: what it reads there and what it writes back. */
@Injectable()
export class ModelRegistryGateway {
  constructor(
    private readonly versions: ModelVersionsService,
    private readonly lifecycleRuns: RunsService,
  ) {}

  /** Throws NotFoundError when the model or the version is not registered. */
  async assertVersionExists(modelName: string, version: number): Promise<void> {
    await this.versions.get(modelName, version);
  }

  /** Throws NotFoundError when the lifecycle run does not exist. */
  async assertLifecycleRunExists(runId: string): Promise<void> {
    await this.lifecycleRuns.get(runId);
  }

  /** The version's latest evaluation and its `evaluation` checklist item; an older verdict arriving late is ignored. */
  recordVerdict(modelName: string, version: number, verdict: VersionVerdict): Promise<void> {
    return this.versions.recordEvaluation(modelName, version, verdict);
  }
}
