import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** The list is parsed and checked by the service so that every rule (count, repeats, baseline) gets its own message. */
export class CompareVersionsQueryDto {
  @ApiProperty({ example: '1,2,3', description: '2 to 20 distinct version numbers, comma-separated' })
  @IsString()
  @MaxLength(300)
  versions: string;

  @ApiPropertyOptional({ example: '1', description: 'The version the others are measured against; one of `versions`, the first by default' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  baseline?: string;
}
