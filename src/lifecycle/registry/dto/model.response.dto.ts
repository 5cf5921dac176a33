import { ApiProperty } from '@nestjs/swagger';

import { ActorResponseDto } from '../../../common/auth/actor.response.dto.js';
import { PageResponseDto } from '../../../common/pagination/page.js';
import type { MetricDirection } from '../comparison/metric-directions.js';
import type { PendingProductionChange, RegisteredModel } from '../registered-model.js';
import { ChecklistTemplateItemDto } from './checklist-template-item.dto.js';

export class PendingProductionChangeResponseDto {
  @ApiProperty()
  id: string;

  @ApiProperty({ type: Number, nullable: true, description: 'The version entering PRODUCTION (null when production is being retired)' })
  toVersion: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'The version leaving PRODUCTION' })
  fromVersion: number | null;

  @ApiProperty({ type: ActorResponseDto })
  actor: ActorResponseDto;

  @ApiProperty({ type: String, format: 'date-time' })
  requestedAt: Date;

  static from(change: PendingProductionChange): PendingProductionChangeResponseDto {
    const { id, toVersion, fromVersion, actor, requestedAt } = change;
    return Object.assign(new PendingProductionChangeResponseDto(), { id, toVersion, fromVersion, actor, requestedAt });
  }
}

export class ModelResponseDto {
  @ApiProperty({ example: '665f1c2b9d1e8a0012345678' })
  id: string;

  @ApiProperty({ example: 'kospi-momentum' })
  name: string;

  @ApiProperty()
  description: string;

  @ApiProperty({ type: [String] })
  tags: string[];

  @ApiProperty({ type: String, nullable: true })
  owner: string | null;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string', enum: ['higher', 'lower'] }, example: { sharpe: 'higher' } })
  metricDirections: Record<string, MetricDirection>;

  @ApiProperty({ type: [ChecklistTemplateItemDto] })
  defaultChecklist: ChecklistTemplateItemDto[];

  @ApiProperty({ example: 3, description: 'The highest version number handed out so far (0 before the first version)' })
  latestVersion: number;

  @ApiProperty({ type: Number, nullable: true, example: 2, description: 'The production version: the one source of truth for serving' })
  productionVersion: number | null;

  @ApiProperty({
    type: PendingProductionChangeResponseDto,
    nullable: true,
    description: 'A production change committed but not yet settled (normally for milliseconds; after a crash, until the next stage change of the model)',
  })
  pendingProductionChange: PendingProductionChangeResponseDto | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: Date;

  static from(model: RegisteredModel): ModelResponseDto {
    const { productionTransitionId: _, pendingProductionChange, ...rest } = model;
    return Object.assign(new ModelResponseDto(), {
      ...rest,
      pendingProductionChange: pendingProductionChange ? PendingProductionChangeResponseDto.from(pendingProductionChange) : null,
    });
  }
}

export class ModelPageResponseDto extends PageResponseDto(ModelResponseDto) {}
