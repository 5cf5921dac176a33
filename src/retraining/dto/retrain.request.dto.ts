import { Text } from '../../common/validation/fields.js';

export class RetrainRequestDto {
  @Text({ example: 'Quarterly refresh on the latest 18 months', minLength: 1, maxLength: 2000 })
  reason: string;
}

export class CancelRetrainingJobRequestDto {
  @Text({ example: 'Data feed under repair; retrain next week', minLength: 1, maxLength: 2000 })
  reason: string;
}
