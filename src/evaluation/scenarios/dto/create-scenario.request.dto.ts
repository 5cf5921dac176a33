import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';

import { RETURN_FREQUENCIES, type ReturnFrequency } from '../../../../libs/contracts/src/index.js';
import { NAME_PATTERN, NAME_RULE } from '../../../common/validation/patterns.js';
import { BaselineDto, BenchmarkDto, ComplianceRulesDto, MetricThresholdDto, PeriodDto, StressEventDto } from './scenario-parts.dto.js';

export class CreateScenarioRequestDto {
  @ApiProperty({ example: 'kospi-momentum-2015-2024', description: `Unique; ${NAME_RULE}` })
  @IsString()
  @Matches(NAME_PATTERN, { message: `name must be ${NAME_RULE}` })
  name: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'kospi-momentum', description: 'The registered model the scenario belongs to: each new version of it is evaluated here' })
  @IsOptional()
  @IsString()
  @Matches(NAME_PATTERN, { message: `modelName must be ${NAME_RULE}` })
  modelName?: string | null;

  @ApiPropertyOptional({ enum: RETURN_FREQUENCIES, default: 'DAILY', description: 'Frequency of every return series: 252, 52 or 12 periods a year' })
  @IsOptional()
  @IsIn(RETURN_FREQUENCIES)
  frequency?: ReturnFrequency;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 0.03, description: 'Annual risk-free rate; default EVALUATION_RISK_FREE_RATE' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-0.05)
  @Max(0.5)
  riskFreeRate?: number | null;

  @ApiPropertyOptional({ type: PeriodDto, nullable: true, description: "Candidate dates must fall inside it; default the baseline's dates" })
  @IsOptional()
  @ValidateNested()
  @Type(() => PeriodDto)
  period?: PeriodDto | null;

  @ApiProperty({ type: BaselineDto })
  @ValidateNested()
  @Type(() => BaselineDto)
  baseline: BaselineDto;

  @ApiPropertyOptional({ type: BenchmarkDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => BenchmarkDto)
  benchmark?: BenchmarkDto | null;

  @ApiPropertyOptional({ type: [StressEventDto], maxItems: 50 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => StressEventDto)
  stressEvents?: StressEventDto[];

  @ApiPropertyOptional({ type: [MetricThresholdDto], maxItems: 100 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => MetricThresholdDto)
  thresholds?: MetricThresholdDto[];

  @ApiPropertyOptional({ type: ComplianceRulesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ComplianceRulesDto)
  compliance?: ComplianceRulesDto;
}
