import { ApiProperty } from '@nestjs/swagger';

import { PageResponseDto } from '../../../common/pagination/page.js';
import type { Experiment } from '../experiment.js';

export class ExperimentResponseDto {
  @ApiProperty({ example: '665f1c2b9d1e8a0012345678' })
  id: string;

  @ApiProperty({ example: 'kospi-momentum' })
  name: string;

  @ApiProperty()
  description: string;

  @ApiProperty({ type: [String] })
  tags: string[];

  @ApiProperty({ type: String, nullable: true })
  owner: string | null;

  @ApiProperty()
  archived: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  archivedAt: Date | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: Date;

  static from(experiment: Experiment): ExperimentResponseDto {
    return Object.assign(new ExperimentResponseDto(), experiment);
  }
}

export class ExperimentPageResponseDto extends PageResponseDto(ExperimentResponseDto) {}
