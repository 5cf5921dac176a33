import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';

import { MODEL_STAGES, type ModelStage } from '../../../../libs/contracts/src/index.js';
import { absent, ApiSchemaRules, present } from '../../../common/openapi/api-schema-rules.decorator.js';
import { Bool, OneOf, Text, Texts } from '../../../common/validation/fields.js';
import { KEY_RULE, OBJECT_ID_PATTERN } from '../../../common/validation/patterns.js';
import { METRIC_VALUE_SCHEMA } from '../../runs/dto/run.response.dto.js';
import { PARAMS_RULE, URI_PATTERN } from '../../runs/dto/run-limits.js';
import { StringMap } from '../../../common/validation/string-map.validator.js';
import type { MetricValueJson } from '../../runs/metrics/metric-value.js';
import { IsMetricValues, MAX_METRICS_PER_VERSION } from './record.validators.js';

/** Either `runId` (metrics, params and artifact URI are copied from the run) or `artifactUri` with `metrics` (checked by ModelVersionsService). */
@ApiSchemaRules({
  oneOf: [
    { allOf: [present('runId'), absent('metrics'), absent('params')] },
    { allOf: [absent('runId'), present('artifactUri', 'metrics')] },
  ],
})
export class CreateVersionRequestDto {
  @Text({ optional: true, pattern: OBJECT_ID_PATTERN, message: 'runId must be a 24-character hexadecimal id', description: 'A FINISHED run to snapshot; excludes metrics and params' })
  runId?: string;

  @Text({
    optional: true,
    example: 's3://ml-artifacts/kospi-momentum/v3/model.onnx',
    maxLength: 2000,
    pattern: URI_PATTERN,
    message: 'artifactUri must be a URI with a scheme, such as s3://bucket/key',
    description: "Where the model's bytes are (a URI with a scheme). Required without runId; with runId it overrides the run's artifactUri",
  })
  artifactUri?: string;

  @ApiPropertyOptional({
    type: 'object',
    maxProperties: MAX_METRICS_PER_VERSION,
    additionalProperties: METRIC_VALUE_SCHEMA,
    example: { sharpe: 1.42, max_drawdown: 0.18 },
    description: `Required without runId; at most ${MAX_METRICS_PER_VERSION}, keys ${KEY_RULE}. NaN and ±Infinity as the strings "NaN", "Infinity", "-Infinity"`,
  })
  @IsOptional()
  @IsMetricValues()
  metrics?: Record<string, MetricValueJson>;

  @StringMap(PARAMS_RULE, { optional: true, example: { lookback: '252' }, description: `Only without runId; keys ${KEY_RULE}` })
  params?: Record<string, string>;

  @Text({ optional: true, maxLength: 5000 })
  description?: string;

  @Texts({ optional: true, example: ['retrained'], maxItems: 50, maxLength: 100 })
  tags?: string[];
}

export class ChangeStageRequestDto {
  @OneOf(MODEL_STAGES, { example: 'STAGING' })
  stage: ModelStage;

  @Text({ optional: true, example: 'Backtest 2015-2024 reviewed by the risk committee', maxLength: 2000 })
  comment?: string;
}

export class UpdateChecklistItemRequestDto {
  @Bool({ description: 'true checks the item, false unchecks it' })
  checked: boolean;

  @Text({ optional: true, example: 'Signed off in the 2024-06 risk committee', maxLength: 2000 })
  comment?: string;
}
