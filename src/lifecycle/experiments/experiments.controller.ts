import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Roles } from '../../common/auth/roles.decorator.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { mapPage } from '../../common/pagination/page.js';
import { ParseObjectIdPipe } from '../../common/validation/object-id.pipe.js';
import { CreateExperimentRequestDto, UpdateExperimentRequestDto } from './dto/experiment.request.dto.js';
import { ExperimentPageResponseDto, ExperimentResponseDto } from './dto/experiment.response.dto.js';
import { ListExperimentsQueryDto } from './dto/list-experiments.query.dto.js';
import { ExperimentsService } from './experiments.service.js';

@ApiTags('lifecycle: experiments')
@Controller('ml/lifecycle/experiments')
export class ExperimentsController {
  constructor(private readonly experiments: ExperimentsService) {}

  @Post()
  @Roles('editor')
  @ApiOperation({ summary: 'Register an experiment (name unique across the platform)' })
  @ApiCreatedResponse({ type: ExperimentResponseDto })
  @ApiProblems(400, 409, 413)
  async create(@Body() body: CreateExperimentRequestDto): Promise<ExperimentResponseDto> {
    const experiment = await this.experiments.create({ name: body.name, description: body.description ?? '', tags: body.tags ?? [], owner: body.owner ?? null });
    return ExperimentResponseDto.from(experiment);
  }

  @Get()
  @Roles('viewer')
  @ApiOperation({ summary: 'List experiments, newest first' })
  @ApiOkResponse({ type: ExperimentPageResponseDto })
  @ApiProblems(400)
  async list(@Query() query: ListExperimentsQueryDto): Promise<ExperimentPageResponseDto> {
    const { limit, cursor, includeArchived, ...filter } = query;
    const page = await this.experiments.list({ ...filter, includeArchived: includeArchived === 'true' }, { limit, cursor });
    return mapPage(page, ExperimentResponseDto.from);
  }

  @Get(':id')
  @Roles('viewer')
  @ApiOperation({ summary: 'Get one experiment' })
  @ApiOkResponse({ type: ExperimentResponseDto })
  @ApiProblems(400, 404)
  async get(@Param('id', ParseObjectIdPipe) id: string): Promise<ExperimentResponseDto> {
    return ExperimentResponseDto.from(await this.experiments.get(id));
  }

  @Patch(':id')
  @Roles('editor')
  @ApiOperation({ summary: 'Change name, description, tags or owner' })
  @ApiOkResponse({ type: ExperimentResponseDto })
  @ApiProblems(400, 404, 409)
  async update(@Param('id', ParseObjectIdPipe) id: string, @Body() body: UpdateExperimentRequestDto): Promise<ExperimentResponseDto> {
    // Only the fields the caller sent: an absent field is left as it is, never cleared.
    const changes = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
    return ExperimentResponseDto.from(await this.experiments.update(id, changes));
  }

  @Post(':id/archive')
  @Roles('editor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Archive an experiment: hidden from lists by default, closed to new runs' })
  @ApiOkResponse({ type: ExperimentResponseDto })
  @ApiProblems(400, 404, 409)
  async archive(@Param('id', ParseObjectIdPipe) id: string): Promise<ExperimentResponseDto> {
    return ExperimentResponseDto.from(await this.experiments.archive(id));
  }

  @Post(':id/restore')
  @Roles('editor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Restore an archived experiment' })
  @ApiOkResponse({ type: ExperimentResponseDto })
  @ApiProblems(400, 404, 409)
  async restore(@Param('id', ParseObjectIdPipe) id: string): Promise<ExperimentResponseDto> {
    return ExperimentResponseDto.from(await this.experiments.restore(id));
  }
}
