import { ApiModel } from '../../../common/openapi/api-model.js';
import type { LineChange } from '../line-diff.js';
import type { FieldChange, VersionDiff } from '../version-diff.js';
import { PromptVariableResponseDto } from './version.response.dto.js';

export class PromptLineChangeResponseDto extends ApiModel<LineChange>({
  op: { enum: ['equal', 'add', 'remove'] },
  text: { type: String },
  fromLine: { type: Number, nullable: true, description: '1-based line in the older version' },
  toLine: { type: Number, nullable: true, description: '1-based line in the newer version' },
}) {}

/** A setting's or a variable's value: text, a number or a flag, or null where the setting has none. */
const FIELD_VALUE = { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }], nullable: true as const };

export class PromptFieldChangeResponseDto extends ApiModel<FieldChange>({
  field: { type: String, example: 'modelSettings.temperature' },
  from: { ...FIELD_VALUE, example: 0.2 },
  to: { ...FIELD_VALUE, example: 0 },
}) {}

export class PromptVariableChangesResponseDto extends ApiModel<VersionDiff['variables']>({
  added: { type: [PromptVariableResponseDto] },
  removed: { type: [PromptVariableResponseDto] },
  changed: { type: [PromptFieldChangeResponseDto] },
}) {}

export class PromptCommitMessagesResponseDto extends ApiModel<VersionDiff['commitMessages']>({
  from: { type: String },
  to: { type: String },
}) {}

export class PromptDiffResponseDto extends ApiModel<VersionDiff>({
  from: { type: Number },
  to: { type: Number },
  content: { type: [PromptLineChangeResponseDto], description: 'Line diff of the content; chat messages read as a role line followed by their lines' },
  settings: { type: [PromptFieldChangeResponseDto], description: 'Changed model settings (and the kind, if it changed)' },
  variables: { type: PromptVariableChangesResponseDto },
  commitMessages: { type: PromptCommitMessagesResponseDto },
}) {
  static from(diff: VersionDiff): PromptDiffResponseDto {
    return Object.assign(new PromptDiffResponseDto(), diff);
  }
}
