import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsMongoId } from 'class-validator';

import { absent, ApiSchemaRules, present } from '../../../common/openapi/api-schema-rules.decorator.js';
import { Int, Text } from '../../../common/validation/fields.js';
import { KEY_RULE, NAME_PATTERN, NAME_RULE, OBJECT_ID_PATTERN } from '../../../common/validation/patterns.js';
import { BACKTEST_RULES, ReturnPointDto } from '../../scenarios/dto/scenario-parts.dto.js';
import { HARD_MAX_SERIES_POINTS, IsMetricMap, IsReturnSeries, MAX_METRICS } from '../../validation/evaluation-validators.js';
import { NestedObject, Omittable } from '../../validation/field-presence.js';

/** A model version (modelName + version) or a lifecycle run (lifecycleRunId), with its backtest. */
@ApiSchemaRules({
  oneOf: [
    { allOf: [present('modelName', 'version'), absent('lifecycleRunId')] },
    { allOf: [present('lifecycleRunId'), absent('modelName'), absent('version')] },
  ],
  ...BACKTEST_RULES,
})
export class CandidateDto {
  @Text({ pattern: NAME_PATTERN, rule: NAME_RULE, example: 'kospi-momentum', description: 'With version: a registered model version, which receives the verdict', optional: Omittable() })
  modelName?: string;

  @Int({ minimum: 1, maximum: 1_000_000_000, example: 7, optional: Omittable() })
  version?: number;

  @ApiPropertyOptional({ pattern: OBJECT_ID_PATTERN.source, description: 'A lifecycle run, instead of a model version' })
  @IsMongoId({ message: 'lifecycleRunId must be a 24-character hexadecimal id' })
  @Omittable()
  lifecycleRunId?: string;

  @Text({ pattern: NAME_PATTERN, rule: NAME_RULE, example: 'momentum v7, 2015-2024 backtest', optional: Omittable() })
  label?: string;

  @ApiPropertyOptional({
    type: 'object',
    maxProperties: MAX_METRICS,
    additionalProperties: { type: 'number' },
    example: { turnover: 4.2 },
    description: `Backtest metrics; with returns, only metrics the harness does not compute. Keys are ${KEY_RULE}`,
  })
  @IsMetricMap(false)
  @Omittable()
  metrics?: Record<string, number>;

  @ApiPropertyOptional({
    type: [ReturnPointDto],
    minItems: 1,
    maxItems: HARD_MAX_SERIES_POINTS,
    description: 'Periodic simple returns, from which the harness computes the metrics; the configured EVALUATION_MAX_SERIES_POINTS applies',
  })
  @IsReturnSeries({ reference: false })
  @Omittable()
  returns?: ReturnPointDto[];
}

export class CreateRunRequestDto {
  @ApiProperty({ example: '665f1c2b9d1e8a0012345678', pattern: OBJECT_ID_PATTERN.source })
  @IsMongoId({ message: 'scenarioId must be a 24-character hexadecimal id' })
  scenarioId: string;

  @ApiProperty({ type: CandidateDto })
  @NestedObject(() => CandidateDto)
  @IsDefined()
  candidate: CandidateDto;
}
