import { OmitType, PartialType } from '@nestjs/swagger';

import { CreatePromptTemplateRequestDto } from './create-template.request.dto.js';

/**
 * Metadata and policies; the name and the versions are not changed here. Every change is audited. A field
 * left out keeps its value; none of them can be null.
 */
export class UpdatePromptTemplateRequestDto extends PartialType(OmitType(CreatePromptTemplateRequestDto, ['name', 'firstVersion'] as const), { skipNullProperties: false }) {}
