import { PageQueryDto } from '../../../common/pagination/page-query.dto.js';
import { OneOf, Text } from '../../../common/validation/fields.js';

export class ListApiKeysQueryDto extends PageQueryDto {
  @Text({ optional: true, maxLength: 300, description: 'Only keys of this owner (stable id)', example: 'service:ci' })
  ownerId?: string;

  @OneOf(['true', 'false'], { optional: true, default: 'false', description: 'Include revoked keys' })
  includeRevoked?: 'true' | 'false';
}
