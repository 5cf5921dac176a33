import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { AuditEntryPageResponseDto, AuditEntryResponseDto, AuditVerificationResponseDto, ChainVerifier } from '../../audit/index.js';
import { Roles } from '../../common/auth/roles.decorator.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { mapPage } from '../../common/pagination/page.js';
import { ParseObjectIdPipe } from '../../common/validation/object-id.pipe.js';
import { ApiTemplateIdParam } from '../shared/api-params.js';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { PromptTemplatesService } from '../templates/prompt-templates.service.js';

/** The prompt part of the platform audit: a template's history, and the verification the seed's API offered. */
@ApiTags('prompt governance: audit')
@Controller('prompt-governance')
export class AuditController {
  constructor(
    private readonly verifier: ChainVerifier,
    private readonly templates: PromptTemplatesService,
  ) {}

  @Get('audit/verify')
  @Roles('viewer')
  @ApiOperation({ summary: 'Verify the platform audit chain, which holds every prompt governance change (same answer as GET /api/v1/audit/verify)' })
  @ApiOkResponse({ type: AuditVerificationResponseDto })
  @ApiProblems(503)
  async verify(): Promise<AuditVerificationResponseDto> {
    return AuditVerificationResponseDto.from(await this.verifier.verify());
  }

  @Get('templates/:id/audit')
  @Roles('viewer')
  @ApiOperation({ summary: 'A template’s history in the platform audit, oldest first' })
  @ApiOkResponse({ type: AuditEntryPageResponseDto })
  @ApiTemplateIdParam()
  @ApiProblems(400, 404)
  async listForTemplate(@Param('id', ParseObjectIdPipe) id: string, @Query() query: PageQueryDto): Promise<AuditEntryPageResponseDto> {
    return mapPage(await this.templates.history(id, { limit: query.limit, cursor: query.cursor }), AuditEntryResponseDto.from);
  }
}
