import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentActor } from '../../common/auth/current-principal.decorator.js';
import type { ActorRef } from '../../common/auth/principal.js';
import { Roles } from '../../common/auth/roles.decorator.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { ParseObjectIdPipe } from '../../common/validation/object-id.pipe.js';
import { VersionParam } from '../../common/validation/path-params.js';
import { ApiVersionParams } from '../shared/api-params.js';
import { EditPromptDraftRequestDto } from './dto/edit-draft.request.dto.js';
import { RenderPromptRequestDto, RenderedPromptResponseDto } from './dto/render.dto.js';
import { PromptVersionResponseDto } from './dto/version.response.dto.js';
import { PromptVersionsService } from './prompt-versions.service.js';

/** Routes under `templates/:id/:version`; registered after every controller with a fixed segment in that place. */
@ApiTags('prompt governance: templates')
@Controller('prompt-governance/templates')
export class VersionsController {
  constructor(private readonly versions: PromptVersionsService) {}

  @Get(':id/:version')
  @Roles('viewer')
  @ApiOperation({ summary: 'Get one version with its status, evaluation and history' })
  @ApiOkResponse({ type: PromptVersionResponseDto })
  @ApiVersionParams()
  @ApiProblems(400, 404)
  async get(@Param('id', ParseObjectIdPipe) id: string, @VersionParam() version: number): Promise<PromptVersionResponseDto> {
    return PromptVersionResponseDto.from(await this.versions.get(id, version));
  }

  @Patch(':id/:version')
  @Roles('editor')
  @ApiOperation({ summary: 'Edit a draft (evaluated again); submitted versions are immutable' })
  @ApiOkResponse({ type: PromptVersionResponseDto })
  @ApiVersionParams()
  @ApiProblems(400, 404, 409, 413, 422)
  async edit(
    @Param('id', ParseObjectIdPipe) id: string,
    @VersionParam() version: number,
    @Body() body: EditPromptDraftRequestDto,
    @CurrentActor() actor: ActorRef,
  ): Promise<PromptVersionResponseDto> {
    const edit = {
      template: body.template,
      messages: body.messages?.map((m) => ({ role: m.role, content: m.content })),
      variables: body.variables?.map((v) => ({ name: v.name, required: v.required ?? true, description: v.description ?? '' })),
      modelSettings: body.modelSettings && { model: body.modelSettings.model, temperature: body.modelSettings.temperature ?? null, maxTokens: body.modelSettings.maxTokens ?? null },
      commitMessage: body.commitMessage,
    };
    return PromptVersionResponseDto.from(await this.versions.editDraft(id, version, edit, actor));
  }

  @Delete(':id/:version')
  @Roles('editor')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a draft; submitted versions cannot be deleted' })
  @ApiNoContentResponse()
  @ApiVersionParams()
  @ApiProblems(400, 404, 409)
  async delete(@Param('id', ParseObjectIdPipe) id: string, @VersionParam() version: number, @CurrentActor() actor: ActorRef): Promise<void> {
    await this.versions.deleteDraft(id, version, actor);
  }

  @Post(':id/:version/render')
  @Roles('viewer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Fill the placeholders strictly: a missing required or an unknown variable is a 400' })
  @ApiOkResponse({ type: RenderedPromptResponseDto })
  @ApiVersionParams()
  @ApiProblems(400, 404, 422)
  async render(@Param('id', ParseObjectIdPipe) id: string, @VersionParam() version: number, @Body() body: RenderPromptRequestDto): Promise<RenderedPromptResponseDto> {
    return RenderedPromptResponseDto.from(await this.versions.render(id, version, body.variables ?? {}));
  }
}
