import { CatalogQueryDto } from '../../../common/pagination/catalog-query.dto.js';

export class ListModelsQueryDto extends CatalogQueryDto {}
