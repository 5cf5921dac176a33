import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNumber, IsOptional, IsPositive, ValidateNested } from 'class-validator';

import { DRIFT_SEVERITIES, DRIFT_STATISTICS, type DriftSeverity, type DriftStatistic } from '../../../../libs/contracts/src/index.js';
import { ApiSchemaRules, present } from '../../../common/openapi/api-schema-rules.decorator.js';
import { DateTime, Int, OneOf, Text, Texts } from '../../../common/validation/fields.js';
import { NAME_PATTERN, NAME_RULE } from '../../../common/validation/patterns.js';
import { DEFAULT_THRESHOLDS, type DriftDirection } from '../drift-severity.js';

const FINITE = { allowNaN: false, allowInfinity: false };

/** Ordered in the direction of worse drift (medium, then high, then critical): a rule between values, checked by DriftEventsService (422). */
export class SeverityBandsDto {
  @ApiProperty({ example: 0.1, description: 'Value at which drift becomes MEDIUM' })
  @IsNumber(FINITE)
  medium: number;

  @ApiProperty({ example: 0.2, description: 'Value at which drift becomes HIGH' })
  @IsNumber(FINITE)
  high: number;

  @ApiProperty({ example: 0.3, description: 'Value at which drift becomes CRITICAL' })
  @IsNumber(FINITE)
  critical: number;
}

/**
 * Checked by DriftEventsService: a CUSTOM statistic is named; a statistic without a conventional threshold
 * (WASSERSTEIN, CUSTOM) comes with a threshold or bands.
 */
@ApiSchemaRules({
  allOf: [
    { anyOf: [{ properties: { statistic: { not: { enum: ['CUSTOM'] } } } }, { required: ['statisticName'], properties: { statisticName: { minLength: 1 } } }] },
    { anyOf: [{ properties: { statistic: { enum: Object.keys(DEFAULT_THRESHOLDS) } } }, present('threshold'), present('bands')] },
  ],
})
export class RecordDriftEventRequestDto {
  @Text({ example: 'kospi-momentum', pattern: NAME_PATTERN, message: `modelName must be ${NAME_RULE}`, description: 'Name of a registered model' })
  modelName: string;

  @Int({ optional: true, minimum: 1, example: 3, description: 'Version of the model the observation concerns' })
  modelVersion?: number;

  @Texts({ minItems: 1, maxItems: 500, maxLength: 200, example: ['volume_zscore', 'sector_beta'], description: 'Feature or features that drifted' })
  features: string[];

  @OneOf(DRIFT_STATISTICS, { example: 'PSI' })
  statistic: DriftStatistic;

  @Text({ optional: true, example: 'hellinger', maxLength: 100, description: 'Required (not empty) when statistic is CUSTOM' })
  statisticName?: string;

  @ApiProperty({ example: 0.27, description: 'Observed value of the statistic (finite)' })
  @IsNumber(FINITE)
  value: number;

  @ApiPropertyOptional({
    example: 0.1,
    minimum: 0,
    exclusiveMinimum: true,
    description: 'Alert threshold; defaults to the convention for PSI, KS and JS_DIVERGENCE (0.1); required for WASSERSTEIN and CUSTOM unless bands are given',
  })
  @IsOptional()
  @IsNumber(FINITE)
  @IsPositive()
  threshold?: number;

  @OneOf(['HIGHER_IS_WORSE', 'LOWER_IS_WORSE'], { optional: true, default: 'HIGHER_IS_WORSE', description: 'LOWER_IS_WORSE for p-values' })
  direction?: DriftDirection;

  @ApiPropertyOptional({ type: SeverityBandsDto, description: 'Explicit severity lines; default 1x, 2x and 3x the threshold' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SeverityBandsDto)
  bands?: SeverityBandsDto;

  @OneOf(DRIFT_SEVERITIES, { optional: true, description: 'Given severity; derived from value and bands when absent' })
  severity?: DriftSeverity;

  @DateTime({ optional: true, example: '2026-11-24T21:00:00Z', description: 'When the drift was detected; defaults to now' })
  detectedAt?: string;

  @Text({ optional: true, example: 'Retrain on the last 18 months; review sector exposure', maxLength: 5000 })
  responsePlan?: string;
}
