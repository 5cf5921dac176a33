import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentActor, CurrentPrincipal } from '../../common/auth/current-principal.decorator.js';
import type { ActorRef, Principal } from '../../common/auth/principal.js';
import { Roles } from '../../common/auth/roles.decorator.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { mapPage } from '../../common/pagination/page.js';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { ParseKeyPipe, ParseModelNamePipe, ParseVersionPipe } from '../../common/validation/path-params.js';
import { parseMetricValue } from '../runs/metrics/metric-value.js';
import { ListVersionsQueryDto } from './dto/list-versions.query.dto.js';
import { ChangeStageRequestDto, CreateVersionRequestDto, UpdateChecklistItemRequestDto } from './dto/model-version.request.dto.js';
import { ModelVersionPageResponseDto, ModelVersionResponseDto } from './dto/model-version.response.dto.js';
import { StageTransitionPageResponseDto, StageTransitionResponseDto } from './dto/stage-transition.response.dto.js';
import { ModelStagesService } from './model-stages.service.js';
import { ModelVersionsService } from './model-versions.service.js';

@ApiTags('lifecycle: model registry')
@Controller('ml/lifecycle/models/:model/versions')
export class ModelVersionsController {
  constructor(
    private readonly versions: ModelVersionsService,
    private readonly stages: ModelStagesService,
  ) {}

  @Post()
  @Roles('editor')
  @ApiOperation({ summary: 'Create the next version (numbered 1, 2, 3, ... per model), from a FINISHED run or directly' })
  @ApiCreatedResponse({ type: ModelVersionResponseDto })
  @ApiProblems(400, 404, 409, 413, 422)
  async create(
    @Param('model', ParseModelNamePipe) name: string,
    @Body() body: CreateVersionRequestDto,
    @CurrentActor() actor: ActorRef,
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
  @Roles('viewer')
  @ApiOperation({ summary: 'List versions, highest number first' })
  @ApiOkResponse({ type: ModelVersionPageResponseDto })
  @ApiProblems(400, 404)
  async list(@Param('model', ParseModelNamePipe) name: string, @Query() query: ListVersionsQueryDto): Promise<ModelVersionPageResponseDto> {
    const { limit, cursor, stage } = query;
    return mapPage(await this.versions.list(name, stage, { limit, cursor }), ModelVersionResponseDto.from);
  }

  @Get(':version')
  @Roles('viewer')
  @ApiOperation({ summary: 'Get one version' })
  @ApiOkResponse({ type: ModelVersionResponseDto })
  @ApiProblems(400, 404)
  async get(@Param('model', ParseModelNamePipe) name: string, @Param('version', ParseVersionPipe) version: number): Promise<ModelVersionResponseDto> {
    return ModelVersionResponseDto.from(await this.versions.get(name, version));
  }

  @Post(':version/stage')
  @Roles('editor', 'approver')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Move a version to another stage',
    description:
      'Allowed: NONE→STAGING, NONE→ARCHIVED, STAGING→PRODUCTION, STAGING→NONE, STAGING→ARCHIVED, PRODUCTION→ARCHIVED, ARCHIVED→STAGING; ' +
      'anything else is a 409 naming from and to. PRODUCTION requires every required checklist item checked (409 listing `unmetItems`) ' +
      'and archives the previous production version. Moving into or out of PRODUCTION needs the approver role, and whoever brought the ' +
      'version about (its creator; for a retrained version the trainer and whoever triggered it) may not promote it (403). ' +
      'Concurrent production changes: one wins, the others get 409.',
  })
  @ApiOkResponse({ type: ModelVersionResponseDto })
  @ApiProblems(400, 404, 409)
  async changeStage(
    @Param('model', ParseModelNamePipe) name: string,
    @Param('version', ParseVersionPipe) version: number,
    @Body() body: ChangeStageRequestDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ModelVersionResponseDto> {
    return ModelVersionResponseDto.from(await this.stages.changeStage(name, version, body.stage, principal, body.comment ?? ''));
  }

  @Patch(':version/checklist/:key')
  @Roles('approver')
  @ApiOperation({
    summary: 'Check or uncheck one approval item; the actor is recorded as checkedBy',
    description: 'Approvers only. The system-checked item (`evaluation`) is ticked by the evaluation harness alone, and whoever brought the version about may not tick its required items (403).',
  })
  @ApiOkResponse({ type: ModelVersionResponseDto })
  @ApiProblems(400, 404)
  async updateChecklistItem(
    @Param('model', ParseModelNamePipe) name: string,
    @Param('version', ParseVersionPipe) version: number,
    @Param('key', ParseKeyPipe) key: string,
    @Body() body: UpdateChecklistItemRequestDto,
    @CurrentActor() actor: ActorRef,
  ): Promise<ModelVersionResponseDto> {
    return ModelVersionResponseDto.from(await this.versions.setChecklistItem(name, version, key, body.checked, actor, body.comment ?? ''));
  }

  @Get(':version/transitions')
  @Roles('viewer')
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
