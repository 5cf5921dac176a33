import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

import { NON_FINITE_METRIC_VALUES, type MetricValueJson } from '../../runs/metrics/metric-value.js';
import { IsStringMap } from '../../runs/dto/string-map.validator.js';
import { PARAMS_RULE, URI_PATTERN } from '../../runs/dto/run-limits.js';
import { IsMetricValues, MAX_METRICS_PER_VERSION } from './record.validators.js';

/** Either `runId` (metrics, params and artifact URI are copied from the run) or `artifactUri` with `metrics`. */
export class CreateVersionRequestDto {
  @ApiPropertyOptional({ example: '665f1c2b9d1e8a00123456aa', description: 'A FINISHED run to snapshot; excludes metrics and params' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9a-fA-F]{24}$/, { message: 'runId must be a 24-character hexadecimal id' })
  runId?: string;

  @ApiPropertyOptional({
    example: 's3://ml-artifacts/kospi-momentum/v3/model.onnx',
    description: "Where the model's bytes are (a URI with a scheme). Required without runId; with runId it overrides the run's artifactUri",
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(URI_PATTERN, { message: 'artifactUri must be a URI with a scheme, such as s3://bucket/key' })
  artifactUri?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'number' }, { type: 'string', enum: [...NON_FINITE_METRIC_VALUES] }] },
    example: { sharpe: 1.42, max_drawdown: 0.18 },
    description: `Required without runId; at most ${MAX_METRICS_PER_VERSION}. NaN and ±Infinity as the strings "NaN", "Infinity", "-Infinity"`,
  })
  @IsOptional()
  @IsMetricValues()
  metrics?: Record<string, MetricValueJson>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, example: { lookback: '252' }, description: 'Only without runId' })
  @IsOptional()
  @IsStringMap(PARAMS_RULE)
  params?: Record<string, string>;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ type: [String], example: ['retrained'], maxItems: 50 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  tags?: string[];
}
