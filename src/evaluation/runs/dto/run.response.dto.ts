import { ApiProperty } from '@nestjs/swagger';

import { COMPLIANCE_STATUSES, EVALUATION_RUN_STATUSES, type EvaluationRunAcceptedView, type EvaluationRunView } from '../../../../libs/contracts/src/index.js';
import { ActorResponseDto } from '../../../common/auth/actor.response.dto.js';
import { ApiModel, DATE_TIME, NULLABLE_DATE_TIME, type Json } from '../../../common/openapi/api-model.js';
import { PageResponseDto } from '../../../common/pagination/page.js';
import { SeriesSummaryDto } from '../../scenarios/dto/scenario.response.dto.js';
import { RUN_TRIGGERS, type Candidate, type EvaluatedRun, type EvaluationRun } from '../evaluation-run.js';
import { ComplianceDto, OutcomeDto } from './outcome.response.dto.js';

export class CandidateResponseDto extends ApiModel<Candidate>({
  modelName: { type: String, nullable: true },
  version: { type: 'integer', nullable: true },
  lifecycleRunId: { type: String, nullable: true },
  label: { type: String },
  metrics: { type: 'object', additionalProperties: { type: 'number' }, nullable: true, description: 'As supplied' },
  returns: { type: SeriesSummaryDto, nullable: true, description: 'The supplied returns, summarised' },
}) {}

export class RunResponseDto
  extends ApiModel<Json<Omit<EvaluationRun, 'explainabilityVersion'>>>({
    id: { type: String },
    scenarioId: { type: String },
    scenarioName: { type: String },
    scenarioRevision: { type: 'integer', description: 'The exact scenario revision the run is judged against' },
    candidate: { type: CandidateResponseDto },
    status: { enum: EVALUATION_RUN_STATUSES },
    trigger: { enum: RUN_TRIGGERS },
    attempts: { type: 'integer', description: 'Times the worker started on the run' },
    failure: { type: String, nullable: true, description: 'Why the run FAILED' },
    complianceStatus: { enum: COMPLIANCE_STATUSES, nullable: true },
    compliance: { type: ComplianceDto, nullable: true },
    verdictRecordedAt: { ...NULLABLE_DATE_TIME, description: 'When the verdict was last written onto the model version' },
    computeMs: { type: Number, nullable: true, description: 'Milliseconds spent computing the metrics and checks (to 0.1 ms)' },
    requestedBy: { type: ActorResponseDto, nullable: true, description: 'Who asked for the run (the retraining pipeline for a new model version); null only on runs from before requests were authenticated' },
    createdAt: { ...DATE_TIME, description: 'When the run was queued' },
    startedAt: NULLABLE_DATE_TIME,
    completedAt: NULLABLE_DATE_TIME,
    updatedAt: DATE_TIME,
  })
  implements EvaluationRunView
{
  static from(run: EvaluationRun): RunResponseDto {
    const { explainabilityVersion: _version, ...rest } = run;
    return Object.assign(new RunResponseDto(), rest);
  }
}

/** A run with its metrics, comparison, significance and stress windows. */
export class EvaluatedRunResponseDto extends RunResponseDto {
  @ApiProperty({ type: OutcomeDto, nullable: true, description: 'Null until the run is COMPLETED' })
  outcome: OutcomeDto | null;

  static fromEvaluated(run: EvaluatedRun): EvaluatedRunResponseDto {
    const { outcome, ...rest } = run;
    return Object.assign(new EvaluatedRunResponseDto(), RunResponseDto.from(rest), { outcome: outcome ? OutcomeDto.from(outcome) : null });
  }
}

export class RunAcceptedResponseDto extends ApiModel<EvaluationRunAcceptedView>({
  id: { type: String },
  status: { enum: EVALUATION_RUN_STATUSES, example: 'QUEUED' },
  location: { type: String, example: '/api/v1/ml/evaluation/runs/665f1c2b9d1e8a0012345678', description: 'Poll it until COMPLETED or FAILED' },
  run: { type: RunResponseDto },
}) {}

export class RunPageResponseDto extends PageResponseDto(RunResponseDto) {}
