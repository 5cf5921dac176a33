import { RETRAINING_JOB_STATES, type RetrainingJobState } from '../../../libs/contracts/src/index.js';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { OneOf, Text } from '../../common/validation/fields.js';

export class ListRetrainingJobsQueryDto extends PageQueryDto {
  @Text({ optional: true, maxLength: 200, description: 'Only jobs of this model' })
  modelName?: string;

  @OneOf(RETRAINING_JOB_STATES, { optional: true })
  state?: RetrainingJobState;
}
