import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

import { NAME_PATTERN, NAME_RULE } from '../../../common/validation/patterns.js';

export class CreateExperimentRequestDto {
  @ApiProperty({ example: 'kospi-momentum', description: `Unique across the platform; ${NAME_RULE}` })
  @IsString()
  @Matches(NAME_PATTERN, { message: `name must be ${NAME_RULE}` })
  name: string;

  @ApiPropertyOptional({ example: 'Cross-sectional momentum on KOSPI 200', maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ type: [String], example: ['equities', 'momentum'], maxItems: 50 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ example: 'quant-research' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  owner?: string;
}
