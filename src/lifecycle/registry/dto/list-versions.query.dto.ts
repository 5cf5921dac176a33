import { MODEL_STAGES, type ModelStage } from '../../../../libs/contracts/src/index.js';
import { PageQueryDto } from '../../../common/pagination/page-query.dto.js';
import { OneOf } from '../../../common/validation/fields.js';

export class ListVersionsQueryDto extends PageQueryDto {
  @OneOf(MODEL_STAGES, { optional: true, description: 'Only versions in this stage' })
  stage?: ModelStage;
}
