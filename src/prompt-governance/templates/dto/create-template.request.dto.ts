import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

import { DECLARED_RISK_LEVELS, type DeclaredRiskLevel } from '../../../../libs/contracts/src/index.js';
import { Bool, List, OneOf, Text } from '../../../common/validation/fields.js';
import { NAME_PATTERN, NAME_RULE } from '../../../common/validation/patterns.js';
import { NestedObject, Omittable } from '../../shared/field-presence.js';
import { PromptPolicyDto, PromptVersionContentRequestDto } from './prompt-content.request.dto.js';

export class CreatePromptTemplateRequestDto {
  @Text({ pattern: NAME_PATTERN, rule: NAME_RULE, example: 'fund-factsheet-summary', description: `Unique across the platform; ${NAME_RULE}` })
  name: string;

  @Text({ maxLength: 5000, optional: Omittable() })
  description?: string;

  @Text({ pattern: NAME_PATTERN, rule: NAME_RULE, example: 'wealth-genai', description: 'The team that owns the template' })
  owner: string;

  @List({ type: [String], maxItems: 50, example: ['wealth', 'summaries'], maxLength: 100, optional: Omittable() }, IsString({ each: true }), MaxLength(100, { each: true }))
  tags?: string[];

  @OneOf(DECLARED_RISK_LEVELS, { description: 'The risk the author declares; the derived grade is never lower' })
  declaredRiskLevel: DeclaredRiskLevel;

  @List({ type: [PromptPolicyDto], maxItems: 10, description: 'Policies the evaluation checks; each id at most once', optional: Omittable() }, NestedObject(() => PromptPolicyDto, { each: true, optional: true }))
  policies?: PromptPolicyDto[];

  @Bool({ default: false, description: 'Keep raw variable values in usage entries (otherwise only their hash)', optional: Omittable() })
  logRawVariables?: boolean;

  @ApiProperty({ type: PromptVersionContentRequestDto, description: 'Version 1, created as a draft' })
  @NestedObject(() => PromptVersionContentRequestDto)
  firstVersion: PromptVersionContentRequestDto;
}
