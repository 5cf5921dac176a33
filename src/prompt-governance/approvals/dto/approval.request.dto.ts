import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

import { Bool, Text } from '../../../common/validation/fields.js';
import { Omittable } from '../../shared/field-presence.js';

export class PromptTransitionRequestDto {
  @Text({ maxLength: 2000, example: 'Ready for review', optional: Omittable() })
  comment?: string;
}

export class ApprovePromptRequestDto extends PromptTransitionRequestDto {
  @Bool({ default: false, description: 'Required (true) to approve a version graded HIGH', optional: Omittable() })
  acknowledgeHighRisk?: boolean;
}

export class RejectPromptRequestDto {
  @ApiProperty({ example: 'The disclaimer is missing', minLength: 1, maxLength: 2000, description: 'Why the version is rejected (required)' })
  @IsString()
  @MinLength(1, { message: 'comment is required to reject a version' })
  @MaxLength(2000)
  comment: string;
}
