import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayUnique, IsNumber, IsOptional, IsString, Matches } from 'class-validator';

import { EXPLAINABILITY_TYPES, type ExplainabilityType } from '../../../../libs/contracts/src/index.js';
import { absent, ApiSchemaRules, present } from '../../../common/openapi/api-schema-rules.decorator.js';
import { List, Num, OneOf, Text } from '../../../common/validation/fields.js';
import { NAME_PATTERN, NAME_RULE } from '../../../common/validation/patterns.js';
import { IsFiniteMatrix } from '../../validation/evaluation-validators.js';
import { NestedObject, Omittable } from '../../validation/field-presence.js';

const FINITE = { allowNaN: false, allowInfinity: false };
export const MAX_FEATURES = 1000;
export const MAX_SHAP_ROWS = 10_000;
export const MAX_CURVES = 100;
export const MAX_GRID = 1000;

export class FeatureImportanceDto {
  @Text({ pattern: NAME_PATTERN, rule: NAME_RULE, example: 'momentum_12m', description: NAME_RULE })
  feature: string;

  @Num({ example: 0.31, description: 'Any finite number; shares are taken on absolute values' })
  importance: number;
}

export class ShapValuesDto {
  @List({ type: [String], minItems: 1, maxItems: MAX_FEATURES, example: ['momentum_12m', 'value_bm'], uniqueItems: true, pattern: NAME_PATTERN.source, description: `Unique feature names, at most ${MAX_FEATURES}` }, ArrayUnique({ message: 'features must name each feature once' }), IsString({ each: true }), Matches(NAME_PATTERN, { each: true, message: `each feature must be ${NAME_RULE}` }))
  features: string[];

  @ApiProperty({
    type: 'array',
    minItems: 1,
    maxItems: MAX_SHAP_ROWS,
    items: { type: 'array', minItems: 1, items: { type: 'number' } },
    example: [[0.01, -0.02], [0.03, 0.0]],
    description: `One row per explained sample, one finite value per feature (as many as features, in every row); at most ${MAX_SHAP_ROWS} rows and 500,000 cells`,
  })
  @IsFiniteMatrix(MAX_SHAP_ROWS)
  values: number[][];

  @Num({ nullable: true, example: 0.0004, description: "The model's expected output the SHAP values add up from; null or left out when unknown", optional: IsOptional() })
  baseValue?: number | null;
}

export class PartialDependenceCurveDto {
  @Text({ pattern: NAME_PATTERN, rule: NAME_RULE, example: 'momentum_12m' })
  feature: string;

  @List({ type: [Number], minItems: 2, maxItems: MAX_GRID, example: [-0.2, 0, 0.2], description: `Feature values, 2 to ${MAX_GRID}` }, IsNumber(FINITE, { each: true }))
  grid: number[];

  @List({ type: [Number], minItems: 2, maxItems: MAX_GRID, example: [-0.001, 0.0002, 0.0011], description: 'Average prediction at each grid value (same length as grid)' }, IsNumber(FINITE, { each: true }))
  values: number[];
}

/** The payload that goes with each type; the others are absent (checked by validateArtifact). */
const PAYLOADS: [ExplainabilityType, string][] = [
  ['FEATURE_IMPORTANCE', 'featureImportance'],
  ['SHAP_VALUES', 'shap'],
  ['PARTIAL_DEPENDENCE', 'partialDependence'],
];

/** Exactly the payload that matches `type`: featureImportance, shap or partialDependence. */
@ApiSchemaRules({
  oneOf: PAYLOADS.map(([type, field]) => ({
    properties: { type: { enum: [type] } },
    allOf: [present(field), ...PAYLOADS.filter(([, other]) => other !== field).map(([, other]) => absent(other))],
  })),
})
export class CreateExplainabilityArtifactRequestDto {
  @OneOf(EXPLAINABILITY_TYPES)
  type: ExplainabilityType;

  @Text({ pattern: NAME_PATTERN, rule: NAME_RULE, example: 'permutation importance, test window', optional: Omittable() })
  name?: string;

  @Text({ maxLength: 2000, optional: Omittable() })
  description?: string;

  @List({ type: [FeatureImportanceDto], minItems: 1, maxItems: MAX_FEATURES, description: `For FEATURE_IMPORTANCE: unique features, at most ${MAX_FEATURES}`, optional: Omittable() }, NestedObject(() => FeatureImportanceDto, { each: true }))
  featureImportance?: FeatureImportanceDto[];

  @ApiPropertyOptional({ type: ShapValuesDto, description: 'For SHAP_VALUES' })
  @NestedObject(() => ShapValuesDto)
  @Omittable()
  shap?: ShapValuesDto;

  @List({ type: [PartialDependenceCurveDto], minItems: 1, maxItems: MAX_CURVES, description: `For PARTIAL_DEPENDENCE: one curve per feature, at most ${MAX_CURVES}`, optional: Omittable() }, NestedObject(() => PartialDependenceCurveDto, { each: true }))
  partialDependence?: PartialDependenceCurveDto[];
}
