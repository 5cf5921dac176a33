import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

import { absent, ApiSchemaRules, present } from '../../../common/openapi/api-schema-rules.decorator.js';
import { KEY_RULE, OBJECT_ID_PATTERN } from '../../../common/validation/patterns.js';
import { NON_FINITE_METRIC_VALUES, type MetricValueJson } from '../../runs/metrics/metric-value.js';
import { IsStringMap } from '../../runs/dto/string-map.validator.js';
import { PARAM_VALUE_MAX_LENGTH, PARAMS_RULE, URI_PATTERN } from '../../runs/dto/run-limits.js';
import { IsMetricValues, MAX_METRICS_PER_VERSION } from './record.validators.js';

/** Either `runId` (metrics, params and artifact URI are copied from the run) or `artifactUri` with `metrics` (checked by ModelVersionsService). */
@ApiSchemaRules({
  oneOf: [
    { allOf: [present('runId'), absent('metrics'), absent('params')] },
    { allOf: [absent('runId'), present('artifactUri', 'metrics')] },
  ],
})
export class CreateVersionRequestDto {
  @ApiPropertyOptional({ pattern: OBJECT_ID_PATTERN.source, description: 'A FINISHED run to snapshot; excludes metrics and params' })
  @IsOptional()
  @IsString()
  @Matches(OBJECT_ID_PATTERN, { message: 'runId must be a 24-character hexadecimal id' })
  runId?: string;

  @ApiPropertyOptional({
    example: 's3://ml-artifacts/kospi-momentum/v3/model.onnx',
    maxLength: 2000,
    pattern: URI_PATTERN.source,
    description: "Where the model's bytes are (a URI with a scheme). Required without runId; with runId it overrides the run's artifactUri",
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(URI_PATTERN, { message: 'artifactUri must be a URI with a scheme, such as s3://bucket/key' })
  artifactUri?: string;

  @ApiPropertyOptional({
    type: 'object',
    maxProperties: MAX_METRICS_PER_VERSION,
    additionalProperties: { oneOf: [{ type: 'number' }, { type: 'string', enum: [...NON_FINITE_METRIC_VALUES] }] },
    example: { sharpe: 1.42, max_drawdown: 0.18 },
    description: `Required without runId; at most ${MAX_METRICS_PER_VERSION}, keys ${KEY_RULE}. NaN and ±Infinity as the strings "NaN", "Infinity", "-Infinity"`,
  })
  @IsOptional()
  @IsMetricValues()
  metrics?: Record<string, MetricValueJson>;

  @ApiPropertyOptional({
    type: 'object',
    maxProperties: PARAMS_RULE.maxEntries,
    additionalProperties: { type: 'string', maxLength: PARAM_VALUE_MAX_LENGTH },
    example: { lookback: '252' },
    description: `Only without runId; keys ${KEY_RULE}`,
  })
  @IsOptional()
  @IsStringMap(PARAMS_RULE)
  params?: Record<string, string>;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ type: [String], example: ['retrained'], maxItems: 50, maxLength: 100 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  tags?: string[];
}
