import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';

export class UpdateChecklistItemRequestDto {
  @ApiProperty({ description: 'true checks the item, false unchecks it' })
  @IsBoolean()
  checked: boolean;

  @ApiPropertyOptional({ example: 'Signed off in the 2024-06 risk committee', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}
