import { Body, Controller, Get, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Actor } from '../../common/http/actor.decorator.js';
import { ApiActor } from '../../common/openapi/api-actor.decorator.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { mapPage } from '../../common/pagination/page.js';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { ParseObjectIdPipe } from '../../common/validation/object-id.pipe.js';
import { CreateScenarioRequestDto } from './dto/create-scenario.request.dto.js';
import { ListScenariosQueryDto } from './dto/list-scenarios.query.dto.js';
import { ScenarioPageResponseDto, ScenarioResponseDto, ScenarioRevisionPageResponseDto, ScenarioRevisionResponseDto } from './dto/scenario.response.dto.js';
import { UpdateScenarioRequestDto } from './dto/update-scenario.request.dto.js';
import { ScenariosService } from './scenarios.service.js';

@ApiTags('evaluation: scenarios')
@Controller('ml/evaluation/scenarios')
export class ScenariosController {
  constructor(private readonly scenarios: ScenariosService) {}

  @Post()
  @ApiOperation({ summary: 'Define a scenario: baseline, benchmark, stress events, thresholds and compliance rules' })
  @ApiActor(false)
  @ApiCreatedResponse({ type: ScenarioResponseDto })
  @ApiProblems(400, 409, 413)
  async create(@Body() body: CreateScenarioRequestDto, @Actor({ optional: true }) actor: string | null): Promise<ScenarioResponseDto> {
    return ScenarioResponseDto.from(await this.scenarios.create(body, actor));
  }

  @Get()
  @ApiOperation({ summary: 'List scenarios, newest first' })
  @ApiOkResponse({ type: ScenarioPageResponseDto })
  @ApiProblems(400)
  async list(@Query() query: ListScenariosQueryDto): Promise<ScenarioPageResponseDto> {
    const { limit, cursor, ...filter } = query;
    return mapPage(await this.scenarios.list(filter, { limit, cursor }), ScenarioResponseDto.from);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a scenario at its current revision' })
  @ApiOkResponse({ type: ScenarioResponseDto })
  @ApiProblems(400, 404)
  async get(@Param('id', ParseObjectIdPipe) id: string): Promise<ScenarioResponseDto> {
    return ScenarioResponseDto.from(await this.scenarios.get(id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a scenario: the change becomes a new revision; runs keep the revision they were judged against' })
  @ApiActor(false)
  @ApiOkResponse({ type: ScenarioResponseDto })
  @ApiProblems(400, 404, 409, 413)
  async update(
    @Param('id', ParseObjectIdPipe) id: string,
    @Body() body: UpdateScenarioRequestDto,
    @Actor({ optional: true }) actor: string | null,
  ): Promise<ScenarioResponseDto> {
    return ScenarioResponseDto.from(await this.scenarios.update(id, body, actor));
  }

  @Get(':id/revisions')
  @ApiOperation({ summary: 'List the revisions of a scenario, newest first' })
  @ApiOkResponse({ type: ScenarioRevisionPageResponseDto })
  @ApiProblems(400, 404)
  async listRevisions(@Param('id', ParseObjectIdPipe) id: string, @Query() query: PageQueryDto): Promise<ScenarioRevisionPageResponseDto> {
    return mapPage(await this.scenarios.listRevisions(id, query), ScenarioRevisionResponseDto.from);
  }

  @Get(':id/revisions/:revision')
  @ApiOperation({ summary: 'Get one revision of a scenario, as runs judged against it saw it' })
  @ApiOkResponse({ type: ScenarioRevisionResponseDto })
  @ApiProblems(400, 404)
  async getRevision(@Param('id', ParseObjectIdPipe) id: string, @Param('revision', ParseIntPipe) revision: number): Promise<ScenarioRevisionResponseDto> {
    return ScenarioRevisionResponseDto.from(await this.scenarios.getRevisionSummary(id, revision));
  }
}
