import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

import { PageQueryDto } from '../../../common/pagination/page-query.dto.js';

export class ListModelsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only models whose name starts with this text' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  namePrefix?: string;

  @ApiPropertyOptional({ description: 'Only models carrying this tag' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  tag?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  owner?: string;
}
