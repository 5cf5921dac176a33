import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBooleanString, IsOptional, IsString, MaxLength } from 'class-validator';

import { PageQueryDto } from '../../../common/pagination/page-query.dto.js';

export class ListExperimentsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only experiments whose name starts with this text' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  namePrefix?: string;

  @ApiPropertyOptional({ description: 'Only experiments carrying this tag' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  tag?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  owner?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false', description: 'Include archived experiments' })
  @IsOptional()
  @IsBooleanString()
  includeArchived?: string;
}
