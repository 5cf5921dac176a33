import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import { Roles } from '../../common/auth/roles.decorator.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { ParseObjectIdPipe } from '../../common/validation/object-id.pipe.js';
import { ReportQueryDto } from '../runs/dto/report.query.dto.js';
import { ApiObjectIdParam } from '../validation/api-params.js';
import { EvaluationReportResponseDto } from './dto/evaluation-report.response.dto.js';
import { EvaluationReportsService } from './evaluation-reports.service.js';

/** The page may only use what it carries inline; nothing is fetched when it is opened. */
const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

@ApiTags('evaluation: reports')
@Controller('ml/evaluation/runs')
export class EvaluationReportsController {
  constructor(private readonly reports: EvaluationReportsService) {}

  @Get(':id/report')
  @Roles('viewer')
  @ApiOperation({ summary: 'The report of a completed run for the risk committee: JSON, or ?format=html for a self-contained page with charts' })
  @ApiObjectIdParam('id', 'The evaluation run')
  @ApiProduces('application/json', 'text/html')
  @ApiOkResponse({ type: EvaluationReportResponseDto, description: 'JSON by default; with format=html, one HTML page with inline CSS and SVG' })
  @ApiProblems(400, 404, 409)
  async report(
    @Param('id', ParseObjectIdPipe) id: string,
    @Query() query: ReportQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<EvaluationReportResponseDto | string> {
    if (query.format !== 'html') return EvaluationReportResponseDto.from(await this.reports.report(id));
    const page = await this.reports.html(id);
    response.type('text/html; charset=utf-8').setHeader('Content-Security-Policy', REPORT_CSP);
    response.setHeader('Content-Disposition', `inline; filename="evaluation-${id}.html"`);
    return page;
  }
}
