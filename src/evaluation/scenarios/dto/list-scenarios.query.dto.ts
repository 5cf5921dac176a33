import { IsOptional } from 'class-validator';

import { PageQueryDto } from '../../../common/pagination/page-query.dto.js';
import { Text } from '../../../common/validation/fields.js';

export class ListScenariosQueryDto extends PageQueryDto {
  @Text({ maxLength: 200, description: 'Only scenarios of this model', optional: IsOptional() })
  modelName?: string;

  @Text({ maxLength: 200, description: 'Only scenarios whose name starts with this text', optional: IsOptional() })
  namePrefix?: string;
}
