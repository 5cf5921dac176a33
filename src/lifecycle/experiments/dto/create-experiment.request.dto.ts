import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

import { CatalogEntryRequestDto } from '../../../common/validation/catalog-entry.request.dto.js';
import { NAME_PATTERN, NAME_RULE } from '../../../common/validation/patterns.js';

export class CreateExperimentRequestDto extends CatalogEntryRequestDto {
  @ApiProperty({ example: 'kospi-momentum', pattern: NAME_PATTERN.source, description: `Unique across the platform; ${NAME_RULE}` })
  @IsString()
  @Matches(NAME_PATTERN, { message: `name must be ${NAME_RULE}` })
  name: string;
}
