import { PartialType } from '@nestjs/swagger';

import { ApiSchemaRules, present } from '../../../common/openapi/api-schema-rules.decorator.js';

import { PromptVersionContentRequestDto } from './prompt-content.request.dto.js';

/**
 * Changes to a draft; fields left out keep their value, and none of them can be null. Giving `template`
 * turns a chat draft into a text one and giving `messages` the reverse.
 */
@ApiSchemaRules({ not: present('template', 'messages') })
export class EditPromptDraftRequestDto extends PartialType(PromptVersionContentRequestDto, { skipNullProperties: false }) {}
