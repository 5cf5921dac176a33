import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

import { ROLES, type Role } from '../../../common/auth/principal.js';
import { NAME_PATTERN, NAME_RULE } from '../../../common/validation/patterns.js';

const SERVICE_NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/;
const QUEUE_NAME = /^[A-Za-z0-9_-]{1,64}$/;

export class CreateApiKeyRequestDto {
  @ApiProperty({ example: 'ci-pipeline', description: 'What the key is for' })
  @IsString() @MinLength(1) @MaxLength(200) @Matches(NAME_PATTERN, { message: `name must be ${NAME_RULE}` })
  name: string;

  @ApiPropertyOptional({
    example: 'risk-training',
    description: 'The service the key belongs to (service:<name>). Without it the key belongs to you and may hold only roles you hold.',
  })
  @IsOptional() @IsString() @Matches(SERVICE_NAME, { message: 'service must be 1-100 lowercase letters, digits, . _ or -, starting with a letter or digit' })
  service?: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['editor'], description: 'A service never holds approver; trainer is for services only' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(ROLES.length) @IsIn(ROLES, { each: true })
  roles: Role[];

  @ApiPropertyOptional({ type: [String], example: ['risk-models'], description: 'Trainer keys: the external retraining queues whose jobs the key may claim' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @Matches(QUEUE_NAME, { each: true, message: 'each trainer queue must be 1-64 letters, digits, _ or -' })
  trainerQueues?: string[];

  @ApiPropertyOptional({ format: 'date-time', description: 'When the key stops working; none means until revoked' })
  @IsOptional() @IsISO8601({ strict: true }, { message: 'expiresAt must be an ISO-8601 date-time' })
  expiresAt?: string;
}
