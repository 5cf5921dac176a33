import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentActor } from '../../common/auth/current-principal.decorator.js';
import type { ActorRef } from '../../common/auth/principal.js';
import { Roles } from '../../common/auth/roles.decorator.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { mapPage } from '../../common/pagination/page.js';
import { ParseObjectIdPipe } from '../../common/validation/object-id.pipe.js';
import { ApiTemplateIdParam } from '../shared/api-params.js';
import { CreatePromptTemplateRequestDto } from './dto/create-template.request.dto.js';
import { PromptDiffQueryDto } from './dto/diff.query.dto.js';
import { PromptDiffResponseDto } from './dto/diff.response.dto.js';
import { ListPromptTemplatesQueryDto } from './dto/list-templates.query.dto.js';
import { ListPromptVersionsQueryDto } from './dto/list-versions.query.dto.js';
import { toPromptContent, PromptVersionContentRequestDto } from './dto/prompt-content.request.dto.js';
import { PromptTemplatePageResponseDto, PromptTemplateResponseDto } from './dto/template.response.dto.js';
import { UpdatePromptTemplateRequestDto } from './dto/update-template.request.dto.js';
import { CreatedPromptTemplateResponseDto, PromptVersionPageResponseDto, PromptVersionResponseDto } from './dto/version.response.dto.js';
import { PromptTemplatesService } from './prompt-templates.service.js';
import { PromptVersionsService } from './prompt-versions.service.js';

@ApiTags('prompt governance: templates')
@Controller('prompt-governance/templates')
export class TemplatesController {
  constructor(
    private readonly templates: PromptTemplatesService,
    private readonly versions: PromptVersionsService,
  ) {}

  @Post()
  @Roles('editor')
  @ApiOperation({ summary: 'Create a template (unique name) with its first version, evaluated on creation' })
  @ApiCreatedResponse({ type: CreatedPromptTemplateResponseDto })
  @ApiProblems(400, 409, 413, 422)
  async create(@Body() body: CreatePromptTemplateRequestDto, @CurrentActor() actor: ActorRef): Promise<CreatedPromptTemplateResponseDto> {
    const { template, version } = await this.templates.create(
      {
        name: body.name,
        description: body.description ?? '',
        owner: body.owner,
        tags: body.tags ?? [],
        declaredRiskLevel: body.declaredRiskLevel,
        policies: body.policies ?? [],
        logRawVariables: body.logRawVariables ?? false,
      },
      toPromptContent(body.firstVersion),
      body.firstVersion.commitMessage ?? '',
      actor,
    );
    return { template: PromptTemplateResponseDto.from(template), version: PromptVersionResponseDto.from(version) };
  }

  @Get()
  @Roles('viewer')
  @ApiOperation({ summary: 'List templates, newest first, filtered by name prefix, tag, owner, version status or label' })
  @ApiOkResponse({ type: PromptTemplatePageResponseDto })
  @ApiProblems(400)
  async list(@Query() query: ListPromptTemplatesQueryDto): Promise<PromptTemplatePageResponseDto> {
    const { limit, cursor, name, ...filter } = query;
    return mapPage(await this.templates.list({ ...filter, namePrefix: name }, { limit, cursor }), PromptTemplateResponseDto.from);
  }

  @Get(':id/diff')
  @Roles('viewer')
  @ApiOperation({ summary: 'Line diff of two versions’ content, with their settings and variable changes' })
  @ApiOkResponse({ type: PromptDiffResponseDto })
  @ApiTemplateIdParam()
  @ApiProblems(400, 404)
  async diff(@Param('id', ParseObjectIdPipe) id: string, @Query() query: PromptDiffQueryDto): Promise<PromptDiffResponseDto> {
    return PromptDiffResponseDto.from(await this.versions.diff(id, query.from, query.to));
  }

  @Get(':id/versions')
  @Roles('viewer')
  @ApiOperation({ summary: 'List a template’s versions, newest first' })
  @ApiOkResponse({ type: PromptVersionPageResponseDto })
  @ApiTemplateIdParam()
  @ApiProblems(400, 404)
  async listVersions(@Param('id', ParseObjectIdPipe) id: string, @Query() query: ListPromptVersionsQueryDto): Promise<PromptVersionPageResponseDto> {
    return mapPage(await this.versions.list(id, query.status, { limit: query.limit, cursor: query.cursor }), PromptVersionResponseDto.from);
  }

  @Post(':id/versions')
  @Roles('editor')
  @ApiOperation({ summary: 'Add a version (a draft, evaluated on creation)' })
  @ApiCreatedResponse({ type: PromptVersionResponseDto })
  @ApiTemplateIdParam()
  @ApiProblems(400, 404, 413, 422)
  async addVersion(@Param('id', ParseObjectIdPipe) id: string, @Body() body: PromptVersionContentRequestDto, @CurrentActor() actor: ActorRef): Promise<PromptVersionResponseDto> {
    return PromptVersionResponseDto.from(await this.versions.add(id, toPromptContent(body), body.commitMessage ?? '', actor));
  }

  @Get(':id')
  @Roles('viewer')
  @ApiOperation({ summary: 'Get one template with its labels' })
  @ApiOkResponse({ type: PromptTemplateResponseDto })
  @ApiTemplateIdParam()
  @ApiProblems(400, 404)
  async get(@Param('id', ParseObjectIdPipe) id: string): Promise<PromptTemplateResponseDto> {
    return PromptTemplateResponseDto.from(await this.templates.get(id));
  }

  @Patch(':id')
  @Roles('editor')
  @ApiOperation({ summary: 'Change description, owner, tags, declared risk level, policies or raw-variable logging (audited)' })
  @ApiOkResponse({ type: PromptTemplateResponseDto })
  @ApiTemplateIdParam()
  @ApiProblems(400, 404, 422)
  async update(@Param('id', ParseObjectIdPipe) id: string, @Body() body: UpdatePromptTemplateRequestDto, @CurrentActor() actor: ActorRef): Promise<PromptTemplateResponseDto> {
    return PromptTemplateResponseDto.from(await this.templates.update(id, body, actor));
  }
}
