import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Actor } from '../../common/http/actor.decorator.js';
import { ApiActor } from '../../common/openapi/api-actor.decorator.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { mapPage } from '../../common/pagination/page.js';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { ParseObjectIdPipe } from '../../common/validation/object-id.pipe.js';
import { CreateExplainabilityArtifactRequestDto } from './dto/create-explainability-artifact.request.dto.js';
import { ExplainabilityArtifactPageResponseDto, ExplainabilityArtifactResponseDto } from './dto/explainability-artifact.response.dto.js';
import { ExplainabilityService } from './explainability.service.js';

@ApiTags('evaluation: explainability')
@Controller('ml/evaluation/runs/:id/explainability')
export class ExplainabilityController {
  constructor(private readonly explainability: ExplainabilityService) {}

  @Post()
  @ApiOperation({ summary: "Attach SHAP values, feature importance or partial dependence to a run; a completed run's verdict is judged again" })
  @ApiActor(false)
  @ApiCreatedResponse({ type: ExplainabilityArtifactResponseDto })
  @ApiProblems(400, 404, 409, 413)
  async attach(
    @Param('id', ParseObjectIdPipe) runId: string,
    @Body() body: CreateExplainabilityArtifactRequestDto,
    @Actor({ optional: true }) actor: string | null,
  ): Promise<ExplainabilityArtifactResponseDto> {
    return ExplainabilityArtifactResponseDto.from(await this.explainability.attach(runId, body, actor));
  }

  @Get()
  @ApiOperation({ summary: "List a run's artifacts, newest first (SHAP matrices left out)" })
  @ApiOkResponse({ type: ExplainabilityArtifactPageResponseDto })
  @ApiProblems(400, 404)
  async list(@Param('id', ParseObjectIdPipe) runId: string, @Query() query: PageQueryDto): Promise<ExplainabilityArtifactPageResponseDto> {
    return mapPage(await this.explainability.list(runId, query), ExplainabilityArtifactResponseDto.from);
  }

  @Get(':artifactId')
  @ApiOperation({ summary: 'Get one artifact with its full payload' })
  @ApiOkResponse({ type: ExplainabilityArtifactResponseDto })
  @ApiProblems(400, 404)
  async get(@Param('id', ParseObjectIdPipe) runId: string, @Param('artifactId', ParseObjectIdPipe) artifactId: string): Promise<ExplainabilityArtifactResponseDto> {
    return ExplainabilityArtifactResponseDto.from(await this.explainability.get(runId, artifactId));
  }
}
