import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

import { PageQueryDto } from './page-query.dto.js';

/** Filters shared by the named catalogues (experiments, models): name prefix, tag and owner. */
export class CatalogQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 200, description: 'Only entries whose name starts with this text (matched as text, not as a pattern)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  namePrefix?: string;

  @ApiPropertyOptional({ maxLength: 100, description: 'Only entries carrying this tag' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  tag?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'Only entries with this owner' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  owner?: string;
}
