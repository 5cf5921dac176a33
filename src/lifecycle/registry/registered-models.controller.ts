import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentPrincipal } from '../../common/auth/current-principal.decorator.js';
import type { Principal } from '../../common/auth/principal.js';
import { Roles } from '../../common/auth/roles.decorator.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { CatalogQueryDto } from '../../common/pagination/catalog-query.dto.js';
import { mapPage } from '../../common/pagination/page.js';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { instantOf } from '../../common/validation/date-time.js';
import { ParseModelNamePipe } from '../../common/validation/path-params.js';
import { CompareVersionsQueryDto } from './dto/compare-versions.query.dto.js';
import { CreateModelRequestDto, UpdateModelRequestDto } from './dto/model.request.dto.js';
import { ModelPageResponseDto, ModelResponseDto } from './dto/model.response.dto.js';
import { ModelVersionResponseDto } from './dto/model-version.response.dto.js';
import { ProductionAtQueryDto, ProductionAtResponseDto, RollbackRequestDto } from './dto/production.dto.js';
import { StageTransitionPageResponseDto, StageTransitionResponseDto } from './dto/stage-transition.response.dto.js';
import { VersionComparisonResponseDto } from './dto/version-comparison.response.dto.js';
import { ModelStagesService } from './model-stages.service.js';
import { ModelVersionsService } from './model-versions.service.js';
import { RegisteredModelsService } from './registered-models.service.js';

@ApiTags('lifecycle: model registry')
@Controller('ml/lifecycle/models')
export class RegisteredModelsController {
  constructor(
    private readonly models: RegisteredModelsService,
    private readonly versions: ModelVersionsService,
    private readonly stages: ModelStagesService,
  ) {}

  @Post()
  @Roles('editor')
  @ApiOperation({ summary: 'Register a model (name unique and immutable), with metric directions and the default approval checklist' })
  @ApiCreatedResponse({ type: ModelResponseDto })
  @ApiProblems(400, 409, 413, 422)
  async create(@Body() body: CreateModelRequestDto): Promise<ModelResponseDto> {
    const model = await this.models.create({
      name: body.name,
      description: body.description ?? '',
      tags: body.tags ?? [],
      owner: body.owner ?? null,
      metricDirections: body.metricDirections ?? {},
      defaultChecklist: (body.defaultChecklist ?? []).map(({ key, description, required }) => ({ key, description, required })),
    });
    return ModelResponseDto.from(model);
  }

  @Get()
  @Roles('viewer')
  @ApiOperation({ summary: 'List models, newest first' })
  @ApiOkResponse({ type: ModelPageResponseDto })
  @ApiProblems(400)
  async list(@Query() query: CatalogQueryDto): Promise<ModelPageResponseDto> {
    const { limit, cursor, ...filter } = query;
    return mapPage(await this.models.list(filter, { limit, cursor }), ModelResponseDto.from);
  }

  @Get(':model')
  @Roles('viewer')
  @ApiOperation({ summary: 'Get one model, with its production version' })
  @ApiOkResponse({ type: ModelResponseDto })
  @ApiProblems(400, 404)
  async get(@Param('model', ParseModelNamePipe) name: string): Promise<ModelResponseDto> {
    return ModelResponseDto.from(await this.models.get(name));
  }

  @Patch(':model')
  @Roles('editor')
  @ApiOperation({ summary: 'Change description, tags, owner, metric directions or the default checklist (applies to new versions)' })
  @ApiOkResponse({ type: ModelResponseDto })
  @ApiProblems(400, 404, 422)
  async update(@Param('model', ParseModelNamePipe) name: string, @Body() body: UpdateModelRequestDto): Promise<ModelResponseDto> {
    const { defaultChecklist, ...rest } = body;
    const changes = defaultChecklist ? { ...rest, defaultChecklist: defaultChecklist.map(({ key, description, required }) => ({ key, description, required })) } : rest;
    return ModelResponseDto.from(await this.models.update(name, changes));
  }

  @Get(':model/compare')
  @Roles('viewer')
  @ApiOperation({ summary: 'Compare 2 to 20 versions metric by metric against a baseline, in each metric’s direction' })
  @ApiOkResponse({ type: VersionComparisonResponseDto })
  @ApiProblems(400, 404, 422)
  async compare(@Param('model', ParseModelNamePipe) name: string, @Query() query: CompareVersionsQueryDto): Promise<VersionComparisonResponseDto> {
    return VersionComparisonResponseDto.from(await this.versions.compare(name, query.versions, query.baseline));
  }

  @Get(':model/transitions')
  @Roles('viewer')
  @ApiOperation({ summary: 'The stage log of every version of the model, newest first' })
  @ApiOkResponse({ type: StageTransitionPageResponseDto })
  @ApiProblems(400, 404)
  async transitions(@Param('model', ParseModelNamePipe) name: string, @Query() query: PageQueryDto): Promise<StageTransitionPageResponseDto> {
    return mapPage(await this.stages.listTransitions(name, null, query), StageTransitionResponseDto.from);
  }

  @Get(':model/production')
  @Roles('viewer')
  @ApiOperation({ summary: 'Which version was in PRODUCTION at a moment (now by default), from the stage log' })
  @ApiOkResponse({ type: ProductionAtResponseDto })
  @ApiProblems(400, 404)
  async productionAt(@Param('model', ParseModelNamePipe) name: string, @Query() query: ProductionAtQueryDto): Promise<ProductionAtResponseDto> {
    return ProductionAtResponseDto.from(await this.stages.productionAt(name, instantOf(query.at) ?? new Date()));
  }

  @Post(':model/rollback')
  @HttpCode(200)
  @Roles('approver')
  @ApiOperation({
    summary: 'Emergency rollback: put back the version that last left PRODUCTION, in one call by one approver',
    description: 'That version passed four-eyes when it was first promoted. The current production version is archived; both moves are in the stage log and the audit log as a rollback.',
  })
  @ApiOkResponse({ type: ModelVersionResponseDto })
  @ApiProblems(400, 404, 409)
  async rollBack(@Param('model', ParseModelNamePipe) name: string, @Body() body: RollbackRequestDto, @CurrentPrincipal() principal: Principal): Promise<ModelVersionResponseDto> {
    return ModelVersionResponseDto.from(await this.stages.rollBack(name, principal, body.comment));
  }
}
