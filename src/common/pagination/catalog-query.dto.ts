import { Text } from '../validation/fields.js';
import { PageQueryDto } from './page-query.dto.js';

/** Filters shared by the named catalogues (experiments, models): name prefix, tag and owner. */
export class CatalogQueryDto extends PageQueryDto {
  @Text({ optional: true, maxLength: 200, description: 'Only entries whose name starts with this text (matched as text, not as a pattern)' })
  namePrefix?: string;

  @Text({ optional: true, maxLength: 100, description: 'Only entries carrying this tag' })
  tag?: string;

  @Text({ optional: true, maxLength: 200, description: 'Only entries with this owner' })
  owner?: string;
}
