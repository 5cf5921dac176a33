import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class RetrainRequestDto {
  @ApiProperty({ example: 'Quarterly refresh on the latest 18 months', minLength: 1, maxLength: 2000 })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

export class CancelRetrainingJobRequestDto {
  @ApiProperty({ example: 'Data feed under repair; retrain next week', minLength: 1, maxLength: 2000 })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}
