import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength, MinLength } from 'class-validator';

import { Omittable } from '../../shared/field-presence.js';

export class PromptTransitionRequestDto {
  @ApiPropertyOptional({ example: 'Ready for review', maxLength: 2000 })
  @IsString()
  @MaxLength(2000)
  @Omittable()
  comment?: string;
}

export class ApprovePromptRequestDto extends PromptTransitionRequestDto {
  @ApiPropertyOptional({ default: false, description: 'Required (true) to approve a version graded HIGH' })
  @IsBoolean()
  @Omittable()
  acknowledgeHighRisk?: boolean;
}

export class RejectPromptRequestDto {
  @ApiProperty({ example: 'The disclaimer is missing', minLength: 1, maxLength: 2000, description: 'Why the version is rejected (required)' })
  @IsString()
  @MinLength(1, { message: 'comment is required to reject a version' })
  @MaxLength(2000)
  comment: string;
}
