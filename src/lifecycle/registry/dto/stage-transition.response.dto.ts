import { ApiProperty } from '@nestjs/swagger';

import { MODEL_STAGES, type ModelStage } from '../../../../libs/contracts/src/index.js';
import { ActorResponseDto } from '../../../common/auth/actor.response.dto.js';
import { PageResponseDto } from '../../../common/pagination/page.js';
import { TRANSITION_REASONS, type ModelStageTransition, type TransitionReason } from '../model-stage-transition.js';

export class StageTransitionResponseDto {
  @ApiProperty({ example: '665f1c2b9d1e8a00123456bb' })
  id: string;

  @ApiProperty({ example: 'kospi-momentum' })
  modelName: string;

  @ApiProperty({ example: 3 })
  version: number;

  @ApiProperty({ enum: MODEL_STAGES })
  from: ModelStage;

  @ApiProperty({ enum: MODEL_STAGES })
  to: ModelStage;

  @ApiProperty({ type: ActorResponseDto, description: 'Who asked for the change (for REPLACED: who promoted the successor)' })
  actor: ActorResponseDto;

  @ApiProperty()
  comment: string;

  @ApiProperty({ enum: TRANSITION_REASONS, description: 'REPLACED: archived because another version was promoted to PRODUCTION; ROLLBACK: put back in PRODUCTION by an emergency rollback' })
  reason: TransitionReason;

  @ApiProperty({ type: String, format: 'date-time' })
  at: Date;

  static from(transition: ModelStageTransition): StageTransitionResponseDto {
    return Object.assign(new StageTransitionResponseDto(), transition);
  }
}

export class StageTransitionPageResponseDto extends PageResponseDto(StageTransitionResponseDto) {}
