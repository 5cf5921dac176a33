import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Actor } from '../../common/http/actor.decorator.js';
import { ApiActor } from '../../common/openapi/api-actor.decorator.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { mapPage } from '../../common/pagination/page.js';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { parseMetricValue } from '../runs/metrics/metric-value.js';
import { ChangeStageRequestDto } from './dto/change-stage.request.dto.js';
import { CreateVersionRequestDto } from './dto/create-version.request.dto.js';
import { ListVersionsQueryDto } from './dto/list-versions.query.dto.js';
import { ModelVersionPageResponseDto, ModelVersionResponseDto } from './dto/model-version.response.dto.js';
import { StageTransitionPageResponseDto, StageTransitionResponseDto } from './dto/stage-transition.response.dto.js';
import { UpdateChecklistItemRequestDto } from './dto/update-checklist-item.request.dto.js';
import { ModelStagesService } from './model-stages.service.js';
import { ModelVersionsService } from './model-versions.service.js';
import { ParseChecklistKeyPipe, ParseModelNamePipe, ParseVersionPipe } from './registry-path.pipes.js';

@ApiTags('lifecycle: model registry')
@Controller('ml/lifecycle/models/:model/versions')
export class ModelVersionsController {
  constructor(
    private readonly versions: ModelVersionsService,
    private readonly stages: ModelStagesService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create the next version (numbered 1, 2, 3, ... per model), from a FINISHED run or directly' })
  @ApiActor(false)
  @ApiCreatedResponse({ type: ModelVersionResponseDto })
  @ApiProblems(400, 404, 409, 413)
  async create(
    @Param('model', ParseModelNamePipe) name: string,
    @Body() body: CreateVersionRequestDto,
    @Actor({ optional: true }) actor: string | null,
  ): Promise<ModelVersionResponseDto> {
    const metrics = body.metrics && Object.fromEntries(Object.entries(body.metrics).map(([key, value]) => [key, parseMetricValue(value)!]));
    const version = await this.versions.create(name, {
      runId: body.runId?.toLowerCase(),
      artifactUri: body.artifactUri,
      metrics,
      params: body.params,
      description: body.description ?? '',
      tags: body.tags ?? [],
      createdBy: actor,
    });
    return ModelVersionResponseDto.from(version);
  }

  @Get()
  @ApiOperation({ summary: 'List versions, highest number first' })
  @ApiOkResponse({ type: ModelVersionPageResponseDto })
  @ApiProblems(400, 404)
  async list(@Param('model', ParseModelNamePipe) name: string, @Query() query: ListVersionsQueryDto): Promise<ModelVersionPageResponseDto> {
    const { limit, cursor, stage } = query;
    return mapPage(await this.versions.list(name, stage, { limit, cursor }), ModelVersionResponseDto.from);
  }

  @Get(':version')
  @ApiOperation({ summary: 'Get one version' })
  @ApiOkResponse({ type: ModelVersionResponseDto })
  @ApiProblems(400, 404)
  async get(@Param('model', ParseModelNamePipe) name: string, @Param('version', ParseVersionPipe) version: number): Promise<ModelVersionResponseDto> {
    return ModelVersionResponseDto.from(await this.versions.get(name, version));
  }

  @Post(':version/stage')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Move a version to another stage',
    description:
      'Allowed: NONE→STAGING, NONE→ARCHIVED, STAGING→PRODUCTION, STAGING→NONE, STAGING→ARCHIVED, PRODUCTION→ARCHIVED, ARCHIVED→STAGING; ' +
      'anything else is a 409 naming from and to. PRODUCTION requires every required checklist item checked (409 listing `unmetItems`) ' +
      'and archives the previous production version. Concurrent production changes: one wins, the others get 409.',
  })
  @ApiActor()
  @ApiOkResponse({ type: ModelVersionResponseDto })
  @ApiProblems(400, 404, 409)
  async changeStage(
    @Param('model', ParseModelNamePipe) name: string,
    @Param('version', ParseVersionPipe) version: number,
    @Body() body: ChangeStageRequestDto,
    @Actor() actor: string,
  ): Promise<ModelVersionResponseDto> {
    return ModelVersionResponseDto.from(await this.stages.changeStage(name, version, body.stage, actor, body.comment ?? ''));
  }

  @Patch(':version/checklist/:key')
  @ApiOperation({ summary: 'Check or uncheck one approval item; the actor is recorded as checkedBy' })
  @ApiActor()
  @ApiOkResponse({ type: ModelVersionResponseDto })
  @ApiProblems(400, 404)
  async updateChecklistItem(
    @Param('model', ParseModelNamePipe) name: string,
    @Param('version', ParseVersionPipe) version: number,
    @Param('key', ParseChecklistKeyPipe) key: string,
    @Body() body: UpdateChecklistItemRequestDto,
    @Actor() actor: string,
  ): Promise<ModelVersionResponseDto> {
    return ModelVersionResponseDto.from(await this.versions.setChecklistItem(name, version, key, body.checked, actor, body.comment ?? ''));
  }

  @Get(':version/transitions')
  @ApiOperation({ summary: 'The stage log of one version, newest first' })
  @ApiOkResponse({ type: StageTransitionPageResponseDto })
  @ApiProblems(400, 404)
  async transitions(
    @Param('model', ParseModelNamePipe) name: string,
    @Param('version', ParseVersionPipe) version: number,
    @Query() query: PageQueryDto,
  ): Promise<StageTransitionPageResponseDto> {
    return mapPage(await this.stages.listTransitions(name, version, query), StageTransitionResponseDto.from);
  }
}
