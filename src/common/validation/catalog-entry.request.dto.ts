import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';

/** Description, tags and owner, as every named catalogue entry (experiment, model) takes them. */
export class CatalogEntryRequestDto {
  @ApiPropertyOptional({ example: 'Cross-sectional momentum on KOSPI 200', maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ type: [String], example: ['equities', 'momentum'], maxItems: 50, maxLength: 100 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ example: 'quant-research', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  owner?: string;
}
