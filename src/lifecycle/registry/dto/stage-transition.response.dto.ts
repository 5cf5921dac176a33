import { MODEL_STAGES, type StageTransitionView } from '../../../../libs/contracts/src/index.js';
import { ActorResponseDto } from '../../../common/auth/actor.response.dto.js';
import { ApiModel, DATE_TIME } from '../../../common/openapi/api-model.js';
import { PageResponseDto } from '../../../common/pagination/page.js';
import { TRANSITION_REASONS, type ModelStageTransition } from '../model-stage-transition.js';

export class StageTransitionResponseDto extends ApiModel<StageTransitionView>({
  id: { type: String, example: '665f1c2b9d1e8a00123456bb' },
  modelName: { type: String, example: 'kospi-momentum' },
  version: { type: Number, example: 3 },
  from: { enum: MODEL_STAGES },
  to: { enum: MODEL_STAGES },
  actor: { type: ActorResponseDto, description: 'Who asked for the change (for REPLACED: who promoted the successor)' },
  comment: { type: String },
  reason: { enum: TRANSITION_REASONS, description: 'REPLACED: archived because another version was promoted to PRODUCTION; ROLLBACK: put back in PRODUCTION by an emergency rollback' },
  at: DATE_TIME,
}) {
  static from(transition: ModelStageTransition): StageTransitionResponseDto {
    return Object.assign(new StageTransitionResponseDto(), transition);
  }
}

export class StageTransitionPageResponseDto extends PageResponseDto(StageTransitionResponseDto) {}
