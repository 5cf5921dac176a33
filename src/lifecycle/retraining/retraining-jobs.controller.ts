import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Actor } from '../../common/http/actor.decorator.js';
import { ApiActor } from '../../common/openapi/api-actor.decorator.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { mapPage } from '../../common/pagination/page.js';
import { ParseObjectIdPipe } from '../../common/validation/object-id.pipe.js';
import { ClaimRetrainingJobRequestDto, RetrainingFailureRequestDto, RetrainingProgressRequestDto } from './dto/completion.request.dto.js';
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
  @ApiOperation({ summary: 'List retraining jobs, newest first' })
  @ApiOkResponse({ type: RetrainingJobPageResponseDto })
  @ApiProblems(400)
  async list(@Query() query: ListRetrainingJobsQueryDto): Promise<RetrainingJobPageResponseDto> {
    const { limit, cursor, ...filter } = query;
    return mapPage(await this.jobs.list(filter, { limit, cursor }), RetrainingJobResponseDto.from);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One job: state, attempts, progress, timings, trainer output tail, resulting run and version' })
  @ApiOkResponse({ type: RetrainingJobResponseDto })
  @ApiProblems(400, 404)
  async get(@Param('id', ParseObjectIdPipe) id: string): Promise<RetrainingJobResponseDto> {
    return RetrainingJobResponseDto.from(await this.jobs.get(id));
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start a new round of a FAILED or CANCELLED job, keeping the steps already done' })
  @ApiActor()
  @ApiOkResponse({ type: RetrainingJobResponseDto })
  @ApiProblems(400, 404, 409)
  async retry(@Param('id', ParseObjectIdPipe) id: string, @Actor() actor: string): Promise<RetrainingJobResponseDto> {
    return RetrainingJobResponseDto.from(await this.jobs.retry(id, actor));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel an open job that has no result yet; a running trainer is stopped' })
  @ApiActor()
  @ApiOkResponse({ type: RetrainingJobResponseDto })
  @ApiProblems(400, 404, 409)
  async cancel(@Param('id', ParseObjectIdPipe) id: string, @Body() body: CancelRetrainingJobRequestDto, @Actor() actor: string): Promise<RetrainingJobResponseDto> {
    return RetrainingJobResponseDto.from(await this.jobs.cancel(id, actor, body.reason));
  }

  @Post(':id/claim')
  @HttpCode(200)
  @ApiOperation({ summary: 'Completion protocol (external workers): take the job and receive its payload' })
  @ApiOkResponse({ type: RetrainingJobPayloadResponseDto })
  @ApiProblems(400, 404, 409)
  async claim(@Param('id', ParseObjectIdPipe) id: string, @Body() body: ClaimRetrainingJobRequestDto): Promise<RetrainingJobPayloadResponseDto> {
    return RetrainingJobPayloadResponseDto.from(await this.completion.claim(id, body.worker));
  }

  @Post(':id/progress')
  @HttpCode(200)
  @ApiOperation({ summary: 'Completion protocol: report progress (409 once the job is cancelled or ended: stop training)' })
  @ApiOkResponse({ type: RetrainingJobResponseDto })
  @ApiProblems(400, 404, 409)
  async progress(@Param('id', ParseObjectIdPipe) id: string, @Body() body: RetrainingProgressRequestDto): Promise<RetrainingJobResponseDto> {
    return RetrainingJobResponseDto.from(await this.completion.progress(id, { progress: body.progress, message: body.message ?? null }));
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Completion protocol: report the result; the platform worker then records the run and the STAGING version. Repeatable.' })
  @ApiOkResponse({ type: RetrainingJobResponseDto })
  @ApiProblems(400, 404, 409, 413)
  async complete(@Param('id', ParseObjectIdPipe) id: string, @Body() body: RetrainingResultDto): Promise<RetrainingJobResponseDto> {
    return RetrainingJobResponseDto.from(await this.completion.complete(id, { ...body }));
  }

  @Post(':id/fail')
  @HttpCode(200)
  @ApiOperation({ summary: 'Completion protocol: report that training failed; the job becomes FAILED (retryable by hand). Repeatable.' })
  @ApiOkResponse({ type: RetrainingJobResponseDto })
  @ApiProblems(400, 404, 409)
  async fail(@Param('id', ParseObjectIdPipe) id: string, @Body() body: RetrainingFailureRequestDto): Promise<RetrainingJobResponseDto> {
    return RetrainingJobResponseDto.from(await this.completion.fail(id, body.reason));
  }
}
