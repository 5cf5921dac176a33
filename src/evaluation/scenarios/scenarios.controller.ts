import { Body, Controller, Get, Param, Patch, Post, Query, type PipeTransform } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentActor } from '../../common/auth/current-principal.decorator.js';
import type { ActorRef } from '../../common/auth/principal.js';
import { Roles } from '../../common/auth/roles.decorator.js';
import { InvalidInputError } from '../../common/errors/domain.errors.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { mapPage } from '../../common/pagination/page.js';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { ParseObjectIdPipe } from '../../common/validation/object-id.pipe.js';
import { ApiObjectIdParam, ApiPositiveIntegerParam } from '../validation/api-params.js';
import { CreateScenarioRequestDto } from './dto/create-scenario.request.dto.js';
import { ListScenariosQueryDto } from './dto/list-scenarios.query.dto.js';
import { ScenarioPageResponseDto, ScenarioResponseDto, ScenarioRevisionPageResponseDto, ScenarioRevisionResponseDto } from './dto/scenario.response.dto.js';
import { UpdateScenarioRequestDto } from './dto/update-scenario.request.dto.js';
import { ScenariosService } from './scenarios.service.js';

const REVISION_MESSAGE = 'revision must be a whole number';
/** A revision in a path: any whole number, which is found or not (404); anything else is a 400. The global pipe has made it a number. */
const parseRevision: PipeTransform<number, number> = {
  transform(value) {
    if (!Number.isInteger(value)) throw new InvalidInputError(REVISION_MESSAGE, [{ field: 'revision', message: REVISION_MESSAGE }]);
    return value;
  },
};

@ApiTags('evaluation: scenarios')
@Controller('ml/evaluation/scenarios')
export class ScenariosController {
  constructor(private readonly scenarios: ScenariosService) {}

  @Post()
  @Roles('editor')
  @ApiOperation({ summary: 'Define a scenario: baseline, benchmark, stress events, thresholds and compliance rules' })
  @ApiCreatedResponse({ type: ScenarioResponseDto })
  @ApiProblems(400, 409, 413, 422)
  async create(@Body() body: CreateScenarioRequestDto, @CurrentActor() actor: ActorRef): Promise<ScenarioResponseDto> {
    return ScenarioResponseDto.from(await this.scenarios.create(body, actor));
  }

  @Get()
  @Roles('viewer')
  @ApiOperation({ summary: 'List scenarios, newest first' })
  @ApiOkResponse({ type: ScenarioPageResponseDto })
  @ApiProblems(400)
  async list(@Query() query: ListScenariosQueryDto): Promise<ScenarioPageResponseDto> {
    const { limit, cursor, ...filter } = query;
    return mapPage(await this.scenarios.list(filter, { limit, cursor }), ScenarioResponseDto.from);
  }

  @Get(':id')
  @Roles('viewer')
  @ApiOperation({ summary: 'Get a scenario at its current revision' })
  @ApiObjectIdParam()
  @ApiOkResponse({ type: ScenarioResponseDto })
  @ApiProblems(400, 404)
  async get(@Param('id', ParseObjectIdPipe) id: string): Promise<ScenarioResponseDto> {
    return ScenarioResponseDto.from(await this.scenarios.get(id));
  }

  @Patch(':id')
  @Roles('editor')
  @ApiOperation({ summary: 'Change a scenario: the change becomes a new revision; runs keep the revision they were judged against' })
  @ApiObjectIdParam()
  @ApiOkResponse({ type: ScenarioResponseDto })
  @ApiProblems(400, 404, 409, 413, 422)
  async update(
    @Param('id', ParseObjectIdPipe) id: string,
    @Body() body: UpdateScenarioRequestDto,
    @CurrentActor() actor: ActorRef,
  ): Promise<ScenarioResponseDto> {
    return ScenarioResponseDto.from(await this.scenarios.update(id, body, actor));
  }

  @Get(':id/revisions')
  @Roles('viewer')
  @ApiOperation({ summary: 'List the revisions of a scenario, newest first' })
  @ApiObjectIdParam()
  @ApiOkResponse({ type: ScenarioRevisionPageResponseDto })
  @ApiProblems(400, 404)
  async listRevisions(@Param('id', ParseObjectIdPipe) id: string, @Query() query: PageQueryDto): Promise<ScenarioRevisionPageResponseDto> {
    return mapPage(await this.scenarios.listRevisions(id, query), ScenarioRevisionResponseDto.from);
  }

  @Get(':id/revisions/:revision')
  @Roles('viewer')
  @ApiOperation({ summary: 'Get one revision of a scenario, as runs judged against it saw it' })
  @ApiObjectIdParam()
  @ApiPositiveIntegerParam('revision')
  @ApiOkResponse({ type: ScenarioRevisionResponseDto })
  @ApiProblems(400, 404)
  async getRevision(@Param('id', ParseObjectIdPipe) id: string, @Param('revision', parseRevision) revision: number): Promise<ScenarioRevisionResponseDto> {
    return ScenarioRevisionResponseDto.from(await this.scenarios.getRevisionSummary(id, revision));
  }
}
