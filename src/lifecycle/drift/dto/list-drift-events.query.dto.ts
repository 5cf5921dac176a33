import { DRIFT_SEVERITIES, DRIFT_STATUSES, type DriftSeverity, type DriftStatus } from '../../../../libs/contracts/src/index.js';
import { PageQueryDto } from '../../../common/pagination/page-query.dto.js';
import { DateTime, Int, OneOf, Text } from '../../../common/validation/fields.js';

export class ListDriftEventsQueryDto extends PageQueryDto {
  @Text({ optional: true, maxLength: 200 })
  modelName?: string;

  @Int({ optional: true, query: true, minimum: 1 })
  modelVersion?: number;

  @OneOf(DRIFT_SEVERITIES, { optional: true })
  severity?: DriftSeverity;

  @OneOf(DRIFT_STATUSES, { optional: true })
  status?: DriftStatus;

  @DateTime({ optional: true, description: 'Detected at or after this time' })
  from?: string;

  @DateTime({ optional: true, description: 'Detected at or before this time; not before from' })
  to?: string;
}
