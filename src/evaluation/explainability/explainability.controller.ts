import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentActor } from '../../common/auth/current-principal.decorator.js';
import type { ActorRef } from '../../common/auth/principal.js';
import { Roles } from '../../common/auth/roles.decorator.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { mapPage } from '../../common/pagination/page.js';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { ParseObjectIdPipe } from '../../common/validation/object-id.pipe.js';
import { ApiObjectIdParam } from '../validation/api-params.js';
import { CreateExplainabilityArtifactRequestDto } from './dto/create-explainability-artifact.request.dto.js';
import { ExplainabilityArtifactPageResponseDto, ExplainabilityArtifactResponseDto } from './dto/explainability-artifact.response.dto.js';
import { ExplainabilityService } from './explainability.service.js';

@ApiTags('evaluation: explainability')
@Controller('ml/evaluation/runs/:id/explainability')
export class ExplainabilityController {
  constructor(private readonly explainability: ExplainabilityService) {}

  @Post()
  @Roles('editor')
  @ApiOperation({ summary: "Attach SHAP values, feature importance or partial dependence to a run; a completed run's verdict is judged again" })
  @ApiObjectIdParam('id', 'The evaluation run')
  @ApiCreatedResponse({ type: ExplainabilityArtifactResponseDto })
  @ApiProblems(400, 404, 409, 413, 422)
  async attach(
    @Param('id', ParseObjectIdPipe) runId: string,
    @Body() body: CreateExplainabilityArtifactRequestDto,
    @CurrentActor() actor: ActorRef,
  ): Promise<ExplainabilityArtifactResponseDto> {
    return ExplainabilityArtifactResponseDto.from(await this.explainability.attach(runId, body, actor));
  }

  @Get()
  @Roles('viewer')
  @ApiOperation({ summary: "List a run's artifacts, newest first (SHAP matrices left out)" })
  @ApiObjectIdParam('id', 'The evaluation run')
  @ApiOkResponse({ type: ExplainabilityArtifactPageResponseDto })
  @ApiProblems(400, 404)
  async list(@Param('id', ParseObjectIdPipe) runId: string, @Query() query: PageQueryDto): Promise<ExplainabilityArtifactPageResponseDto> {
    return mapPage(await this.explainability.list(runId, query), ExplainabilityArtifactResponseDto.from);
  }

  @Get(':artifactId')
  @Roles('viewer')
  @ApiOperation({ summary: 'Get one artifact with its full payload' })
  @ApiObjectIdParam('id', 'The evaluation run')
  @ApiObjectIdParam('artifactId')
  @ApiOkResponse({ type: ExplainabilityArtifactResponseDto })
  @ApiProblems(400, 404)
  async get(@Param('id', ParseObjectIdPipe) runId: string, @Param('artifactId', ParseObjectIdPipe) artifactId: string): Promise<ExplainabilityArtifactResponseDto> {
    return ExplainabilityArtifactResponseDto.from(await this.explainability.get(runId, artifactId));
  }
}
