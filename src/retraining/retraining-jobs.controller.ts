import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import { CurrentActor, CurrentPrincipal } from '../common/auth/current-principal.decorator.js';
import type { ActorRef, Principal } from '../common/auth/principal.js';
import { Roles } from '../common/auth/roles.decorator.js';
import { ApiProblems } from '../common/openapi/api-problems.decorator.js';
import { mapPage } from '../common/pagination/page.js';
import { ParseObjectIdPipe } from '../common/validation/object-id.pipe.js';
import { ClaimNextRetrainingJobRequestDto, ClaimRetrainingJobRequestDto, RetrainingFailureRequestDto, RetrainingProgressRequestDto } from './dto/completion.request.dto.js';
import { ListRetrainingJobsQueryDto } from './dto/list-retraining-jobs.query.dto.js';
import { CancelRetrainingJobRequestDto } from './dto/retrain.request.dto.js';
import { RetrainingJobPayloadResponseDto } from './dto/retraining-job-payload.response.dto.js';
import { RetrainingJobPageResponseDto, RetrainingJobResponseDto } from './dto/retraining-job.response.dto.js';
import { RetrainingResultDto } from './dto/retraining-result.dto.js';
import { RetrainingCompletionService } from './jobs/retraining-completion.service.js';
import { RetrainingJobsService } from './jobs/retraining-jobs.service.js';

@ApiTags('lifecycle: retraining')
@Controller('ml/lifecycle/retraining-jobs')
export class RetrainingJobsController {
  constructor(
    private readonly jobs: RetrainingJobsService,
    private readonly completion: RetrainingCompletionService,
  ) {}

  @Get()
  @Roles('viewer')
  @ApiOperation({ summary: 'List retraining jobs, newest first' })
  @ApiOkResponse({ type: RetrainingJobPageResponseDto })
  @ApiProblems(400)
  async list(@Query() query: ListRetrainingJobsQueryDto): Promise<RetrainingJobPageResponseDto> {
    const { limit, cursor, ...filter } = query;
    return mapPage(await this.jobs.list(filter, { limit, cursor }), RetrainingJobResponseDto.from);
  }

  @Get(':id')
  @Roles('viewer')
  @ApiOperation({ summary: 'One job: state, attempts, progress, timings, trainer output tail, resulting run and version' })
  @ApiOkResponse({ type: RetrainingJobResponseDto })
  @ApiProblems(400, 404)
  async get(@Param('id', ParseObjectIdPipe) id: string): Promise<RetrainingJobResponseDto> {
    return RetrainingJobResponseDto.from(await this.jobs.get(id));
  }

  @Post(':id/retry')
  @Roles('editor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start a new round of a FAILED or CANCELLED job, keeping the steps already done' })
  @ApiOkResponse({ type: RetrainingJobResponseDto })
  @ApiProblems(400, 404, 409)
  async retry(@Param('id', ParseObjectIdPipe) id: string, @CurrentActor() actor: ActorRef): Promise<RetrainingJobResponseDto> {
    return RetrainingJobResponseDto.from(await this.jobs.retry(id, actor));
  }

  @Post(':id/cancel')
  @Roles('editor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel an open job that has no result yet; a running trainer is stopped' })
  @ApiOkResponse({ type: RetrainingJobResponseDto })
  @ApiProblems(400, 404, 409)
  async cancel(@Param('id', ParseObjectIdPipe) id: string, @Body() body: CancelRetrainingJobRequestDto, @CurrentActor() actor: ActorRef): Promise<RetrainingJobResponseDto> {
    return RetrainingJobResponseDto.from(await this.jobs.cancel(id, actor, body.reason));
  }

  @Post('claim-next')
  @Roles('trainer', 'admin')
  @HttpCode(200)
  @ApiOperation({
    summary: 'External trainers: claim the oldest waiting job of your queues and receive its payload (with a job token); 204 when none waits',
    description: 'Another team\'s trainer needs only HTTP and its trainer key (role trainer, with trainerQueues): never the platform\'s Redis.',
  })
  @ApiOkResponse({ type: RetrainingJobPayloadResponseDto })
  @ApiNoContentResponse({ description: 'No job is waiting on your queues; ask again later' })
  @ApiProblems(400)
  async claimNext(@Body() body: ClaimNextRetrainingJobRequestDto, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: Response): Promise<RetrainingJobPayloadResponseDto | undefined> {
    const payload = await this.completion.claimNext(principal, body.queues, body.worker);
    if (payload) return RetrainingJobPayloadResponseDto.from(payload);
    response.status(204);
    return undefined;
  }

  @Post(':id/claim')
  @Roles('trainer', 'admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Completion protocol (external trainers): take this job and receive its payload (with a job token)' })
  @ApiOkResponse({ type: RetrainingJobPayloadResponseDto })
  @ApiProblems(400, 404, 409)
  async claim(@Param('id', ParseObjectIdPipe) id: string, @Body() body: ClaimRetrainingJobRequestDto, @CurrentPrincipal() principal: Principal): Promise<RetrainingJobPayloadResponseDto> {
    return RetrainingJobPayloadResponseDto.from(await this.completion.claim(id, principal, body.worker));
  }

  @Post(':id/progress')
  @Roles('trainer', 'admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Completion protocol: report progress (409 once the job is cancelled or ended: stop training)' })
  @ApiOkResponse({ type: RetrainingJobResponseDto })
  @ApiProblems(400, 404, 409)
  async progress(@Param('id', ParseObjectIdPipe) id: string, @Body() body: RetrainingProgressRequestDto, @CurrentPrincipal() principal: Principal): Promise<RetrainingJobResponseDto> {
    return RetrainingJobResponseDto.from(await this.completion.progress(id, principal, { progress: body.progress, message: body.message ?? null }));
  }

  @Post(':id/complete')
  @Roles('trainer', 'admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Completion protocol: report the result; the platform worker then records the run and the STAGING version. Repeatable.' })
  @ApiOkResponse({ type: RetrainingJobResponseDto })
  @ApiProblems(400, 404, 409, 413, 422)
  async complete(@Param('id', ParseObjectIdPipe) id: string, @Body() body: RetrainingResultDto, @CurrentPrincipal() principal: Principal): Promise<RetrainingJobResponseDto> {
    return RetrainingJobResponseDto.from(await this.completion.complete(id, principal, { ...body }));
  }

  @Post(':id/fail')
  @Roles('trainer', 'admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Completion protocol: report that training failed; the job becomes FAILED (retryable by hand), or with retryable waits for another attempt. Repeatable.' })
  @ApiOkResponse({ type: RetrainingJobResponseDto })
  @ApiProblems(400, 404, 409)
  async fail(@Param('id', ParseObjectIdPipe) id: string, @Body() body: RetrainingFailureRequestDto, @CurrentPrincipal() principal: Principal): Promise<RetrainingJobResponseDto> {
    return RetrainingJobResponseDto.from(await this.completion.fail(id, principal, body.reason, body.retryable ?? false));
  }

  @Post(':id/release')
  @Roles('trainer', 'admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'External trainers: hand a claimed job back (shutting down); it waits for the next claim' })
  @ApiOkResponse({ type: RetrainingJobResponseDto })
  @ApiProblems(400, 404, 409)
  async release(@Param('id', ParseObjectIdPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<RetrainingJobResponseDto> {
    return RetrainingJobResponseDto.from(await this.completion.release(id, principal));
  }
}
