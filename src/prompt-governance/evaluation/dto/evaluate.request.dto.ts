import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';

import { DECLARED_RISK_LEVELS, type DeclaredRiskLevel } from '../../../../libs/contracts/src/index.js';
import { PromptChatMessageDto, MAX_MESSAGES, MAX_TEMPLATE_CHARS, MAX_VARIABLES, PromptPolicyDto } from '../../templates/dto/prompt-content.request.dto.js';
import { VARIABLE_NAME } from '../../templates/prompt-content.js';

export class EvaluatePromptRequestDto {
  @ApiPropertyOptional({ example: 'Recommend a fund for {{client_name}}. Guaranteed returns!', description: 'Text to evaluate (give this or messages)', maxLength: MAX_TEMPLATE_CHARS })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEMPLATE_CHARS)
  text?: string;

  @ApiPropertyOptional({ type: [PromptChatMessageDto], description: 'Chat messages to evaluate (give this or text)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_MESSAGES)
  @ValidateNested({ each: true })
  @Type(() => PromptChatMessageDto)
  messages?: PromptChatMessageDto[];

  @ApiPropertyOptional({ type: [String], example: ['client_name', 'fund_factsheet'], description: 'Declared variable names; a grounding variable lowers the hallucination risk' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_VARIABLES)
  @Matches(VARIABLE_NAME, { each: true, message: 'each variable must be letters, digits and _, starting with a letter or _' })
  variables?: string[];

  @ApiPropertyOptional({ description: 'Grounding text given with the prompt; scanned for toxicity, PII and injection', maxLength: MAX_TEMPLATE_CHARS })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEMPLATE_CHARS)
  context?: string;

  @ApiPropertyOptional({ type: [PromptPolicyDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => PromptPolicyDto)
  policies?: PromptPolicyDto[];

  @ApiPropertyOptional({ enum: DECLARED_RISK_LEVELS })
  @IsOptional()
  @IsIn(DECLARED_RISK_LEVELS)
  declaredRiskLevel?: DeclaredRiskLevel;
}
