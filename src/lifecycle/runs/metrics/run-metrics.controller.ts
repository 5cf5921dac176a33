import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Roles } from '../../../common/auth/roles.decorator.js';
import { IngestionRateLimit } from '../../../common/http/rate-limit/rate-limit.decorator.js';
import { ApiProblems } from '../../../common/openapi/api-problems.decorator.js';
import { mapPage } from '../../../common/pagination/page.js';
import { ParseObjectIdPipe } from '../../../common/validation/object-id.pipe.js';
import { ParseKeyPipe } from '../../../common/validation/path-params.js';
import { LogTrackedRunMetricsRequestDto } from '../dto/log-run-metrics.request.dto.js';
import { MetricHistoryQueryDto } from '../dto/metric-history.query.dto.js';
import { LogTrackedRunMetricsResponseDto, MetricHistoryPageResponseDto, MetricPointResponseDto } from '../dto/metric-point.response.dto.js';
import { MetricBatchPipe } from './metric-batch.pipe.js';
import type { MetricPoint } from './metric-point.js';
import { RunMetricsService } from './run-metrics.service.js';

@ApiTags('lifecycle: runs')
@Controller('ml/lifecycle/runs')
export class RunMetricsController {
  constructor(private readonly metrics: RunMetricsService) {}

  @Post(':id/metrics')
  @Roles('editor')
  @IngestionRateLimit()
  @ApiOperation({
    summary: 'Log a batch of 1 to 1,000 metric points to a RUNNING run',
    description: 'All points are written or none (400 names each bad `points[i].field`). The run keeps the latest value of each key: highest step, then latest timestamp.',
  })
  @ApiBody({ type: LogTrackedRunMetricsRequestDto })
  @ApiCreatedResponse({ type: LogTrackedRunMetricsResponseDto })
  @ApiProblems(400, 404, 409, 413)
  async log(@Param('id', ParseObjectIdPipe) id: string, @Body(MetricBatchPipe) points: MetricPoint[]): Promise<LogTrackedRunMetricsResponseDto> {
    return { accepted: await this.metrics.log(id, points) };
  }

  @Get(':id/metrics/:key')
  @Roles('viewer')
  @ApiOperation({ summary: "A metric's full history, ordered by step, then timestamp" })
  @ApiOkResponse({ type: MetricHistoryPageResponseDto })
  @ApiProblems(400, 404)
  async history(
    @Param('id', ParseObjectIdPipe) id: string,
    @Param('key', ParseKeyPipe) key: string,
    @Query() query: MetricHistoryQueryDto,
  ): Promise<MetricHistoryPageResponseDto> {
    return mapPage(await this.metrics.history(id, key, query), MetricPointResponseDto.from);
  }
}
