import type { ExperimentView } from '../../../../libs/contracts/src/index.js';
import { ApiModel, DATE_TIME, NULLABLE_DATE_TIME } from '../../../common/openapi/api-model.js';
import { PageResponseDto } from '../../../common/pagination/page.js';
import type { Experiment } from '../experiment.js';

export class ExperimentResponseDto extends ApiModel<ExperimentView>({
  id: { type: String, example: '665f1c2b9d1e8a0012345678' },
  name: { type: String, example: 'kospi-momentum' },
  description: { type: String },
  tags: { type: [String] },
  owner: { type: String, nullable: true },
  archived: { type: Boolean },
  archivedAt: NULLABLE_DATE_TIME,
  createdAt: DATE_TIME,
  updatedAt: DATE_TIME,
}) {
  static from(experiment: Experiment): ExperimentResponseDto {
    return Object.assign(new ExperimentResponseDto(), experiment);
  }
}

export class ExperimentPageResponseDto extends PageResponseDto(ExperimentResponseDto) {}
