import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Roles } from '../../common/auth/roles.decorator.js';
import { ApiProblems } from '../../common/openapi/api-problems.decorator.js';
import { EvaluatePromptRequestDto } from './dto/evaluate.request.dto.js';
import { PromptEvaluationResponseDto } from './dto/evaluation.response.dto.js';
import { PromptScreeningService } from './prompt-screening.service.js';

@ApiTags('prompt governance: evaluation')
@Controller('prompt-governance')
export class ScreeningController {
  constructor(private readonly evaluation: PromptScreeningService) {}

  @Post('evaluate')
  @Roles('editor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Evaluate any text or chat messages: toxicity, hallucination risk, PII, injection, policies, and a risk grade' })
  @ApiOkResponse({ type: PromptEvaluationResponseDto })
  @ApiProblems(400, 413, 422)
  async evaluate(@Body() body: EvaluatePromptRequestDto): Promise<PromptEvaluationResponseDto> {
    const outcome = await this.evaluation.evaluatePrompt({
      text: body.text,
      messages: body.messages,
      variables: body.variables ?? [],
      context: body.context,
      policies: body.policies ?? [],
      declaredRiskLevel: body.declaredRiskLevel,
    });
    return PromptEvaluationResponseDto.from(outcome);
  }
}
