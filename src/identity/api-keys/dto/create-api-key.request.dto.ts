import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, Matches } from 'class-validator';

import { PERSON_ONLY_ROLES, ROLES, SERVICE_ONLY_ROLES, type Role } from '../../../common/auth/principal.js';
import { absent, ApiSchemaRules, containing, present } from '../../../common/openapi/api-schema-rules.decorator.js';
import { DateTime, Text } from '../../../common/validation/fields.js';
import { NAME_PATTERN, NAME_RULE } from '../../../common/validation/patterns.js';

const SERVICE_NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/;
const QUEUE_NAME = /^[A-Za-z0-9_-]{1,64}$/;

const rolesWithout = (excluded: readonly Role[]) => ({ properties: { roles: { items: { not: { enum: excluded } } } } });

/**
 * Checked by ApiKeysService: a key without a service is the caller's own and never holds a service-only
 * role (trainer); a service's key never holds a person-only role (approver); a trainer key, and only one,
 * names the queues it claims from.
 */
@ApiSchemaRules({
  allOf: [
    { anyOf: [present('service'), rolesWithout(SERVICE_ONLY_ROLES)] },
    { anyOf: [absent('service'), rolesWithout(PERSON_ONLY_ROLES)] },
    {
      oneOf: [
        { required: ['trainerQueues'], properties: { roles: containing({ enum: ['trainer'] }), trainerQueues: { minItems: 1 } } },
        { ...rolesWithout(['trainer']), anyOf: [absent('trainerQueues'), { properties: { trainerQueues: { maxItems: 0 } } }] },
      ],
    },
  ],
})
export class CreateApiKeyRequestDto {
  @Text({ example: 'ci-pipeline', pattern: NAME_PATTERN, message: `name must be ${NAME_RULE}`, description: `What the key is for; ${NAME_RULE}` })
  name: string;

  @Text({
    optional: true,
    example: 'risk-training',
    pattern: SERVICE_NAME,
    message: 'service must be 1-100 lowercase letters, digits, . _ or -, starting with a letter or digit',
    description: 'The service the key belongs to (service:<name>). Without it the key belongs to you and may hold only roles you hold.',
  })
  service?: string;

  @ApiProperty({ enum: ROLES, isArray: true, minItems: 1, maxItems: ROLES.length, example: ['editor'], description: 'A service never holds approver; trainer is for services only' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(ROLES.length) @IsIn(ROLES, { each: true })
  roles: Role[];

  @ApiPropertyOptional({ type: [String], maxItems: 20, pattern: QUEUE_NAME.source, example: ['risk-models'], description: 'Trainer keys (and only they): the external retraining queues whose jobs the key may claim' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @Matches(QUEUE_NAME, { each: true, message: 'each trainer queue must be 1-64 letters, digits, _ or -' })
  trainerQueues?: string[];

  @DateTime({ optional: true, description: 'When the key stops working, in the future; none means until revoked' })
  expiresAt?: string;
}
