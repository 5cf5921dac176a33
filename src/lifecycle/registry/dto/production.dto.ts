import { ApiModel, DATE_TIME, NULLABLE_DATE_TIME, type Json } from '../../../common/openapi/api-model.js';
import { DateTime, Text } from '../../../common/validation/fields.js';

import type { ProductionAt } from '../model-stages.service.js';

export class RollbackRequestDto {
  @Text({ example: 'v7 mis-prices deep OTM puts since the 09:00 release', maxLength: 2000, description: 'Why: an emergency rollback is audited as such' })
  comment: string;
}

export class ProductionAtQueryDto {
  @DateTime({ optional: true, description: 'The moment to ask about; now when absent' })
  at?: string;
}

export class ProductionAtResponseDto extends ApiModel<Json<ProductionAt>>({
  modelName: { type: String, example: 'kospi-momentum' },
  at: DATE_TIME,
  version: { type: 'integer', nullable: true, description: 'The version in PRODUCTION at that moment; null when there was none' },
  since: { ...NULLABLE_DATE_TIME, description: 'Since when it was in PRODUCTION' },
  transitionId: { type: String, nullable: true, description: 'The stage transition that put it there' },
}) {
  static from(answer: ProductionAt): ProductionAtResponseDto {
    return Object.assign(new ProductionAtResponseDto(), { ...answer, at: answer.at.toISOString(), since: answer.since?.toISOString() ?? null });
  }
}
