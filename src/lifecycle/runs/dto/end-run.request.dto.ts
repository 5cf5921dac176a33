import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

import { RUN_STATUSES, type RunStatus } from '../../../../libs/contracts/src/index.js';
import { IsDateTime } from '../../../common/validation/date-time.js';

export class EndTrackedRunRequestDto {
  @ApiProperty({
    enum: RUN_STATUSES,
    example: 'FINISHED',
    description: 'FINISHED, FAILED or KILLED; only a RUNNING run can end, once (409 otherwise, RUNNING included)',
  })
  @IsIn(RUN_STATUSES, { message: `status must be one of ${RUN_STATUSES.join(', ')}` })
  status: RunStatus;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'When training ended (not before startTime); the time of the request when absent' })
  @IsOptional()
  @IsDateTime()
  endTime?: string;
}
