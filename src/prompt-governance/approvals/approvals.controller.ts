import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Actor } from '../../common/http/actor.decorator.js';
import { ApiActor } from '../../common/openapi/api-actor.decorator.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { ParseObjectIdPipe } from '../../common/validation/object-id.pipe.js';
import { ParseVersionPipe } from '../shared/version.pipe.js';
import { PromptVersionResponseDto } from '../templates/dto/version.response.dto.js';
import { ApprovalsService } from './approvals.service.js';
import { ApprovePromptRequestDto, RejectPromptRequestDto, PromptTransitionRequestDto } from './dto/approval.request.dto.js';

@ApiTags('prompt governance: approvals')
@Controller('prompt-governance/templates')
export class ApprovalsController {
  constructor(private readonly approvals: ApprovalsService) {}

  @Post(':id/:version/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'DRAFT → IN_REVIEW; the version is evaluated again and becomes immutable' })
  @ApiActor()
  @ApiOkResponse({ type: PromptVersionResponseDto })
  @ApiProblems(400, 404, 409)
  async submit(
    @Param('id', ParseObjectIdPipe) id: string,
    @Param('version', ParseVersionPipe) version: number,
    @Body() body: PromptTransitionRequestDto,
    @Actor() actor: string,
  ): Promise<PromptVersionResponseDto> {
    return PromptVersionResponseDto.from(await this.approvals.submit(id, version, actor, body.comment ?? null));
  }

  @Post(':id/:version/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'IN_REVIEW → APPROVED by someone other than the author and submitter; never CRITICAL; HIGH needs acknowledgeHighRisk' })
  @ApiActor()
  @ApiOkResponse({ type: PromptVersionResponseDto })
  @ApiProblems(400, 404, 409)
  async approve(
    @Param('id', ParseObjectIdPipe) id: string,
    @Param('version', ParseVersionPipe) version: number,
    @Body() body: ApprovePromptRequestDto,
    @Actor() actor: string,
  ): Promise<PromptVersionResponseDto> {
    return PromptVersionResponseDto.from(await this.approvals.approve(id, version, actor, { comment: body.comment ?? null, acknowledgeHighRisk: body.acknowledgeHighRisk ?? false }));
  }

  @Post(':id/:version/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'IN_REVIEW → REJECTED by someone other than the author and submitter; the comment is required' })
  @ApiActor()
  @ApiOkResponse({ type: PromptVersionResponseDto })
  @ApiProblems(400, 404, 409)
  async reject(
    @Param('id', ParseObjectIdPipe) id: string,
    @Param('version', ParseVersionPipe) version: number,
    @Body() body: RejectPromptRequestDto,
    @Actor() actor: string,
  ): Promise<PromptVersionResponseDto> {
    return PromptVersionResponseDto.from(await this.approvals.reject(id, version, actor, body.comment));
  }

  @Post(':id/:version/deprecate')
  @HttpCode(200)
  @ApiOperation({ summary: 'APPROVED → DEPRECATED; refused while a label points at the version' })
  @ApiActor()
  @ApiOkResponse({ type: PromptVersionResponseDto })
  @ApiProblems(400, 404, 409)
  async deprecate(
    @Param('id', ParseObjectIdPipe) id: string,
    @Param('version', ParseVersionPipe) version: number,
    @Body() body: PromptTransitionRequestDto,
    @Actor() actor: string,
  ): Promise<PromptVersionResponseDto> {
    return PromptVersionResponseDto.from(await this.approvals.deprecate(id, version, actor, body.comment ?? null));
  }
}
