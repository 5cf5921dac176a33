import { PartialType } from '@nestjs/swagger';

import { CatalogEntryRequestDto } from '../../../common/validation/catalog-entry.request.dto.js';
import { Text } from '../../../common/validation/fields.js';
import { NAME_PATTERN, NAME_RULE } from '../../../common/validation/patterns.js';

export class CreateExperimentRequestDto extends CatalogEntryRequestDto {
  @Text({ example: 'kospi-momentum', pattern: NAME_PATTERN, message: `name must be ${NAME_RULE}`, description: `Unique across the platform; ${NAME_RULE}` })
  name: string;
}

export class UpdateExperimentRequestDto extends PartialType(CreateExperimentRequestDto) {}
