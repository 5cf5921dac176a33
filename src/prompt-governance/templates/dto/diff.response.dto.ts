import { ApiProperty } from '@nestjs/swagger';

import type { LineChange } from '../line-diff.js';
import type { FieldChange, VersionDiff } from '../version-diff.js';
import { PromptVariableResponseDto } from './version.response.dto.js';

export class PromptLineChangeResponseDto implements LineChange {
  @ApiProperty({ enum: ['equal', 'add', 'remove'] })
  op: 'equal' | 'add' | 'remove';

  @ApiProperty()
  text: string;

  @ApiProperty({ type: Number, nullable: true, description: '1-based line in the older version' })
  fromLine: number | null;

  @ApiProperty({ type: Number, nullable: true, description: '1-based line in the newer version' })
  toLine: number | null;
}

/** A setting's or a variable's value: text, a number or a flag, or null where the setting has none. */
const FIELD_VALUE = { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }], nullable: true };

export class PromptFieldChangeResponseDto implements FieldChange {
  @ApiProperty({ example: 'modelSettings.temperature' })
  field: string;

  @ApiProperty({ ...FIELD_VALUE, example: 0.2 })
  from: unknown;

  @ApiProperty({ ...FIELD_VALUE, example: 0 })
  to: unknown;
}

export class PromptVariableChangesResponseDto {
  @ApiProperty({ type: [PromptVariableResponseDto] })
  added: PromptVariableResponseDto[];

  @ApiProperty({ type: [PromptVariableResponseDto] })
  removed: PromptVariableResponseDto[];

  @ApiProperty({ type: [PromptFieldChangeResponseDto] })
  changed: PromptFieldChangeResponseDto[];
}

export class PromptCommitMessagesResponseDto {
  @ApiProperty()
  from: string;

  @ApiProperty()
  to: string;
}

export class PromptDiffResponseDto {
  @ApiProperty()
  from: number;

  @ApiProperty()
  to: number;

  @ApiProperty({ type: [PromptLineChangeResponseDto], description: 'Line diff of the content; chat messages read as a role line followed by their lines' })
  content: PromptLineChangeResponseDto[];

  @ApiProperty({ type: [PromptFieldChangeResponseDto], description: 'Changed model settings (and the kind, if it changed)' })
  settings: PromptFieldChangeResponseDto[];

  @ApiProperty({ type: PromptVariableChangesResponseDto })
  variables: PromptVariableChangesResponseDto;

  @ApiProperty({ type: PromptCommitMessagesResponseDto })
  commitMessages: PromptCommitMessagesResponseDto;

  static from(diff: VersionDiff): PromptDiffResponseDto {
    return Object.assign(new PromptDiffResponseDto(), diff);
  }
}
