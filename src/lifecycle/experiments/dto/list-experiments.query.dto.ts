import { CatalogQueryDto } from '../../../common/pagination/catalog-query.dto.js';
import { OneOf } from '../../../common/validation/fields.js';

export class ListExperimentsQueryDto extends CatalogQueryDto {
  @OneOf(['true', 'false'], { optional: true, default: 'false', description: 'Include archived experiments' })
  includeArchived?: string;
}
