import { ApiProperty } from '@nestjs/swagger';

import { COMPLIANCE_STATUSES, EVALUATION_RUN_STATUSES, type ComplianceStatus, type EvaluationRunAcceptedView, type EvaluationRunStatus, type EvaluationRunView } from '../../../../libs/contracts/src/index.js';
import { ActorResponseDto } from '../../../common/auth/actor.response.dto.js';
import { PageResponseDto } from '../../../common/pagination/page.js';
import { SeriesSummaryDto } from '../../scenarios/dto/scenario.response.dto.js';
import { RUN_TRIGGERS, type EvaluatedRun, type EvaluationRun, type RunTrigger } from '../evaluation-run.js';
import { ComplianceDto, OutcomeDto } from './outcome.response.dto.js';

export class CandidateResponseDto {
  @ApiProperty({ type: String, nullable: true })
  modelName: string | null;

  @ApiProperty({ type: 'integer', nullable: true })
  version: number | null;

  @ApiProperty({ type: String, nullable: true })
  lifecycleRunId: string | null;

  @ApiProperty()
  label: string;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, nullable: true, description: 'As supplied' })
  metrics: Record<string, number> | null;

  @ApiProperty({ type: SeriesSummaryDto, nullable: true, description: 'The supplied returns, summarised' })
  returns: SeriesSummaryDto | null;
}

export class RunResponseDto implements EvaluationRunView<Date> {
  @ApiProperty()
  id: string;

  @ApiProperty()
  scenarioId: string;

  @ApiProperty()
  scenarioName: string;

  @ApiProperty({ type: 'integer', description: 'The exact scenario revision the run is judged against' })
  scenarioRevision: number;

  @ApiProperty({ type: CandidateResponseDto })
  candidate: CandidateResponseDto;

  @ApiProperty({ enum: EVALUATION_RUN_STATUSES })
  status: EvaluationRunStatus;

  @ApiProperty({ enum: RUN_TRIGGERS })
  trigger: RunTrigger;

  @ApiProperty({ type: 'integer', description: 'Times the worker started on the run' })
  attempts: number;

  @ApiProperty({ type: String, nullable: true, description: 'Why the run FAILED' })
  failure: string | null;

  @ApiProperty({ enum: COMPLIANCE_STATUSES, nullable: true })
  complianceStatus: ComplianceStatus | null;

  @ApiProperty({ type: ComplianceDto, nullable: true })
  compliance: ComplianceDto | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the verdict was last written onto the model version' })
  verdictRecordedAt: Date | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Milliseconds spent computing the metrics and checks (to 0.1 ms)' })
  computeMs: number | null;

  @ApiProperty({ type: ActorResponseDto, nullable: true, description: 'Who asked for the run (the retraining pipeline for a new model version); null only on runs from before requests were authenticated' })
  requestedBy: ActorResponseDto | null;

  @ApiProperty({ type: String, format: 'date-time', description: 'When the run was queued' })
  createdAt: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  startedAt: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  completedAt: Date | null;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: Date;

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

export class RunAcceptedResponseDto implements EvaluationRunAcceptedView<Date> {
  @ApiProperty()
  id: string;

  @ApiProperty({ enum: EVALUATION_RUN_STATUSES, example: 'QUEUED' })
  status: EvaluationRunStatus;

  @ApiProperty({ example: '/api/v1/ml/evaluation/runs/665f1c2b9d1e8a0012345678', description: 'Poll it until COMPLETED or FAILED' })
  location: string;

  @ApiProperty({ type: RunResponseDto })
  run: RunResponseDto;
}

export class RunPageResponseDto extends PageResponseDto(RunResponseDto) {}
