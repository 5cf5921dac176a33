import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, Matches } from 'class-validator';

import { DECLARED_RISK_LEVELS, type DeclaredRiskLevel } from '../../../../libs/contracts/src/index.js';
import { absent, ApiSchemaRules, present } from '../../../common/openapi/api-schema-rules.decorator.js';
import { EnumField, StringField } from '../../../common/validation/fields.js';
import { NestedObject, Omittable } from '../../shared/field-presence.js';
import { PromptChatMessageDto, MAX_MESSAGES, MAX_TEMPLATE_CHARS, MAX_VARIABLES, PromptPolicyDto } from '../../templates/dto/prompt-content.request.dto.js';
import { VARIABLE_NAME, VARIABLE_RULE } from '../../templates/prompt-content.js';
import { MAX_PROMPT_CHARS } from '../prompt-size.js';

/** Text or messages, exactly one (checked by PromptScreeningService). */
@ApiSchemaRules({ oneOf: [{ allOf: [present('text'), absent('messages')] }, { allOf: [present('messages'), absent('text')] }] })
export class EvaluatePromptRequestDto {
  @StringField({ maxLength: MAX_TEMPLATE_CHARS, example: 'Recommend a fund for {{client_name}}. Guaranteed returns!', description: 'Text to evaluate (give this or messages)', optional: Omittable() })
  text?: string;

  @ApiPropertyOptional({
    type: [PromptChatMessageDto],
    minItems: 1,
    maxItems: MAX_MESSAGES,
    description: `Chat messages to evaluate (give this or text); together at most ${MAX_PROMPT_CHARS} characters`,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_MESSAGES)
  @NestedObject(() => PromptChatMessageDto, { each: true, optional: true })
  @Omittable()
  messages?: PromptChatMessageDto[];

  @ApiPropertyOptional({ type: [String], example: ['client_name', 'fund_factsheet'], maxItems: MAX_VARIABLES, pattern: VARIABLE_NAME.source, description: `Declared variable names (${VARIABLE_RULE}); a grounding variable lowers the hallucination risk` })
  @IsArray()
  @ArrayMaxSize(MAX_VARIABLES)
  @Matches(VARIABLE_NAME, { each: true, message: 'each variable must be letters, digits and _, starting with a letter or _' })
  @Omittable()
  variables?: string[];

  @StringField({ maxLength: MAX_TEMPLATE_CHARS, description: 'Grounding text given with the prompt; scanned for toxicity, PII and injection', optional: Omittable() })
  context?: string;

  @ApiPropertyOptional({ type: [PromptPolicyDto], maxItems: 10, description: 'Each policy at most once' })
  @IsArray()
  @ArrayMaxSize(10)
  @NestedObject(() => PromptPolicyDto, { each: true, optional: true })
  @Omittable()
  policies?: PromptPolicyDto[];

  @EnumField(DECLARED_RISK_LEVELS, { optional: Omittable() })
  declaredRiskLevel?: DeclaredRiskLevel;
}
