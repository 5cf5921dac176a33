import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import type { Response } from 'express';

import { Roles } from '../../common/auth/roles.decorator.js';
import { IngestionRateLimit } from '../../common/http/rate-limit/rate-limit.decorator.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { mapPage } from '../../common/pagination/page.js';
import { instantOf } from '../../common/validation/date-time.js';
import { ParseObjectIdPipe } from '../../common/validation/object-id.pipe.js';
import { VersionParam } from '../../common/validation/path-params.js';
import { ApiTemplateIdParam, ApiVersionParams } from '../shared/api-params.js';
import { PromptUsageBatchRequestDto, PromptUsageReportRequestDto } from './dto/usage-report.request.dto.js';
import { ListPromptUsageQueryDto, PromptUsageStatsQueryDto } from './dto/usage.query.dto.js';
import { PromptUsageBatchResponseDto, PromptUsageEntryPageResponseDto, PromptUsageEntryResponseDto, PromptUsageEntryResultResponseDto, PromptUsageStatsResponseDto } from './dto/usage.response.dto.js';
import { UsageService } from './usage.service.js';
import { UsageStatsService } from './usage-stats.service.js';

@ApiTags('prompt governance: usage')
@Controller('prompt-governance/templates')
export class UsageController {
  constructor(
    private readonly usage: UsageService,
    private readonly usageStats: UsageStatsService,
  ) {}

  @Get(':id/usage/stats')
  @Roles('viewer')
  @ApiOperation({ summary: 'Per version and UTC day: count, error rate, p50/p95 latency, tokens, cost, flagged rate' })
  @ApiOkResponse({ type: PromptUsageStatsResponseDto })
  @ApiTemplateIdParam()
  @ApiProblems(400, 404, 422)
  async stats(@Param('id', ParseObjectIdPipe) id: string, @Query() query: PromptUsageStatsQueryDto): Promise<PromptUsageStatsResponseDto> {
    return this.usageStats.stats(id, query);
  }

  @Post(':id/:version/usage')
  @Roles('editor')
  @IngestionRateLimit()
  @ApiOperation({ summary: 'Record one execution (201 recorded, 200 when the id was already recorded); usage of an unapproved version is recorded and flagged' })
  @ApiBody({ type: PromptUsageReportRequestDto })
  @ApiCreatedResponse({ type: PromptUsageEntryResultResponseDto, description: 'Recorded' })
  @ApiOkResponse({ type: PromptUsageEntryResultResponseDto, description: 'Already recorded under this id' })
  @ApiVersionParams()
  @ApiProblems(400, 404, 413, 422)
  async record(
    @Param('id', ParseObjectIdPipe) id: string,
    @VersionParam() version: number,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PromptUsageEntryResultResponseDto> {
    const result = await this.usage.record(id, version, body);
    response.status(result.status === 'recorded' ? 201 : 200);
    return result;
  }

  @Post(':id/:version/usage/batch')
  @Roles('editor')
  @IngestionRateLimit()
  @HttpCode(200)
  @ApiOperation({ summary: 'Record up to 1,000 executions, answered per entry (recorded, duplicate or invalid)' })
  @ApiBody({ type: PromptUsageBatchRequestDto })
  @ApiOkResponse({ type: PromptUsageBatchResponseDto })
  @ApiVersionParams()
  @ApiProblems(400, 404, 413)
  async recordBatch(@Param('id', ParseObjectIdPipe) id: string, @VersionParam() version: number, @Body() body: unknown): Promise<PromptUsageBatchResponseDto> {
    return this.usage.recordBatch(id, version, body);
  }

  @Get(':id/:version/usage')
  @Roles('viewer')
  @ApiOperation({ summary: 'List a version’s usage entries, newest first' })
  @ApiOkResponse({ type: PromptUsageEntryPageResponseDto })
  @ApiVersionParams()
  @ApiProblems(400, 404)
  async list(@Param('id', ParseObjectIdPipe) id: string, @VersionParam() version: number, @Query() query: ListPromptUsageQueryDto): Promise<PromptUsageEntryPageResponseDto> {
    const { limit, cursor, flagged, from, to, ...filter } = query;
    const page = await this.usage.list(
      id,
      version,
      { ...filter, flagged: flagged === undefined ? undefined : flagged === 'true', from: instantOf(from), to: instantOf(to) },
      { limit, cursor },
    );
    return mapPage(page, PromptUsageEntryResponseDto.from);
  }
}
