import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';

export class UpdateDriftEventRequestDto {
  @ApiProperty({ enum: ['ACKNOWLEDGED', 'RESOLVED'], description: 'OPEN → ACKNOWLEDGED → RESOLVED, or OPEN → RESOLVED' })
  @IsIn(['ACKNOWLEDGED', 'RESOLVED'])
  status: 'ACKNOWLEDGED' | 'RESOLVED';

  @ApiProperty({ example: 'Retrained as version 4; PSI back under 0.05', minLength: 1, maxLength: 5000 })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  note: string;
}
