import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

import { PageQueryDto } from '../../../common/pagination/page-query.dto.js';

export class ListApiKeysQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 300, description: 'Only keys of this owner (stable id)', example: 'service:ci' })
  @IsOptional() @IsString() @MaxLength(300)
  ownerId?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false', description: 'Include revoked keys' })
  @IsOptional() @IsIn(['true', 'false'])
  includeRevoked?: 'true' | 'false';
}
