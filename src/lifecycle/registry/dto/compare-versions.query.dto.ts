import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

import { MAX_COMPARED_VERSIONS, MIN_COMPARED_VERSIONS, VERSION_LIST_PATTERN, VERSION_NUMBER_PATTERN } from '../comparison/compare-request.js';

/** The list is parsed and checked by the service so that every rule (count, repeats, baseline) gets its own message. */
export class CompareVersionsQueryDto {
  @ApiProperty({ example: '1,2,3', pattern: VERSION_LIST_PATTERN.source, maxLength: 300, description: `${MIN_COMPARED_VERSIONS} to ${MAX_COMPARED_VERSIONS} distinct version numbers, comma-separated` })
  @IsString()
  @MaxLength(300)
  versions: string;

  @ApiPropertyOptional({ example: '1', pattern: VERSION_NUMBER_PATTERN.source, description: 'The version the others are measured against; one of `versions`, the first by default' })
  @IsOptional()
  @IsString()
  baseline?: string;
}
