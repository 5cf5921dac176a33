import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';

import { Public } from '../auth/roles.decorator.js';
import { ProblemDetailsDto } from '../errors/problem-details.js';
import { HealthService } from './health.service.js';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: MongoDB and Redis both answer' })
  @ApiOkResponse({ schema: { example: { status: 'ok', checks: { mongodb: { status: 'up', latencyMs: 2 }, redis: { status: 'up', latencyMs: 1 } } } } })
  @ApiServiceUnavailableResponse({ type: ProblemDetailsDto, description: 'A dependency is down; `checks` names it' })
  async ready(): Promise<{ status: 'ok'; checks: object }> {
    return { status: 'ok', checks: await this.health.readiness() };
  }
}
