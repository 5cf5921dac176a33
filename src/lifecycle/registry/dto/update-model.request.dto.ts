import { OmitType, PartialType } from '@nestjs/swagger';

import { CreateModelRequestDto } from './create-model.request.dto.js';

/** Everything but the name, which versions and paths refer to. A new default checklist applies to versions created afterwards. */
export class UpdateModelRequestDto extends PartialType(OmitType(CreateModelRequestDto, ['name'] as const)) {}
