import { Text, Texts } from './fields.js';

/** Description, tags and owner, as every named catalogue entry (experiment, model) takes them. */
export class CatalogEntryRequestDto {
  @Text({ optional: true, example: 'Cross-sectional momentum on KOSPI 200', maxLength: 5000 })
  description?: string;

  @Texts({ optional: true, example: ['equities', 'momentum'], maxItems: 50, maxLength: 100 })
  tags?: string[];

  @Text({ optional: true, example: 'quant-research', maxLength: 200 })
  owner?: string;
}
