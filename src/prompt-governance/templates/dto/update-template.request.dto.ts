import { OmitType, PartialType } from '@nestjs/swagger';

import { CreateTemplateRequestDto } from './create-template.request.dto.js';

/** Metadata and policies; the name and the versions are not changed here. Every change is audited. */
export class UpdateTemplateRequestDto extends PartialType(OmitType(CreateTemplateRequestDto, ['name', 'firstVersion'] as const)) {}
