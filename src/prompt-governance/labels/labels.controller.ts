import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Put, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import { CurrentPrincipal } from '../../common/auth/current-principal.decorator.js';
import type { Principal } from '../../common/auth/principal.js';
import { Roles } from '../../common/auth/roles.decorator.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { ParseObjectIdPipe } from '../../common/validation/object-id.pipe.js';
import { ApiLabelParams } from '../shared/api-params.js';
import { MovePromptLabelRequestDto, RemovePromptLabelQueryDto, ResolvedPromptLabelResponseDto } from './dto/label.dto.js';
import { ParseLabelPipe } from './label-name.pipe.js';
import { LabelsService } from './labels.service.js';

@ApiTags('prompt governance: labels')
@Controller('prompt-governance/templates')
export class LabelsController {
  constructor(private readonly labels: LabelsService) {}

  @Get(':id/labels/:label')
  @Roles('viewer')
  @ApiOperation({ summary: 'Resolve a label to the version it points at; cache with the ETag and If-None-Match' })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'The ETag of a previous answer: 304 when unchanged' })
  @ApiOkResponse({ type: ResolvedPromptLabelResponseDto, headers: { ETag: { description: 'Strong validator of the answer', schema: { type: 'string' } } } })
  @ApiResponse({ status: 304, description: 'Unchanged since the ETag given in If-None-Match' })
  @ApiLabelParams()
  @ApiProblems(400, 404)
  async resolve(
    @Param('id', ParseObjectIdPipe) id: string,
    @Param('label', ParseLabelPipe) label: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ResolvedPromptLabelResponseDto | undefined> {
    const body = ResolvedPromptLabelResponseDto.from(await this.labels.resolve(id, label));
    const etag = ResolvedPromptLabelResponseDto.etag(body);
    response.setHeader('ETag', etag);
    response.setHeader('Cache-Control', 'no-cache');
    if (ifNoneMatch?.split(',').some((tag) => tag.trim() === etag)) {
      response.status(304);
      return undefined;
    }
    return body;
  }

  @Put(':id/labels/:label')
  @Roles('editor', 'approver')
  @ApiOperation({
    summary: 'Point a label at an approved version (creating or moving it); audited',
    description: 'A protected label (PROMPT_PROTECTED_LABELS, default production) needs the approver role; an editor is refused with 403, recorded in the platform audit.',
  })
  @ApiOkResponse({ type: ResolvedPromptLabelResponseDto })
  @ApiLabelParams()
  @ApiProblems(400, 404, 409)
  async move(
    @Param('id', ParseObjectIdPipe) id: string,
    @Param('label', ParseLabelPipe) label: string,
    @Body() body: MovePromptLabelRequestDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ResolvedPromptLabelResponseDto> {
    return ResolvedPromptLabelResponseDto.from(await this.labels.move(id, label, body.version, principal, body.comment ?? null));
  }

  @Delete(':id/labels/:label')
  @Roles('editor', 'approver')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a label; audited. A protected label needs the approver role' })
  @ApiNoContentResponse()
  @ApiLabelParams()
  @ApiProblems(400, 404)
  async remove(
    @Param('id', ParseObjectIdPipe) id: string,
    @Param('label', ParseLabelPipe) label: string,
    @Query() query: RemovePromptLabelQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    await this.labels.remove(id, label, principal, query.comment ?? null);
  }
}
