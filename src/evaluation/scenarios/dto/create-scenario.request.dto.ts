import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsOptional } from 'class-validator';

import { RETURN_FREQUENCIES, type ReturnFrequency } from '../../../../libs/contracts/src/index.js';
import { absent, ApiSchemaRules, present } from '../../../common/openapi/api-schema-rules.decorator.js';
import { List, Num, OneOf, Text } from '../../../common/validation/fields.js';
import { NAME_PATTERN, NAME_RULE } from '../../../common/validation/patterns.js';
import { NestedObject, Omittable } from '../../validation/field-presence.js';
import { BaselineDto, BenchmarkDto, ComplianceRulesDto, MetricThresholdDto, PeriodDto, StressEventDto } from './scenario-parts.dto.js';

/** A threshold inside a stress event that is relative to the baseline needs the baseline's returns, to compute it over the window. */
export const RELATIVE_STRESS_THRESHOLDS_NEED_RETURNS = [
  { properties: { baseline: present('returns') } },
  { properties: { stressEvents: { items: { properties: { thresholds: { items: absent('baseline') } } } } } },
];

/** Left out, a field takes its default; null is accepted only where it means something (no model, rate, period or benchmark). */
@ApiSchemaRules({ anyOf: RELATIVE_STRESS_THRESHOLDS_NEED_RETURNS })
export class CreateScenarioRequestDto {
  @Text({ pattern: NAME_PATTERN, rule: NAME_RULE, example: 'kospi-momentum-2015-2024', description: `Unique; ${NAME_RULE}` })
  name: string;

  @Text({ maxLength: 5000, optional: Omittable() })
  description?: string;

  @Text({ pattern: NAME_PATTERN, rule: NAME_RULE, nullable: true, example: 'kospi-momentum', description: 'The registered model the scenario belongs to: each new version of it is evaluated here', optional: IsOptional() })
  modelName?: string | null;

  @OneOf(RETURN_FREQUENCIES, { default: 'DAILY', description: 'Frequency of every return series: 252, 52 or 12 periods a year', optional: Omittable() })
  frequency?: ReturnFrequency;

  @Num({ minimum: -0.05, maximum: 0.5, nullable: true, example: 0.03, description: 'Annual risk-free rate; null or left out: EVALUATION_RISK_FREE_RATE', optional: IsOptional() })
  riskFreeRate?: number | null;

  @ApiPropertyOptional({ type: PeriodDto, nullable: true, description: "Candidate dates must fall inside it; default the baseline's dates. Null or left out: none" })
  @IsOptional()
  @NestedObject(() => PeriodDto)
  period?: PeriodDto | null;

  @ApiProperty({ type: BaselineDto })
  @NestedObject(() => BaselineDto)
  @IsDefined()
  baseline: BaselineDto;

  @ApiPropertyOptional({ type: BenchmarkDto, nullable: true })
  @IsOptional()
  @NestedObject(() => BenchmarkDto)
  benchmark?: BenchmarkDto | null;

  @List({ type: [StressEventDto], maxItems: 50, description: 'Each with its own name', optional: Omittable() }, NestedObject(() => StressEventDto, { each: true }))
  stressEvents?: StressEventDto[];

  @List({ type: [MetricThresholdDto], maxItems: 100, optional: Omittable() }, NestedObject(() => MetricThresholdDto, { each: true }))
  thresholds?: MetricThresholdDto[];

  @ApiPropertyOptional({ type: ComplianceRulesDto })
  @NestedObject(() => ComplianceRulesDto)
  @Omittable()
  compliance?: ComplianceRulesDto;
}
