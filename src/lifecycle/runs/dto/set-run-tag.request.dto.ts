import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

import { TAG_VALUE_MAX_LENGTH } from './run-limits.js';

export class SetTrackedRunTagRequestDto {
  @ApiProperty({ example: 'alpha', maxLength: TAG_VALUE_MAX_LENGTH })
  @IsString()
  @MaxLength(TAG_VALUE_MAX_LENGTH)
  value: string;
}
