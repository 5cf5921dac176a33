import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Roles } from '../../common/auth/roles.decorator.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { mapPage } from '../../common/pagination/page.js';
import { ParseObjectIdPipe } from '../../common/validation/object-id.pipe.js';
import { instantOf } from '../../common/validation/date-time.js';
import { ParseKeyPipe } from '../../common/validation/path-params.js';
import {
  AddTrackedRunArtifactRequestDto,
  CreateTrackedRunRequestDto,
  EndTrackedRunRequestDto,
  LogTrackedRunParamsRequestDto,
  SetTrackedRunTagRequestDto,
} from './dto/run.request.dto.js';
import { TrackedRunArtifactResponseDto, TrackedRunPageResponseDto, TrackedRunResponseDto } from './dto/run.response.dto.js';
import { SearchRunsQueryDto } from './dto/search-runs.query.dto.js';
import { RunsService } from './runs.service.js';

@ApiTags('lifecycle: runs')
@Controller('ml/lifecycle/runs')
export class RunsController {
  constructor(private readonly runs: RunsService) {}

  @Post()
  @Roles('editor')
  @ApiOperation({ summary: 'Open a RUNNING run in an active experiment, optionally with params and tags' })
  @ApiCreatedResponse({ type: TrackedRunResponseDto })
  @ApiProblems(400, 404, 409, 413, 422)
  async create(@Body() body: CreateTrackedRunRequestDto): Promise<TrackedRunResponseDto> {
    const run = await this.runs.create({
      experimentId: body.experimentId.toLowerCase(),
      name: body.name ?? null,
      startTime: instantOf(body.startTime) ?? new Date(),
      artifactUri: body.artifactUri ?? null,
      params: body.params ?? {},
      tags: body.tags ?? {},
    });
    return TrackedRunResponseDto.from(run);
  }

  @Get()
  @Roles('viewer')
  @ApiOperation({ summary: 'Search the runs of one or more experiments with a filter on metrics, params, tags and status' })
  @ApiOkResponse({ type: TrackedRunPageResponseDto })
  @ApiProblems(400)
  async search(@Query() query: SearchRunsQueryDto): Promise<TrackedRunPageResponseDto> {
    const { experimentIds, filter, orderBy, limit, cursor } = query;
    const page = await this.runs.search({ experimentIds: experimentIds.toLowerCase().split(','), filter, orderBy }, { limit, cursor });
    return mapPage(page, TrackedRunResponseDto.from);
  }

  @Get(':id')
  @Roles('viewer')
  @ApiOperation({ summary: 'Get one run with its params, tags, latest metric values and artifacts' })
  @ApiOkResponse({ type: TrackedRunResponseDto })
  @ApiProblems(400, 404)
  async get(@Param('id', ParseObjectIdPipe) id: string): Promise<TrackedRunResponseDto> {
    return TrackedRunResponseDto.from(await this.runs.get(id));
  }

  @Patch(':id')
  @Roles('editor')
  @ApiOperation({ summary: 'End a RUNNING run as FINISHED, FAILED or KILLED (once; an ended run is never re-opened)' })
  @ApiOkResponse({ type: TrackedRunResponseDto })
  @ApiProblems(400, 404, 409, 422)
  async end(@Param('id', ParseObjectIdPipe) id: string, @Body() body: EndTrackedRunRequestDto): Promise<TrackedRunResponseDto> {
    return TrackedRunResponseDto.from(await this.runs.end(id, body.status, instantOf(body.endTime) ?? new Date()));
  }

  @Post(':id/params')
  @Roles('editor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log params of a RUNNING run: all or none; a key logged again must keep its value (409 lists the conflicts)' })
  @ApiOkResponse({ type: TrackedRunResponseDto })
  @ApiProblems(400, 404, 409, 422)
  async logParams(@Param('id', ParseObjectIdPipe) id: string, @Body() body: LogTrackedRunParamsRequestDto): Promise<TrackedRunResponseDto> {
    return TrackedRunResponseDto.from(await this.runs.logParams(id, body.params));
  }

  @Put(':id/tags/:key')
  @Roles('editor')
  @ApiOperation({ summary: 'Set a tag (at any status)' })
  @ApiOkResponse({ type: TrackedRunResponseDto })
  @ApiProblems(400, 404)
  async setTag(
    @Param('id', ParseObjectIdPipe) id: string,
    @Param('key', ParseKeyPipe) key: string,
    @Body() body: SetTrackedRunTagRequestDto,
  ): Promise<TrackedRunResponseDto> {
    return TrackedRunResponseDto.from(await this.runs.setTag(id, key, body.value));
  }

  @Delete(':id/tags/:key')
  @Roles('editor')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a tag (at any status); 404 when the run does not carry it' })
  @ApiNoContentResponse()
  @ApiProblems(400, 404)
  async deleteTag(@Param('id', ParseObjectIdPipe) id: string, @Param('key', ParseKeyPipe) key: string): Promise<void> {
    await this.runs.deleteTag(id, key);
  }

  @Post(':id/artifacts')
  @Roles('editor')
  @ApiOperation({ summary: 'Record an artifact of a RUNNING run (name unique within the run)' })
  @ApiCreatedResponse({ type: TrackedRunArtifactResponseDto })
  @ApiProblems(400, 404, 409)
  async addArtifact(@Param('id', ParseObjectIdPipe) id: string, @Body() body: AddTrackedRunArtifactRequestDto): Promise<TrackedRunArtifactResponseDto> {
    const artifact = await this.runs.addArtifact(id, {
      name: body.name,
      uri: body.uri,
      type: body.type,
      sizeBytes: body.sizeBytes ?? null,
      checksum: body.checksum ?? null,
    });
    return TrackedRunArtifactResponseDto.from(artifact);
  }
}
