import { Matches } from 'class-validator';

import { DECLARED_RISK_LEVELS, type DeclaredRiskLevel } from '../../../../libs/contracts/src/index.js';
import { absent, ApiSchemaRules, present } from '../../../common/openapi/api-schema-rules.decorator.js';
import { List, OneOf, Text } from '../../../common/validation/fields.js';
import { NestedObject, Omittable } from '../../shared/field-presence.js';
import { PromptChatMessageDto, MAX_MESSAGES, MAX_TEMPLATE_CHARS, MAX_VARIABLES, PromptPolicyDto } from '../../templates/dto/prompt-content.request.dto.js';
import { VARIABLE_NAME, VARIABLE_RULE } from '../../templates/prompt-content.js';
import { MAX_PROMPT_CHARS } from '../prompt-size.js';

/** Text or messages, exactly one (checked by PromptScreeningService). */
@ApiSchemaRules({ oneOf: [{ allOf: [present('text'), absent('messages')] }, { allOf: [present('messages'), absent('text')] }] })
export class EvaluatePromptRequestDto {
  @Text({ maxLength: MAX_TEMPLATE_CHARS, example: 'Recommend a fund for {{client_name}}. Guaranteed returns!', description: 'Text to evaluate (give this or messages)', optional: Omittable() })
  text?: string;

  @List(
    { type: [PromptChatMessageDto], minItems: 1, maxItems: MAX_MESSAGES, description: `Chat messages to evaluate (give this or text); together at most ${MAX_PROMPT_CHARS} characters`, optional: Omittable() },
    NestedObject(() => PromptChatMessageDto, { each: true, optional: true }),
  )
  messages?: PromptChatMessageDto[];

  @List({ type: [String], maxItems: MAX_VARIABLES, example: ['client_name', 'fund_factsheet'], pattern: VARIABLE_NAME.source, description: `Declared variable names (${VARIABLE_RULE}); a grounding variable lowers the hallucination risk`, optional: Omittable() }, Matches(VARIABLE_NAME, { each: true, message: 'each variable must be letters, digits and _, starting with a letter or _' }))
  variables?: string[];

  @Text({ maxLength: MAX_TEMPLATE_CHARS, description: 'Grounding text given with the prompt; scanned for toxicity, PII and injection', optional: Omittable() })
  context?: string;

  @List({ type: [PromptPolicyDto], maxItems: 10, description: 'Each policy at most once', optional: Omittable() }, NestedObject(() => PromptPolicyDto, { each: true, optional: true }))
  policies?: PromptPolicyDto[];

  @OneOf(DECLARED_RISK_LEVELS, { optional: Omittable() })
  declaredRiskLevel?: DeclaredRiskLevel;
}
