import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { mapPage } from '../../common/pagination/page.js';
import { ParseObjectIdPipe } from '../../common/validation/object-id.pipe.js';
import { PromptTemplatesService } from '../templates/prompt-templates.service.js';
import { AuditOutboxHealer } from './audit-outbox.healer.js';
import { AuditService } from './audit.service.js';
import { PromptAuditEntryPageResponseDto, PromptAuditEntryResponseDto, PromptAuditVerificationResponseDto } from './dto/audit.response.dto.js';

@ApiTags('prompt governance: audit')
@Controller('prompt-governance')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly healer: AuditOutboxHealer,
    private readonly templates: PromptTemplatesService,
  ) {}

  @Get('audit/verify')
  @ApiOperation({ summary: 'Append audit drafts left pending by interrupted changes, then recompute the whole hash chain: intact, or the first entry where it breaks' })
  @ApiOkResponse({ type: PromptAuditVerificationResponseDto })
  @ApiProblems(503)
  async verify(): Promise<PromptAuditVerificationResponseDto> {
    const draftsAppended = await this.healer.heal();
    return PromptAuditVerificationResponseDto.from({ ...(await this.audit.verify()), draftsAppended });
  }

  @Get('templates/:id/audit')
  @ApiOperation({ summary: 'A template’s history, oldest first' })
  @ApiOkResponse({ type: PromptAuditEntryPageResponseDto })
  @ApiProblems(400, 404)
  async listForTemplate(@Param('id', ParseObjectIdPipe) id: string, @Query() query: PageQueryDto): Promise<PromptAuditEntryPageResponseDto> {
    return mapPage(await this.templates.history(id, { limit: query.limit, cursor: query.cursor }), PromptAuditEntryResponseDto.from);
  }
}
