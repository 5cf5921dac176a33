import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import { CurrentActor } from '../../common/auth/current-principal.decorator.js';
import type { ActorRef } from '../../common/auth/principal.js';
import { Roles } from '../../common/auth/roles.decorator.js';
import { API_PREFIX } from '../../common/http/configure-app.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { mapPage } from '../../common/pagination/page.js';
import { ParseObjectIdPipe } from '../../common/validation/object-id.pipe.js';
import { ApiObjectIdParam } from '../validation/api-params.js';
import { CreateRunRequestDto } from './dto/create-run.request.dto.js';
import { ListRunsQueryDto } from './dto/list-runs.query.dto.js';
import { EvaluatedRunResponseDto, RunAcceptedResponseDto, RunPageResponseDto, RunResponseDto } from './dto/run.response.dto.js';
import { EvaluationRunsService } from './evaluation-runs.service.js';

const RUNS_PATH = 'ml/evaluation/runs';

@ApiTags('evaluation: runs')
@Controller(RUNS_PATH)
export class EvaluationRunsController {
  constructor(private readonly runs: EvaluationRunsService) {}

  @Post()
  @Roles('editor')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Evaluate a candidate against a scenario: the worker takes the run from QUEUED to COMPLETED or FAILED' })
  @ApiAcceptedResponse({ type: RunAcceptedResponseDto, headers: { Location: { description: 'The run to poll', schema: { type: 'string' } } } })
  @ApiProblems(400, 404, 413, 422)
  async create(
    @Body() body: CreateRunRequestDto,
    @CurrentActor() actor: ActorRef,
    @Res({ passthrough: true }) response: Response,
  ): Promise<RunAcceptedResponseDto> {
    const run = await this.runs.request(body.scenarioId, body.candidate, actor);
    const location = `/${API_PREFIX}/${RUNS_PATH}/${run.id}`;
    response.location(location);
    return { id: run.id, status: run.status, location, run: RunResponseDto.from(run) };
  }

  @Get()
  @Roles('viewer')
  @ApiOperation({ summary: 'List runs, newest first, by scenario, model, version, status or compliance verdict' })
  @ApiOkResponse({ type: RunPageResponseDto })
  @ApiProblems(400)
  async list(@Query() query: ListRunsQueryDto): Promise<RunPageResponseDto> {
    const { limit, cursor, ...filter } = query;
    return mapPage(await this.runs.list(filter, { limit, cursor }), RunResponseDto.from);
  }

  @Get(':id')
  @Roles('viewer')
  @ApiOperation({ summary: 'Get a run with its metrics, baseline comparison, stress windows and compliance checks' })
  @ApiObjectIdParam()
  @ApiOkResponse({ type: EvaluatedRunResponseDto })
  @ApiProblems(400, 404)
  async get(@Param('id', ParseObjectIdPipe) id: string): Promise<EvaluatedRunResponseDto> {
    return EvaluatedRunResponseDto.fromEvaluated(await this.runs.getEvaluated(id));
  }
}
