import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';

import { CHAT_ROLES, PROMPT_POLICY_IDS, type ChatRole, type PromptPolicyId } from '../../../../libs/contracts/src/index.js';
import { absent, ApiSchemaRules, present } from '../../../common/openapi/api-schema-rules.decorator.js';
import { Bool, Int, List, Num, OneOf, Text } from '../../../common/validation/fields.js';
import type { PolicyRef } from '../../screening/finding.js';
import { MAX_PROMPT_CHARS } from '../../screening/prompt-size.js';
import { NestedObject, Omittable } from '../../shared/field-presence.js';
import { VARIABLE_NAME, VARIABLE_RULE } from '../prompt-content.js';
import type { PromptContent } from '../prompt-template.js';

export const MAX_TEMPLATE_CHARS = 100_000;
export const MAX_MESSAGES = 200;
export const MAX_VARIABLES = 100;

export class PromptVariableDto {
  @Text({ pattern: VARIABLE_NAME, rule: VARIABLE_RULE, example: 'client_name', description: `${VARIABLE_RULE}; declared once in a version` })
  name: string;

  @Bool({ default: true, optional: Omittable() })
  required?: boolean;

  @Text({ maxLength: 500, optional: Omittable() })
  description?: string;
}

export class PromptChatMessageDto {
  @OneOf(CHAT_ROLES)
  role: ChatRole;

  @Text({ maxLength: MAX_TEMPLATE_CHARS, example: 'You answer questions about {{fund_name}}.' })
  content: string;
}

export class PromptModelSettingsDto {
  @Text({ minLength: 1, maxLength: 200, example: 'gpt-4o-mini' })
  model: string;

  @Num({ minimum: 0, maximum: 2, example: 0.2, nullable: true, description: 'Null or left out: the model’s default', optional: IsOptional() })
  temperature?: number | null;

  @Int({ minimum: 1, maximum: 1_000_000, example: 800, nullable: true, description: 'Null or left out: the model’s default', optional: IsOptional() })
  maxTokens?: number | null;
}

/** maxChars goes with max-length (required there), disclaimer with financial-advice-disclaimer (checked by checkPolicies). */
@ApiSchemaRules({
  allOf: [
    {
      anyOf: [
        { properties: { id: { enum: ['max-length'] } }, ...present('maxChars') },
        { properties: { id: { not: { enum: ['max-length'] } } }, ...absent('maxChars') },
      ],
    },
    { anyOf: [{ properties: { id: { enum: ['financial-advice-disclaimer'] } } }, absent('disclaimer')] },
  ],
})
export class PromptPolicyDto implements PolicyRef {
  @OneOf(PROMPT_POLICY_IDS)
  id: PromptPolicyId;

  @ApiPropertyOptional({ type: 'integer', description: 'Required by max-length: the largest number of characters allowed', minimum: 1, maximum: 10_000_000 })
  @ValidateIf((o: PromptPolicyDto) => o.id === 'max-length' || o.maxChars !== undefined)
  @IsInt({ message: 'maxChars must be an integer (required by the max-length policy)' })
  @Min(1)
  @Max(10_000_000)
  maxChars?: number;

  @Text({ minLength: 3, maxLength: 1000, description: 'For financial-advice-disclaimer: the exact disclaimer required instead of the default phrases', optional: Omittable() })
  disclaimer?: string;
}

/** Exactly one of a text template or chat messages (checkContent). */
export const TEMPLATE_OR_MESSAGES = [
  { allOf: [present('template'), absent('messages')] },
  { allOf: [present('messages'), absent('template')] },
];

/** The content of a version: a text template or chat messages, its variables, model settings and commit message. */
@ApiSchemaRules({ oneOf: TEMPLATE_OR_MESSAGES })
export class PromptVersionContentRequestDto {
  @Text({ maxLength: MAX_TEMPLATE_CHARS, example: 'Summarise {{document}} for {{client_name}}.', description: 'A text template (give this or messages)', optional: Omittable() })
  template?: string;

  @List(
    { type: [PromptChatMessageDto], minItems: 1, maxItems: MAX_MESSAGES, description: `Chat messages (give this or template); together at most ${MAX_PROMPT_CHARS} characters`, optional: Omittable() },
    NestedObject(() => PromptChatMessageDto, { each: true, optional: true }),
  )
  messages?: PromptChatMessageDto[];

  @List({ type: [PromptVariableDto], maxItems: MAX_VARIABLES, description: 'Every placeholder must be declared, once, and every declared variable used', optional: Omittable() }, NestedObject(() => PromptVariableDto, { each: true, optional: true }))
  variables?: PromptVariableDto[];

  @ApiProperty({ type: PromptModelSettingsDto })
  @NestedObject(() => PromptModelSettingsDto)
  modelSettings: PromptModelSettingsDto;

  @Text({ maxLength: 2000, example: 'Add the disclaimer', optional: Omittable() })
  commitMessage?: string;
}

/** The domain content of a request: optional members take their defaults. */
export function toPromptContent(dto: PromptVersionContentRequestDto): PromptContent {
  return {
    template: dto.template ?? null,
    messages: dto.messages ? dto.messages.map((m) => ({ role: m.role, content: m.content })) : null,
    variables: (dto.variables ?? []).map((v) => ({ name: v.name, required: v.required ?? true, description: v.description ?? '' })),
    modelSettings: { model: dto.modelSettings.model, temperature: dto.modelSettings.temperature ?? null, maxTokens: dto.modelSettings.maxTokens ?? null },
  };
}
