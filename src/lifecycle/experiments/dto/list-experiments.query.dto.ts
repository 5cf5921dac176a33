import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

import { CatalogQueryDto } from '../../../common/pagination/catalog-query.dto.js';

export class ListExperimentsQueryDto extends CatalogQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false', description: 'Include archived experiments' })
  @IsOptional()
  @IsIn(['true', 'false'])
  includeArchived?: string;
}
