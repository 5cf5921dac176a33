import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export class PromptDiffQueryDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 999_999_999, example: 1, description: 'The older version' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(999_999_999)
  from: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 999_999_999, example: 3, description: 'The newer version' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(999_999_999)
  to: number;
}
