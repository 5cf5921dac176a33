import { OneOf, Text } from '../../../common/validation/fields.js';

export class UpdateDriftEventRequestDto {
  @OneOf(['ACKNOWLEDGED', 'RESOLVED'], { description: 'OPEN → ACKNOWLEDGED → RESOLVED, or OPEN → RESOLVED' })
  status: 'ACKNOWLEDGED' | 'RESOLVED';

  @Text({ example: 'Retrained as version 4; PSI back under 0.05', minLength: 1, maxLength: 5000 })
  note: string;
}
