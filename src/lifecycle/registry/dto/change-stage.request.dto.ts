import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

import { MODEL_STAGES, type ModelStage } from '../../../../libs/contracts/src/index.js';

export class ChangeStageRequestDto {
  @ApiProperty({ enum: MODEL_STAGES, example: 'STAGING' })
  @IsIn(MODEL_STAGES)
  stage: ModelStage;

  @ApiPropertyOptional({ example: 'Backtest 2015-2024 reviewed by the risk committee', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}
