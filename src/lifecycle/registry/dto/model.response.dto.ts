import type { ModelView } from '../../../../libs/contracts/src/index.js';
import { ActorResponseDto } from '../../../common/auth/actor.response.dto.js';
import { ApiModel, DATE_TIME } from '../../../common/openapi/api-model.js';
import { PageResponseDto } from '../../../common/pagination/page.js';
import type { PendingProductionChange, RegisteredModel } from '../registered-model.js';
import { ChecklistTemplateItemDto } from './model.request.dto.js';

export class PendingProductionChangeResponseDto extends ApiModel<NonNullable<ModelView['pendingProductionChange']>>({
  id: { type: String },
  toVersion: { type: Number, nullable: true, description: 'The version entering PRODUCTION (null when production is being retired)' },
  fromVersion: { type: Number, nullable: true, description: 'The version leaving PRODUCTION' },
  actor: { type: ActorResponseDto },
  requestedAt: DATE_TIME,
}) {
  static from(change: PendingProductionChange): PendingProductionChangeResponseDto {
    const { id, toVersion, fromVersion, actor, requestedAt } = change;
    return Object.assign(new PendingProductionChangeResponseDto(), { id, toVersion, fromVersion, actor, requestedAt });
  }
}

export class ModelResponseDto extends ApiModel<ModelView>({
  id: { type: String, example: '665f1c2b9d1e8a0012345678' },
  name: { type: String, example: 'kospi-momentum' },
  description: { type: String },
  tags: { type: [String] },
  owner: { type: String, nullable: true },
  metricDirections: { type: 'object', additionalProperties: { type: 'string', enum: ['higher', 'lower'] }, example: { sharpe: 'higher' } },
  defaultChecklist: { type: [ChecklistTemplateItemDto] },
  latestVersion: { type: Number, example: 3, description: 'The highest version number handed out so far (0 before the first version)' },
  productionVersion: { type: Number, nullable: true, example: 2, description: 'The production version: the one source of truth for serving' },
  pendingProductionChange: {
    type: PendingProductionChangeResponseDto,
    nullable: true,
    description: 'A production change committed but not yet settled (normally for milliseconds; after a crash, until the next stage change of the model)',
  },
  createdAt: DATE_TIME,
  updatedAt: DATE_TIME,
}) {
  static from(model: RegisteredModel): ModelResponseDto {
    const { productionTransitionId: _, pendingProductionChange, ...rest } = model;
    return Object.assign(new ModelResponseDto(), {
      ...rest,
      pendingProductionChange: pendingProductionChange ? PendingProductionChangeResponseDto.from(pendingProductionChange) : null,
    });
  }
}

export class ModelPageResponseDto extends PageResponseDto(ModelResponseDto) {}
