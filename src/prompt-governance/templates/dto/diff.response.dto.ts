import { ApiProperty } from '@nestjs/swagger';

import type { LineChange } from '../line-diff.js';
import type { FieldChange, VersionDiff } from '../version-diff.js';
import { VariableResponseDto } from './version.response.dto.js';

export class LineChangeResponseDto implements LineChange {
  @ApiProperty({ enum: ['equal', 'add', 'remove'] })
  op: 'equal' | 'add' | 'remove';

  @ApiProperty()
  text: string;

  @ApiProperty({ type: Number, nullable: true, description: '1-based line in the older version' })
  fromLine: number | null;

  @ApiProperty({ type: Number, nullable: true, description: '1-based line in the newer version' })
  toLine: number | null;
}

export class FieldChangeResponseDto implements FieldChange {
  @ApiProperty({ example: 'modelSettings.temperature' })
  field: string;

  @ApiProperty({ example: 0.2 })
  from: unknown;

  @ApiProperty({ example: 0 })
  to: unknown;
}

export class VariableChangesResponseDto {
  @ApiProperty({ type: [VariableResponseDto] })
  added: VariableResponseDto[];

  @ApiProperty({ type: [VariableResponseDto] })
  removed: VariableResponseDto[];

  @ApiProperty({ type: [FieldChangeResponseDto] })
  changed: FieldChangeResponseDto[];
}

export class CommitMessagesResponseDto {
  @ApiProperty()
  from: string;

  @ApiProperty()
  to: string;
}

export class DiffResponseDto {
  @ApiProperty()
  from: number;

  @ApiProperty()
  to: number;

  @ApiProperty({ type: [LineChangeResponseDto], description: 'Line diff of the content; chat messages read as a role line followed by their lines' })
  content: LineChangeResponseDto[];

  @ApiProperty({ type: [FieldChangeResponseDto], description: 'Changed model settings (and the kind, if it changed)' })
  settings: FieldChangeResponseDto[];

  @ApiProperty({ type: VariableChangesResponseDto })
  variables: VariableChangesResponseDto;

  @ApiProperty({ type: CommitMessagesResponseDto })
  commitMessages: CommitMessagesResponseDto;

  static from(diff: VersionDiff): DiffResponseDto {
    return Object.assign(new DiffResponseDto(), diff);
  }
}
