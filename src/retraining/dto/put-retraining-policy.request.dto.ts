import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

import { DRIFT_SEVERITIES, RETRAINING_QUEUE, RETRAINING_TRAINER_KINDS, type DriftSeverity, type RetrainingTrainerKind } from '../../../libs/contracts/src/index.js';
import { absent, ApiSchemaRules, present } from '../../common/openapi/api-schema-rules.decorator.js';
import { Bool, Int, OneOf, Text } from '../../common/validation/fields.js';
import { NAME_PATTERN, NAME_RULE } from '../../common/validation/patterns.js';
import { MAX_SETTINGS_BYTES, QUEUE_NAME_PATTERN, WEBHOOK_URL_PATTERN } from '../policies/trainer-spec.js';

/**
 * The fields of each kind, and only those (checked by resolveTrainerSpec, with what the schema cannot say:
 * the command is one this deployment configures, the URL's host is allowed, the settings fit).
 */
@ApiSchemaRules({
  oneOf: [
    { properties: { kind: { enum: ['command'] } }, allOf: [present('command'), absent('url'), absent('queue')] },
    { properties: { kind: { enum: ['webhook'] } }, allOf: [present('url'), absent('command'), absent('queue')] },
    { properties: { kind: { enum: ['external'] } }, allOf: [absent('command'), absent('url')] },
  ],
})
export class TrainerSpecRequestDto {
  @OneOf(RETRAINING_TRAINER_KINDS, {
    description: "command: a configured executable run by the platform worker; webhook: POSTed to a URL that reports back; external: left to another team's worker (libs/worker)",
  })
  kind: RetrainingTrainerKind;

  @Text({ optional: true, example: 'logistic-regression', maxLength: 64, description: 'command only: the name of a trainer configured in RETRAINING_COMMAND_TRAINERS' })
  command?: string;

  @ApiPropertyOptional({ maxLength: 2000, pattern: WEBHOOK_URL_PATTERN.source, description: 'webhook only: where the job is POSTed; its host must be allowed by RETRAINING_WEBHOOK_ALLOWED_HOSTS' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({
    pattern: QUEUE_NAME_PATTERN.source,
    not: { enum: [RETRAINING_QUEUE] },
    description: `external only: the queue the other team's workers consume (default retraining-external); not '${RETRAINING_QUEUE}', the platform worker's own`,
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  queue?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { epochs: 300, learningRate: 0.5 },
    description: `Handed to the trainer as is: at most ${MAX_SETTINGS_BYTES / 1024} KiB as JSON and 6 levels deep, keys neither empty nor starting with $ nor holding a dot`,
  })
  @IsOptional()
  @IsObject()
  settings?: Record<string, unknown>;

  @Int({ optional: true, example: 3600, minimum: 1, maximum: 7 * 86400, description: 'command: how long it may run; webhook and external: how long the platform waits for the result' })
  timeoutSeconds?: number;
}

export class PutRetrainingPolicyRequestDto {
  @Bool({ description: 'Whether drift events trigger retraining (a manual trigger always may)' })
  enabled: boolean;

  @OneOf(DRIFT_SEVERITIES, { example: 'HIGH', description: 'The lowest drift severity that triggers' })
  minSeverity: DriftSeverity;

  @Int({ example: 3600, minimum: 0, maximum: 365 * 86400, description: 'After a job, drift opens no new job for this long (events still attach to an open job)' })
  cooldownSeconds: number;

  @ApiProperty({ type: TrainerSpecRequestDto })
  @ValidateNested()
  @Type(() => TrainerSpecRequestDto)
  trainer: TrainerSpecRequestDto;

  @Text({
    optional: true,
    type: String,
    nullable: true,
    example: 'retraining:kospi-momentum',
    pattern: NAME_PATTERN,
    message: `experimentName must be ${NAME_RULE}`,
    description: `The experiment that receives the runs; default retraining:<model>. ${NAME_RULE}`,
  })
  experimentName?: string | null;
}
