import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentActor } from '../../common/auth/current-principal.decorator.js';
import type { ActorRef } from '../../common/auth/principal.js';
import { Roles } from '../../common/auth/roles.decorator.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { ParseObjectIdPipe } from '../../common/validation/object-id.pipe.js';
import { VersionParam } from '../../common/validation/path-params.js';
import { ApiVersionParams } from '../shared/api-params.js';
import { PromptVersionResponseDto } from '../templates/dto/version.response.dto.js';
import { ApprovalsService } from './approvals.service.js';
import { ApprovePromptRequestDto, RejectPromptRequestDto, PromptTransitionRequestDto } from './dto/approval.request.dto.js';

@ApiTags('prompt governance: approvals')
@Controller('prompt-governance/templates')
export class ApprovalsController {
  constructor(private readonly approvals: ApprovalsService) {}

  @Post(':id/:version/submit')
  @Roles('editor')
  @HttpCode(200)
  @ApiOperation({ summary: 'DRAFT → IN_REVIEW; the version is evaluated again and becomes immutable' })
  @ApiOkResponse({ type: PromptVersionResponseDto })
  @ApiVersionParams()
  @ApiProblems(400, 404, 409)
  async submit(
    @Param('id', ParseObjectIdPipe) id: string,
    @VersionParam() version: number,
    @Body() body: PromptTransitionRequestDto,
    @CurrentActor() actor: ActorRef,
  ): Promise<PromptVersionResponseDto> {
    return PromptVersionResponseDto.from(await this.approvals.submit(id, version, actor, body.comment ?? null));
  }

  @Post(':id/:version/approve')
  @Roles('approver')
  @HttpCode(200)
  @ApiOperation({
    summary: 'IN_REVIEW → APPROVED by someone other than the author and submitter; never CRITICAL; HIGH needs acknowledgeHighRisk',
    description: 'The author and the submitter are compared by stable id, whatever credential they use: either of them is refused with 403 (`rule: four-eyes`), recorded in the platform audit.',
  })
  @ApiOkResponse({ type: PromptVersionResponseDto })
  @ApiVersionParams()
  @ApiProblems(400, 404, 409, 422)
  async approve(
    @Param('id', ParseObjectIdPipe) id: string,
    @VersionParam() version: number,
    @Body() body: ApprovePromptRequestDto,
    @CurrentActor() actor: ActorRef,
  ): Promise<PromptVersionResponseDto> {
    return PromptVersionResponseDto.from(await this.approvals.approve(id, version, actor, { comment: body.comment ?? null, acknowledgeHighRisk: body.acknowledgeHighRisk ?? false }));
  }

  @Post(':id/:version/reject')
  @Roles('approver')
  @HttpCode(200)
  @ApiOperation({ summary: 'IN_REVIEW → REJECTED by someone other than the author and submitter; the comment is required' })
  @ApiOkResponse({ type: PromptVersionResponseDto })
  @ApiVersionParams()
  @ApiProblems(400, 404, 409)
  async reject(
    @Param('id', ParseObjectIdPipe) id: string,
    @VersionParam() version: number,
    @Body() body: RejectPromptRequestDto,
    @CurrentActor() actor: ActorRef,
  ): Promise<PromptVersionResponseDto> {
    return PromptVersionResponseDto.from(await this.approvals.reject(id, version, actor, body.comment));
  }

  @Post(':id/:version/deprecate')
  @Roles('editor')
  @HttpCode(200)
  @ApiOperation({ summary: 'APPROVED → DEPRECATED; refused while a label points at the version' })
  @ApiOkResponse({ type: PromptVersionResponseDto })
  @ApiVersionParams()
  @ApiProblems(400, 404, 409)
  async deprecate(
    @Param('id', ParseObjectIdPipe) id: string,
    @VersionParam() version: number,
    @Body() body: PromptTransitionRequestDto,
    @CurrentActor() actor: ActorRef,
  ): Promise<PromptVersionResponseDto> {
    return PromptVersionResponseDto.from(await this.approvals.deprecate(id, version, actor, body.comment ?? null));
  }
}
